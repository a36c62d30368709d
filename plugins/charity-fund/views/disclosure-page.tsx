import { ChainLink, FormErrorSummary, formatDateTime, Money, Table, useMessages, usePage } from '../../../core/plugin-api.ts';
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

/** An amount's place on the public ledger; empty for what was never posted. */
function InLedger({ report, transferId }: { report: Disclosure; transferId: string | null }) {
  const seq = transferId ? report.ledgerNumbers.get(transferId) : undefined;
  return seq === undefined ? null : <ChainLink seq={seq} />;
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
      <Table
        columns={[d.date, { label: d.receipt, class: 'code' }, d.donor, d.amount, d.project, d.message, d.inLedger]}
        rows={r.donations}
        cells={({ donation: x, stationName, projectTitle }) => [
          when(x.confirmedAt),
          x.receiptNumber,
          <>
            <DonorName name={x.donorName} visibility={x.visibility} />
            {stationName && <div class="muted">{d.station}: {stationName}</div>}
          </>,
          <Money fen={x.amountFen} />,
          projectTitle ?? d.fundItself,
          x.message,
          <InLedger report={r} transferId={x.transferId} />,
        ]}
      />
      <h3>{d.grants}</h3>
      <Table
        columns={[d.date, d.project, d.amount, d.purpose, d.inLedger]}
        rows={r.grants}
        cells={({ grant: g, projectTitle }) => [when(g.decidedAt), projectTitle, <Money fen={g.amountFen} />, g.note, <InLedger report={r} transferId={g.transferId} />]}
      />
      <h3>{d.expenses}</h3>
      <Table
        columns={[d.date, d.purpose, d.payee, d.amount, d.documentRef, d.project, d.inLedger]}
        rows={r.expenses}
        cells={({ expense: x, projectTitle }) => [
          when(x.decidedAt),
          x.purpose,
          x.payee,
          <Money fen={x.amountFen} />,
          x.documentRef,
          projectTitle ?? d.fundItself,
          <InLedger report={r} transferId={x.transferId} />,
        ]}
      />
      <h3>{d.gifts}</h3>
      <Table
        columns={[d.date, d.item, d.quantity, d.estimated, d.donor, d.station]}
        rows={r.gifts}
        cells={({ gift: g, stationName }) => [
          when(g.createdAt),
          g.item,
          `${g.quantity} ${g.unit}`,
          <Money fen={g.estimatedFen} />,
          <DonorName name={g.donorName} visibility={g.visibility} />,
          stationName,
        ]}
      />
    </>
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
      {r.chain.seq > 0 && <p><ChainLink seq={r.chain.seq} /> · {d.hashCheck}</p>}
    </section>
  );
}
