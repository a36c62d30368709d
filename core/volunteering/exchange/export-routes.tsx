import { Hono } from 'hono';
import { z } from 'zod';
import { Field, FormErrorSummary } from '../../../views/components/field.tsx';
import { messagesFor, useMessages, usePage } from '../../../views/context.ts';
import { recordAudit } from '../../audit/service.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbiddenPage } from '../../http/error-pages.tsx';
import { requirePermission } from '../../identity/guard.ts';
import { attachmentHeader, exportFileName, type ExportCursor } from '../oversight/exports.ts';
import type { FieldErrors, FormValues } from '../shared/forms.ts';
import { inCity, page, userId, type C } from '../shared/route-kit.ts';
import { parseLocalDate, toLocalDateInput } from '../shared/time.ts';
import { SelectField } from '../../../views/components/choice-fields.tsx';
import { str } from '../shared/views/inputs.tsx';
import { exchangePage, type ExchangeFilter, type RecordingCity } from './export.ts';
import { EXCHANGE_JSON_TAIL, exchangeCsvHead, exchangeCsvLines, exchangeJsonHead, exchangeJsonRecords, type ExchangeRecord } from './format.ts';
import { exchangeMessages, type ExchangeMessages } from './messages.ts';

type MessageKey = { [K in keyof ExchangeMessages]: ExchangeMessages[K] extends string ? K : never }[keyof ExchangeMessages];
const key = (k: MessageKey) => k;
const day = z.string().trim().transform((v, ctx) => {
  if (!v) return (ctx.addIssue({ code: 'custom', message: key('dateRequired') }), z.NEVER);
  return parseLocalDate(v) ?? (ctx.addIssue({ code: 'custom', message: key('dateInvalid') }), z.NEVER);
});
const exchangeQuery = z
  .object({ from: day, to: day, format: z.enum(['csv', 'json'], key('formatInvalid')) })
  .refine((q) => q.to >= q.from, { path: ['to'], message: key('toBeforeFrom') });

function ExchangeExportForm(props: { values: FormValues; errors: FieldErrors }) {
  const t = useMessages(exchangeMessages);
  const { path } = usePage();
  const { values, errors } = props;
  const formats = { csv: { 'zh-CN': 'CSV', en: 'CSV' }, json: { 'zh-CN': 'JSON', en: 'JSON' } };
  return (
    <section class="card">
      <h1>{t.exportTitle}</h1>
      <p class="muted">{t.exportIntro}</p>
      <FormErrorSummary show={Object.keys(errors).length > 0} />
      <form method="get" action={path('/admin/exchange/file')} class="stack">
        <Field name="from" label={t.from} type="date" value={str(values.from)} error={errors.from} required />
        <Field name="to" label={t.to} type="date" value={str(values.to)} error={errors.to} required />
        <SelectField name="format" label={t.format} choices={formats} value={str(values.format)} error={errors.format} />
        <p><button type="submit">{t.download}</button></p>
      </form>
    </section>
  );
}

const renderForm = (c: C, status: 200 | 400, values: FormValues, errors: FieldErrors = {}) =>
  page(c, status, <ExchangeExportForm values={values} errors={errors} />, messagesFor(c, exchangeMessages).exportTitle);

/** The file, written page by page as the client reads it, each page its own short tenant transaction. */
function streamed(c: C, city: RecordingCity, filter: ExchangeFilter, format: 'csv' | 'json', fileName: string, first: { records: ExchangeRecord[]; next: ExportCursor | null }) {
  const encoder = new TextEncoder();
  const head = format === 'csv' ? exchangeCsvHead() : exchangeJsonHead({ city: city.name, divisionCode: c.var.tenant.divisionCode }, new Date());
  const lines = (records: ExchangeRecord[], isFirst: boolean) => (format === 'csv' ? exchangeCsvLines(records) : exchangeJsonRecords(records, isFirst));
  const tail = format === 'csv' ? '' : EXCHANGE_JSON_TAIL;
  let cursor = first.next;
  let written = first.records.length > 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(head + lines(first.records, true) + (cursor ? '' : tail)));
      if (!cursor) controller.close();
    },
    async pull(controller) {
      if (!cursor) return;
      try {
        const after = cursor;
        const next = await inCity(c, (tx, tenantId) => exchangePage(tx, tenantId, city, filter, after));
        cursor = next.next;
        controller.enqueue(encoder.encode(lines(next.records, !written) + (cursor ? '' : tail)));
        written ||= next.records.length > 0;
        if (!cursor) controller.close();
      } catch (err) {
        c.var.log.error({ err }, 'exchange export failed part-way');
        controller.error(err);
      }
    },
  });
  return c.body(body, 200, {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    'content-disposition': attachmentHeader(fileName, `service-records.${format}`),
    'cache-control': 'no-store',
  });
}

/** /admin/exchange: the city's verified records in the exchange format (README "Service-record exchange format"). */
export function exchangeExportRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The file carries ID numbers in full: only who may oversee records and read identities.
  const oversee = requirePermission('service_records.oversee');
  const readsIdentity = (c: C) => c.var.permissions.has('volunteers.read_identity');

  app.get('/admin/exchange', oversee, (c) => {
    if (!readsIdentity(c)) return forbiddenPage(c);
    const today = toLocalDateInput(new Date());
    return renderForm(c, 200, { from: `${today.slice(0, 4)}-01-01`, to: today, format: 'csv' });
  });

  app.get('/admin/exchange/file', oversee, async (c) => {
    if (!readsIdentity(c)) return forbiddenPage(c);
    const values = { from: c.req.query('from') ?? '', to: c.req.query('to') ?? '', format: c.req.query('format') || 'csv' };
    const parsed = exchangeQuery.safeParse(values);
    if (!parsed.success) {
      const t = messagesFor(c, exchangeMessages);
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '')] ??= (t[issue.message as MessageKey] as string | undefined) ?? t.dateInvalid;
      return renderForm(c, 400, values, errors);
    }
    const { from, to, format } = parsed.data;
    const filter: ExchangeFilter = { from, until: new Date(to.getTime() + 24 * 60 * 60 * 1000) };
    const city: RecordingCity = { slug: c.var.tenant.slug, name: c.var.tenant.names['zh-CN'] };
    const first = await inCity(c, async (tx, tenantId) => {
      await recordAudit(tx, tenantId, {
        actor: `user:${userId(c)}`,
        action: 'service_records.exchange_exported',
        target: 'city',
        address: clientAddress(c),
        detail: { from: values.from, to: values.to, format },
      });
      return exchangePage(tx, tenantId, city, filter, null);
    });
    return streamed(c, city, filter, format, exportFileName([city.name, values.from.trim(), values.to.trim()]).replace(/\.csv$/, `.${format}`), first);
  });

  return app;
}
