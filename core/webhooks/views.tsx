import { CheckboxGroup } from '../../views/components/choice-fields.tsx';
import { Field, FormErrorSummary } from '../../views/components/field.tsx';
import { Pagination } from '../../views/components/pagination.tsx';
import { Table } from '../../views/components/table.tsx';
import { useMessages, usePage } from '../../views/context.ts';
import type { LocalizedText } from '../db/schema/tenancy.ts';
import { formatDateTime } from '../i18n/format.ts';
import type { DeliveryLine } from './deliveries.ts';
import { ROTATION_OVERLAP_HOURS, type WebhookEndpoint } from './endpoints.ts';
import { webhookMessages } from './messages.ts';

export type EndpointForm = { url: string; description: string; events: string[] };
export type EndpointErrors = Partial<Record<keyof EndpointForm, string>>;

/** The city's endpoints with their actions, and the form that registers one. */
export function WebhooksPage(props: { endpoints: WebhookEndpoint[]; eventTypes: Record<string, LocalizedText>; form: EndpointForm; errors: EndpointErrors }) {
  const t = useMessages(webhookMessages);
  const { locale, path } = usePage();
  return (
    <>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      {props.endpoints.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <Table
          columns={[t.colUrl, t.colEvents, t.colState, { label: t.colActions, class: 'actions' }]}
          rows={props.endpoints}
          cells={(e) => [
            <>
              <a href={path(`/admin/webhooks/${e.id}`)}>{e.url}</a>
              {e.description && <small class="muted"> {e.description}</small>}
            </>,
            <small>{e.events.map((type) => props.eventTypes[type]?.[locale] ?? type).join('、')}</small>,
            <>
              {e.enabled ? t.enabled : t.disabled}
              <OldSecretNote endpoint={e} />
            </>,
            <div class="actions">
              <a href={path(`/admin/webhooks/${e.id}`)}>{t.log}</a>
              <a href={path(`/admin/webhooks/${e.id}#rotate`)}>{t.rotate}</a>
              <form method="post" action={path(`/admin/webhooks/${e.id}/${e.enabled ? 'disable' : 'enable'}`)}>
                <button type="submit" class="secondary">{e.enabled ? t.disable : t.enable}</button>
              </form>
              <form method="post" action={path(`/admin/webhooks/${e.id}/delete`)}>
                <button type="submit" class="danger">{t.remove}</button>
              </form>
            </div>,
          ]}
        />
      )}
      <h2>{t.newTitle}</h2>
      <FormErrorSummary show={Object.keys(props.errors).length > 0} />
      <form method="post" action={path('/admin/webhooks')} class="stack">
        <Field name="url" type="url" label={t.urlLabel} hint={t.urlHint} value={props.form.url} error={props.errors.url} required maxlength={2000} />
        <Field name="description" label={t.descriptionLabel} value={props.form.description} error={props.errors.description} maxlength={100} />
        <CheckboxGroup name="events" label={t.eventsLegend} choices={props.eventTypes} values={props.form.events} error={props.errors.events} required />
        <p><button type="submit">{t.create}</button></p>
      </form>
    </>
  );
}

/** While a rotation overlaps: until when the replaced secret still signs. */
function OldSecretNote(props: { endpoint: WebhookEndpoint }) {
  const t = useMessages(webhookMessages);
  const { locale } = usePage();
  const until = props.endpoint.previousSecretUntil;
  if (!until || until <= new Date()) return null;
  return <small class="muted old-secret"> {t.oldSecretSignsUntil(formatDateTime(until, locale))}</small>;
}

/** Rotating the secret: by default the old one keeps signing for a day, unless it leaked. */
function RotateForm(props: { endpoint: WebhookEndpoint }) {
  const t = useMessages(webhookMessages);
  const { path } = usePage();
  return (
    <section id="rotate" class="card">
      <h2>{t.rotate}</h2>
      <OldSecretNote endpoint={props.endpoint} />
      <form method="post" action={path(`/admin/webhooks/${props.endpoint.id}/rotate`)} class="stack">
        <label class="choice">
          <input type="checkbox" name="keepOld" value="1" checked />
          {t.keepOldLabel(ROTATION_OVERLAP_HOURS)}
        </label>
        <small class="muted">{t.keepOldHint}</small>
        <p>
          <button type="submit" class="secondary">{t.rotate}</button>
        </p>
      </form>
    </section>
  );
}

/** The signing secret, once: after the endpoint is made or its secret rotated. */
export function SecretShownPage(props: { url: string; secret: string; oldSecretUntil?: Date | null }) {
  const t = useMessages(webhookMessages);
  const { locale, path } = usePage();
  return (
    <section class="card">
      <h1>{t.secretTitle}</h1>
      <p class="webhook-url">{t.secretBody(props.url)}</p>
      {props.oldSecretUntil !== undefined && <p>{props.oldSecretUntil ? t.oldSecretSignsUntil(formatDateTime(props.oldSecretUntil, locale)) : t.oldSecretStopped}</p>}
      <div class="field">
        <label for="signing-secret">{t.secretLabel}</label>
        <input id="signing-secret" type="text" readonly value={props.secret} autocomplete="off" />
      </div>
      <p><a href={path('/admin/webhooks')}>{t.back}</a></p>
    </section>
  );
}

/** One endpoint's delivery log: each event sent to it with every attempt, and a way to send one again. */
export function DeliveryLogPage(props: { endpoint: WebhookEndpoint; rows: DeliveryLine[]; total: number; page: number; eventTypes: Record<string, LocalizedText>; notice?: string }) {
  const t = useMessages(webhookMessages);
  const { locale, path } = usePage();
  const state = { pending: t.statePending, delivered: t.stateDelivered, failed: t.stateFailed, cancelled: t.stateCancelled };
  const base = `/admin/webhooks/${props.endpoint.id}`;
  return (
    <>
      <h1>{t.logTitle}</h1>
      <p class="muted webhook-url">{t.logIntro(props.endpoint.url)}</p>
      {props.notice && <p class="flash flash-error" role="alert">{props.notice}</p>}
      <Table
        columns={[t.colEvent, t.colCreated, t.colState, t.colAttempts, { label: t.colActions, class: 'actions' }]}
        rows={props.rows}
        emptyText={t.noDeliveries}
        cells={(d) => [
          <>
            {props.eventTypes[d.type]?.[locale] ?? d.type} <code>{d.type}</code>
          </>,
          formatDateTime(d.createdAt, locale),
          state[d.state],
          d.attemptLog.length === 0 ? (
            t.noAttempts
          ) : (
            <ol class="attempts">
              {d.attemptLog.map((a) => (
                <li>{t.attemptLine(a.number, formatDateTime(a.at, locale), a.statusCode !== null ? `HTTP ${a.statusCode}` : (a.error ?? ''), a.durationMs)}</li>
              ))}
            </ol>
          ),
          <form method="post" action={path(`${base}/deliveries/${d.id}/replay`)}>
            <button type="submit" class="secondary">{t.replay}</button>
          </form>,
        ]}
      />
      <Pagination page={props.page} total={props.total} href={(n) => path(`${base}?page=${n}`)} />
      <RotateForm endpoint={props.endpoint} />
      <p><a href={path('/admin/webhooks')}>{t.back}</a></p>
    </>
  );
}
