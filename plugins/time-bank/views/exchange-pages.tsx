import { Field, FormErrorSummary, formatDateTime, useMessages, Table } from '../../../core/plugin-api.ts';
import type { ExchangeView } from '../exchanges.ts';
import { messages } from '../messages.ts';
import { ButtonForm, Credits, hasErrors, type FormState, useTimeBank } from './parts.tsx';

export function StatusBadge({ status }: { status: ExchangeView['status'] }) {
  const t = useMessages(messages);
  return <span class={status === 'open' || status === 'disputed' ? 'badge' : 'badge off'}>{t[`status_${status}`]}</span>;
}

/** Exchanges as a table: what, who helps whom, how much, where it stands. */
export function ExchangeRows({ rows }: { rows: ExchangeView[] }) {
  const t = useMessages(messages);
  const { tb, locale } = useTimeBank();
  return (
    <Table
      class="exchanges"
      columns={[t.listingTitle, `${t.provider} → ${t.requester}`, t.price, t.status]}
      rows={rows}
      cells={(e) => [
        <>
          <a href={tb(`/exchanges/${e.id}`)}>{e.title}</a>
          <div class="muted">{formatDateTime(e.createdAt, locale)}</div>
        </>,
        <>{e.providerName} → {e.requesterName}</>,
        <Credits amount={e.credits} />,
        <StatusBadge status={e.status} />,
      ]}
    />
  );
}

export function ExchangesPage({ rows }: { rows: ExchangeView[] }) {
  const t = useMessages(messages);
  const { tb } = useTimeBank();
  return (
    <>
      <h1>{t.exchangesTitle}</h1>
      <p class="actions"><a class="button secondary" href={tb('/market')}>{t.marketTitle}</a></p>
      <ExchangeRows rows={rows} />
    </>
  );
}

/** One exchange: both sides, their confirmations, and what the viewer may do next. */
export function ExchangePage(props: { exchange: ExchangeView; viewerId: string; dispute: FormState }) {
  const t = useMessages(messages);
  const { tb } = useTimeBank();
  const e = props.exchange;
  const mine = e.providerId === props.viewerId ? e.providerConfirmedAt : e.requesterConfirmedAt;
  const confirmation = (who: string, at: Date | null) => <li>{at ? t.confirmedBy(who) : t.waitingFor(who)}</li>;
  return (
    <>
      <section class="card" id="exchange">
        <h1>{e.title} <StatusBadge status={e.status} /></h1>
        <dl class="facts">
          <dt>{t.provider}</dt>
          <dd>{e.providerName}</dd>
          <dt>{t.requester}</dt>
          <dd>{e.requesterName}</dd>
          <dt>{t.price}</dt>
          <dd><Credits amount={e.credits} /></dd>
        </dl>
        {e.message && <p class="pre-line">{e.message}</p>}
        <ul class="confirmations">
          {confirmation(e.providerName, e.providerConfirmedAt)}
          {confirmation(e.requesterName, e.requesterConfirmedAt)}
        </ul>
        {e.disputeReason && <p class="flash flash-error pre-line">{e.disputeReason}</p>}
        {e.resolutionNote && <p class="flash flash-info pre-line">{e.resolutionNote}</p>}
        {e.status === 'open' && (
          <div class="actions">
            {!mine && <ButtonForm action={tb(`/exchanges/${e.id}/confirm`)} label={t.confirm} />}
            <ButtonForm action={tb(`/exchanges/${e.id}/cancel`)} label={t.cancel} secondary />
          </div>
        )}
        {e.status === 'open' && !mine && <p class="muted">{t.confirmHint}</p>}
      </section>
      {e.status === 'open' && (
        <section class="card" id="dispute">
          <h2>{t.dispute}</h2>
          <p class="muted">{t.disputeHint}</p>
          <FormErrorSummary show={hasErrors(props.dispute)} />
          <form method="post" action={tb(`/exchanges/${e.id}/dispute`)} class="stack">
            <Field name="reason" label={t.disputeReason} type="textarea" value={props.dispute.values.reason} error={props.dispute.errors.reason} required maxlength={500} />
            <p><button type="submit" class="secondary">{t.dispute}</button></p>
          </form>
        </section>
      )}
    </>
  );
}
