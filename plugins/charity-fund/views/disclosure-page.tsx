import { EmptyRow, FormErrorSummary, formatDateTime, Money, useMessages, usePage } from '../../../core/plugin-api.ts';
import type { Disclosure } from '../disclosure.ts';
import type { Fund } from '../funds.ts';
import { fundMessages } from '../messages.ts';
import { disclosureMessages } from '../work-messages.ts';
import { DonorName, PluginStyle, Progress, usePluginPath } from './parts.tsx';

export type DisclosurePageProps = { fund: Fund; report: Disclosure | null; month: string; monthError?: string };

/** Anyone, signed in or not: where every yuan of the fund came from and went to, month by month. */
export function DisclosurePage({ fund, report, month, monthError }: DisclosurePageProps) {
  const d = useMessages(disclosureMessages);
  const t = useMessages(fundMessages);
  const p = usePluginPath();
  return (
    <>
      <p><a href={p(`/funds/${fund.id}`)}>{fund.name}</a></p>
      <PluginStyle />
      <h1>{d.title(fund.name)}</h1>
      <p class="muted">{d.intro}</p>
      <FormErrorSummary show={Boolean(monthError)} />
      <form method="get" action={p(`/funds/${fund.id}/disclosure`)} class="actions month-picker">
        <label for="f-month">{d.month}</label>
        <input id="f-month" type="month" name="month" value={month} aria-invalid={monthError ? 'true' : undefined} aria-describedby={monthError ? 'f-month-error' : undefined} />
        <button type="submit" class="secondary">{d.show}</button>
        {monthError && <small id="f-month-error" class="error">{monthError}</small>}
      </form>
      {report && (
        <>
          <section class="card" id="totals">
            <h2>{d.allTime}</h2>
            <Progress raised={report.totals.raised} target={fund.targetFen} />
            <dl class="facts">
              <dt>{t.raised}</dt>
              <dd data-total="raised"><Money fen={report.totals.raised} /></dd>
              <dt>{t.spent}</dt>
              <dd data-total="spent"><Money fen={report.totals.spent} /></dd>
              <dt>{t.balance}</dt>
              <dd data-total="balance"><Money fen={report.totals.balance} /></dd>
              <dt>{d.projectsSpent}</dt>
              <dd><Money fen={report.projectsSpent.total} /></dd>
            </dl>
          </section>
          <MonthReport report={report} />
          <p><a class="button secondary" href={p(`/funds/${fund.id}/disclosure.csv?month=${report.period.month}`)} download>{d.csv}</a></p>
          <ChainHash report={report} />
        </>
      )}
    </>
  );
}

function MonthReport({ report: r }: { report: Disclosure }) {
  const d = useMessages(disclosureMessages);
  const { locale } = usePage();
  const when = (at: Date | null) => (at ? formatDateTime(at, locale) : '');
  return (
    <>
      <h2>{d.monthReport(r.period.month)}</h2>
      <dl class="facts">
        <dt>{d.monthRaised}</dt>
        <dd data-month="raised"><Money fen={r.month.raised} /></dd>
        <dt>{d.monthSpent}</dt>
        <dd data-month="spent"><Money fen={r.month.spent} /></dd>
        <dt>{d.projectsSpent}</dt>
        <dd><Money fen={r.projectsSpent.month} /></dd>
        <dt>{d.giftsTotal}</dt>
        <dd><Money fen={r.giftsEstimatedFen} /></dd>
      </dl>
      <h3>{d.donations}</h3>
      <Table head={[d.date, d.receipt, d.donor, d.amount, d.project, d.message]}>
        {r.donations.map(({ donation: x, stationName, projectTitle }) => (
          <tr>
            <td>{when(x.confirmedAt)}</td>
            <td class="code">{x.receiptNumber}</td>
            <td><DonorName name={x.donorName} visibility={x.visibility} />{stationName && <div class="muted">{d.station}: {stationName}</div>}</td>
            <td><Money fen={x.amountFen} /></td>
            <td>{projectTitle ?? d.fundItself}</td>
            <td>{x.message}</td>
          </tr>
        ))}
      </Table>
      <h3>{d.grants}</h3>
      <Table head={[d.date, d.project, d.amount, d.purpose]}>
        {r.grants.map(({ grant: g, projectTitle }) => (
          <tr><td>{when(g.decidedAt)}</td><td>{projectTitle}</td><td><Money fen={g.amountFen} /></td><td>{g.note}</td></tr>
        ))}
      </Table>
      <h3>{d.expenses}</h3>
      <Table head={[d.date, d.purpose, d.payee, d.amount, d.documentRef, d.project]}>
        {r.expenses.map(({ expense: x, projectTitle }) => (
          <tr><td>{when(x.decidedAt)}</td><td>{x.purpose}</td><td>{x.payee}</td><td><Money fen={x.amountFen} /></td><td>{x.documentRef}</td><td>{projectTitle ?? d.fundItself}</td></tr>
        ))}
      </Table>
      <h3>{d.gifts}</h3>
      <Table head={[d.date, d.item, d.quantity, d.estimated, d.donor, d.station]}>
        {r.gifts.map(({ gift: g, stationName }) => (
          <tr><td>{when(g.createdAt)}</td><td>{g.item}</td><td>{g.quantity} {g.unit}</td><td><Money fen={g.estimatedFen} /></td><td><DonorName name={g.donorName} visibility={g.visibility} /></td><td>{stationName}</td></tr>
        ))}
      </Table>
    </>
  );
}

function Table(props: { head: string[]; children?: unknown }) {
  const rows = [props.children].flat(2).filter(Boolean);
  return (
    <div class="table-wrap">
      <table>
        <thead><tr>{props.head.map((h) => <th>{h}</th>)}</tr></thead>
        <tbody>{rows.length === 0 ? <EmptyRow columns={props.head.length} /> : rows}</tbody>
      </table>
    </div>
  );
}

function ChainHash({ report: r }: { report: Disclosure }) {
  const d = useMessages(disclosureMessages);
  const { locale } = usePage();
  const at = formatDateTime(r.chain.asOf, locale);
  return (
    <section class="card" id="ledger-hash">
      <h2>{d.hashTitle}</h2>
      <p>{r.chain.final ? d.hashFinal(at) : d.hashSoFar(at)}{d.hashSeq(r.chain.seq)}</p>
      <p><code class="hash">{r.chain.hash}</code></p>
      <p class="muted">{d.hashHow}</p>
    </section>
  );
}
