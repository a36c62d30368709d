import { ChainLink, formatDateTime, Pagination, useMessages, type StatementLine, Table, YourAccountRef } from '../../../core/plugin-api.ts';
import { messages } from '../messages.ts';
import { reasonOf } from '../statement-lines.ts';
import { Credits, useTimeBank } from './parts.tsx';

/** Every movement of a member's credits with its reason and the running balance, newest first. */
export function StatementPage(props: { lines: StatementLine[]; total: number; accountRefs: string[]; page: number; pageSize: number }) {
  const t = useMessages(messages);
  const { tb, locale } = useTimeBank();
  return (
    <>
      <h1>{t.statementTitle}</h1>
      <p class="actions">
        <a class="button secondary" href={tb('/statement.csv')}>{t.exportCsv}</a>
      </p>
      <YourAccountRef refs={props.accountRefs} />
      <Table
        id="statement"
        columns={[t.date, t.reason, t.change, t.runningBalance, t.inLedger]}
        rows={props.lines}
        cells={(l) => [
          formatDateTime(l.postedAt, locale),
          reasonOf(t, l),
          <>{l.amount > 0 ? '+' : ''}<Credits amount={l.amount} /></>,
          <Credits amount={l.balance} />,
          <ChainLink seq={l.seq} />,
        ]}
      />
      <Pagination page={props.page} total={props.total} pageSize={props.pageSize} href={(p) => tb(`/statement?page=${p}`)} />
    </>
  );
}
