import { EmptyRow, formatDateTime, Pagination, useMessages, type StatementLine } from '../../../core/plugin-api.ts';
import { messages } from '../messages.ts';
import { reasonOf } from '../statement-lines.ts';
import { Credits, useTimeBank } from './parts.tsx';

/** Every movement of a member's credits with its reason and the running balance, newest first. */
export function StatementPage(props: { lines: StatementLine[]; total: number; page: number; pageSize: number }) {
  const t = useMessages(messages);
  const { tb, locale } = useTimeBank();
  return (
    <>
      <h1>{t.statementTitle}</h1>
      <p class="actions">
        <a class="button secondary" href={tb('/statement.csv')}>{t.exportCsv}</a>
      </p>
      <div class="table-wrap">
        <table id="statement">
          <thead>
            <tr>
              <th>{t.date}</th>
              <th>{t.reason}</th>
              <th>{t.change}</th>
              <th>{t.runningBalance}</th>
            </tr>
          </thead>
          <tbody>
            {props.lines.length === 0 && <EmptyRow columns={4} />}
            {props.lines.map((l) => (
              <tr>
                <td>{formatDateTime(l.postedAt, locale)}</td>
                <td>{reasonOf(t, l)}</td>
                <td>{l.amount > 0 ? '+' : ''}<Credits amount={l.amount} /></td>
                <td><Credits amount={l.balance} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={props.page} total={props.total} pageSize={props.pageSize} href={(p) => tb(`/statement?page=${p}`)} />
    </>
  );
}
