import { Field, FormErrorSummary, formatDate, Pagination, useMessages } from '../../../core/plugin-api.ts';
import type { ExchangeView, Listing } from '../exchanges.ts';
import { messages } from '../messages.ts';
import type { ListingKind } from '../schema.ts';
import { ExchangeRows } from './exchange-pages.tsx';
import { Credits, hasErrors, type FormState, useTimeBank, ButtonForm } from './parts.tsx';

type ListingRow = Listing & { authorName: string };

function KindBadge({ kind }: { kind: ListingKind }) {
  const t = useMessages(messages);
  return <span class="badge">{kind === 'offer' ? t.offerBadge : t.requestBadge}</span>;
}

/** Open offers and requests, newest first, filtered by kind. */
export function MarketPage(props: { rows: ListingRow[]; total: number; page: number; pageSize: number; kind: ListingKind | null }) {
  const t = useMessages(messages);
  const { tb, locale } = useTimeBank();
  const filter = (kind: ListingKind | null, label: string) =>
    props.kind === kind ? <strong>{label}</strong> : <a href={tb(kind ? `/market?kind=${kind}` : '/market')}>{label}</a>;
  return (
    <>
      <h1>{t.marketTitle}</h1>
      <p class="muted">{t.marketIntro}</p>
      <p class="actions">
        {filter(null, t.all)} {filter('offer', t.offers)} {filter('request', t.requests)}
        <a class="button" href={tb('/market/new')}>{t.newListing}</a>
        <a class="button secondary" href={tb('/exchanges')}>{t.myExchanges}</a>
      </p>
      {props.rows.map((l) => (
        <section class="card listing">
          <h2>
            <KindBadge kind={l.kind} /> <a href={tb(`/market/${l.id}`)}>{l.title}</a>
          </h2>
          <p class="muted">{t.by(l.authorName)} · {formatDate(l.createdAt, locale)} · <Credits amount={l.credits} /></p>
        </section>
      ))}
      {props.rows.length === 0 && <p class="muted">—</p>}
      <Pagination page={props.page} total={props.total} pageSize={props.pageSize} href={(p) => tb(`/market?page=${p}${props.kind ? `&kind=${props.kind}` : ''}`)} />
    </>
  );
}

export function NewListingPage({ form }: { form: FormState }) {
  const t = useMessages(messages);
  const { tb } = useTimeBank();
  const kind = form.values.kind ?? 'offer';
  return (
    <section class="card">
      <h1>{t.newListingTitle}</h1>
      <FormErrorSummary show={hasErrors(form)} />
      <form method="post" action={tb('/market/new')} class="stack">
        <fieldset id="f-kind" class={form.errors.kind ? 'field checks has-error' : 'field checks'}>
          <legend>{t.kind}</legend>
          <label for="f-kind-offer"><input id="f-kind-offer" type="radio" name="kind" value="offer" checked={kind === 'offer'} /> {t.kindOffer}</label>
          <label for="f-kind-request"><input id="f-kind-request" type="radio" name="kind" value="request" checked={kind === 'request'} /> {t.kindRequest}</label>
          {form.errors.kind && <small id="f-kind-error" class="error">{form.errors.kind}</small>}
        </fieldset>
        <Field name="title" label={t.listingTitle} hint={t.listingTitleHint} value={form.values.title} error={form.errors.title} required maxlength={60} />
        <Field name="description" label={t.description} hint={t.descriptionHint} type="textarea" value={form.values.description} error={form.errors.description} required maxlength={1000} />
        <Field name="credits" label={t.price} hint={t.priceHint} inputmode="decimal" value={form.values.credits} error={form.errors.credits} required />
        <p><button type="submit">{t.publish}</button></p>
      </form>
    </section>
  );
}

/** One listing: who posted it, its price, a response form for others, its responses for the author. */
export function ListingPage(props: { listing: ListingRow; viewerId: string; responses: ExchangeView[]; form: FormState }) {
  const t = useMessages(messages);
  const { tb, locale } = useTimeBank();
  const l = props.listing;
  const own = l.authorId === props.viewerId;
  return (
    <>
      <section class="card">
        <h1><KindBadge kind={l.kind} /> {l.title}</h1>
        <p class="muted">{t.by(l.authorName)} · {formatDate(l.createdAt, locale)}</p>
        <p class="total"><strong><Credits amount={l.credits} /></strong></p>
        <p class="pre-line">{l.description}</p>
        {l.status === 'closed' && <p class="flash flash-info">{t.listingClosed}</p>}
        {own && l.status === 'open' && <ButtonForm action={tb(`/market/${l.id}/close`)} label={t.closeListing} secondary />}
      </section>
      {!own && l.status === 'open' && (
        <section class="card" id="respond">
          <h2>{t.respond}</h2>
          <FormErrorSummary show={hasErrors(props.form)} />
          <form method="post" action={tb(`/market/${l.id}/respond`)} class="stack">
            <Field name="message" label={t.message} hint={t.messageHint} type="textarea" value={props.form.values.message} error={props.form.errors.message} maxlength={500} />
            <p><button type="submit">{l.kind === 'offer' ? t.respondOffer : t.respondRequest}</button></p>
          </form>
        </section>
      )}
      {props.responses.length > 0 && (
        <>
          <h2>{t.responses}</h2>
          <ExchangeRows rows={props.responses} />
        </>
      )}
    </>
  );
}
