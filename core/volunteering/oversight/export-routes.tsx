import { Hono } from 'hono';
import { z } from 'zod';
import { Field, FormErrorSummary } from '../../../views/components/field.tsx';
import { messagesFor, useMessages, usePage } from '../../../views/context.ts';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbiddenPage, notFoundPage } from '../../http/error-pages.tsx';
import { requirePermission, requireUser } from '../../identity/guard.ts';
import type { MemberRole } from '../shared/catalogue.ts';
import { exportMessages, type ExportMessages } from './export-messages.ts';
import { attachmentHeader, csvHead, csvLines, exportFileName, exportPage, type ExportCursor, type ExportFilter } from './exports.ts';
import type { FieldErrors, FormValues } from '../shared/forms.ts';
import { organisationAccess } from '../volunteers/members.ts';
import { findOrganisation } from '../organisations/service.ts';
import { idFrom, inCity, page, userId, type C } from '../shared/route-kit.ts';
import { parseLocalDate, toLocalDateInput } from '../shared/time.ts';
import { SelectField } from '../../../views/components/choice-fields.tsx';
import { str } from '../shared/views/inputs.tsx';

/** Organisation members who may take its records away in a file. */
const MAY_EXPORT_RECORDS: readonly MemberRole[] = ['org_admin', 'social_worker'];
const OVERSEE = 'service_records.oversee';

type MessageKey = { [K in keyof ExportMessages]: ExportMessages[K] extends string ? K : never }[keyof ExportMessages];
const key = (k: MessageKey) => k;

const day = (required: boolean) =>
  z.string().trim().transform((v, ctx) => {
    if (!v) return required ? (ctx.addIssue({ code: 'custom', message: key('dateRequired') }), z.NEVER) : null;
    return parseLocalDate(v) ?? (ctx.addIssue({ code: 'custom', message: key('dateInvalid') }), z.NEVER);
  });

/** from/to are days in China time, both included; status defaults to verified records only. */
const exportQuery = (datesRequired: boolean) =>
  z
    .object({ from: day(datesRequired), to: day(datesRequired), status: z.enum(['verified', 'all'], key('statusInvalid')) })
    .refine((q) => !q.from || !q.to || q.to >= q.from, { path: ['to'], message: key('toBeforeFrom') });

type FormKind = { title: string; intro: string; action: string; datesRequired: boolean };

function ExportForm(props: FormKind & { values: FormValues; errors: FieldErrors }) {
  const t = useMessages(exportMessages);
  const { path } = usePage();
  const { values, errors } = props;
  return (
    <section class="card">
      <h1>{props.title}</h1>
      <p class="muted">{props.intro}</p>
      <FormErrorSummary show={Object.keys(errors).length > 0} />
      <form method="get" action={path(props.action)} class="stack">
        <Field name="from" label={t.from} type="date" value={str(values.from)} error={errors.from} required={props.datesRequired} />
        <Field name="to" label={t.to} type="date" value={str(values.to)} error={errors.to} required={props.datesRequired} />
        <SelectField name="status" label={t.status} choices={{ verified: { 'zh-CN': t.statusVerified, en: t.statusVerified }, all: { 'zh-CN': t.statusAll, en: t.statusAll } }} value={str(values.status)} error={errors.status} />
        <p><button type="submit">{t.download}</button></p>
      </form>
    </section>
  );
}

function renderForm(c: C, status: 200 | 400, kind: FormKind, values: FormValues, errors: FieldErrors = {}) {
  return page(c, status, <ExportForm {...kind} values={values} errors={errors} />, kind.title);
}

/** This month so far, in China time: what a form opened fresh suggests. */
function defaultValues(): FormValues {
  const today = toLocalDateInput(new Date());
  return { from: `${today.slice(0, 8)}01`, to: today, status: 'verified' };
}

type Parsed = { ok: true; filter: Omit<ExportFilter, 'scope'>; from: string; to: string } | { ok: false; values: FormValues; errors: FieldErrors };

function readQuery(c: C, datesRequired: boolean): Parsed {
  const values = { from: c.req.query('from') ?? '', to: c.req.query('to') ?? '', status: c.req.query('status') || 'verified' };
  const parsed = exportQuery(datesRequired).safeParse(values);
  if (!parsed.success) {
    const t = messagesFor(c, exportMessages);
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      errors[field] ??= (t[issue.message as MessageKey] as string | undefined) ?? t.dateInvalid;
    }
    return { ok: false, values, errors };
  }
  const { from, to, status } = parsed.data;
  const until = to && new Date(to.getTime() + 24 * 60 * 60 * 1000);
  return { ok: true, filter: { from, until, status }, from: values.from.trim(), to: values.to.trim() };
}

/**
 * The file, written page by page as the client reads it: each page is its own
 * short tenant transaction, so a slow download never holds the database.
 */
function csvResponse(c: C, fileName: string, filter: ExportFilter, first: Awaited<ReturnType<typeof exportPage>>) {
  const encoder = new TextEncoder();
  let cursor: ExportCursor | null = first.next;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvHead() + csvLines(first.rows)));
      if (!cursor) controller.close();
    },
    async pull(controller) {
      if (!cursor) return;
      try {
        const after = cursor;
        const next = await inCity(c, (tx, tenantId) => exportPage(tx, tenantId, filter, after));
        cursor = next.next;
        controller.enqueue(encoder.encode(csvLines(next.rows)));
        if (!cursor) controller.close();
      } catch (err) {
        c.var.log.error({ err }, 'export failed part-way');
        controller.error(err);
      }
    },
  });
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': attachmentHeader(fileName),
    'cache-control': 'no-store',
  });
}

/** Taking personal data away in a file is worth a line in the audit log. */
function auditExport(tx: Tx, tenantId: string, c: C, target: string, q: { from: string; to: string; filter: { status: string } }) {
  return recordAudit(tx, tenantId, {
    actor: `user:${userId(c)}`,
    action: 'service_records.exported',
    target,
    address: clientAddress(c),
    detail: { from: q.from, to: q.to, status: q.filter.status },
  });
}

/** CSV exports of service records (columns and sources: README "Service-record exports"): an organisation's, the whole city's, a volunteer's own. */
export function exportRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const oversee = requirePermission(OVERSEE);
  const ownHours = requirePermission('service_hours.own');

  /** The organisation if the user may export it: its org_admin or social_worker, or a city admin. */
  const organisationFor = (c: C, id: string) =>
    inCity(c, async (tx, tenantId) => {
      const access = await organisationAccess(tx, tenantId, id, userId(c), MAY_EXPORT_RECORDS);
      if (access.ok || access.reason === 'not_found' || !c.var.permissions.has(OVERSEE)) return access;
      const organisation = await findOrganisation(tx, tenantId, id);
      return organisation ? { ok: true as const, organisation } : { ok: false as const, reason: 'not_found' as const };
    });

  const organisationForm = (c: C, organisation: { id: string; name: string }): FormKind => {
    const t = messagesFor(c, exportMessages);
    return { title: t.organisationTitle(organisation.name), intro: t.intro, action: `/organisations/${organisation.id}/records.csv`, datesRequired: true };
  };
  const cityForm = (c: C): FormKind => {
    const t = messagesFor(c, exportMessages);
    return { title: t.cityTitle, intro: t.intro, action: '/admin/records.csv', datesRequired: true };
  };
  const mineForm = (c: C): FormKind => {
    const t = messagesFor(c, exportMessages);
    return { title: t.mineTitle, intro: t.mineIntro(t.intro), action: '/volunteer/hours.csv', datesRequired: false };
  };

  app.get('/organisations/:id/export', requireUser, async (c) => {
    const id = idFrom(c);
    const access = id ? await organisationFor(c, id) : null;
    if (!access || (!access.ok && access.reason === 'not_found')) return notFoundPage(c);
    if (!access.ok) return forbiddenPage(c);
    return renderForm(c, 200, organisationForm(c, access.organisation), defaultValues());
  });

  app.get('/organisations/:id/records.csv', requireUser, async (c) => {
    const id = idFrom(c);
    const access = id ? await organisationFor(c, id) : null;
    if (!id || !access || (!access.ok && access.reason === 'not_found')) return notFoundPage(c);
    if (!access.ok) return forbiddenPage(c);
    const q = readQuery(c, true);
    if (!q.ok) return renderForm(c, 400, organisationForm(c, access.organisation), q.values, q.errors);
    const filter: ExportFilter = { ...q.filter, scope: { organisationId: id } };
    const first = await inCity(c, async (tx, tenantId) => {
      await auditExport(tx, tenantId, c, `organisation:${id}`, q);
      return exportPage(tx, tenantId, filter, null);
    });
    return csvResponse(c, exportFileName([access.organisation.name, q.from, q.to]), filter, first);
  });

  app.get('/admin/export', oversee, (c) => renderForm(c, 200, cityForm(c), defaultValues()));

  app.get('/admin/records.csv', oversee, async (c) => {
    const q = readQuery(c, true);
    if (!q.ok) return renderForm(c, 400, cityForm(c), q.values, q.errors);
    const filter: ExportFilter = { ...q.filter, scope: 'city' };
    const first = await inCity(c, async (tx, tenantId) => {
      await auditExport(tx, tenantId, c, 'city', q);
      return exportPage(tx, tenantId, filter, null);
    });
    return csvResponse(c, exportFileName([c.var.tenant.names['zh-CN'], q.from, q.to]), filter, first);
  });

  app.get('/volunteer/export', ownHours, (c) => renderForm(c, 200, mineForm(c), { from: '', to: '', status: 'verified' }));

  app.get('/volunteer/hours.csv', ownHours, async (c) => {
    const q = readQuery(c, false);
    if (!q.ok) return renderForm(c, 400, mineForm(c), q.values, q.errors);
    const filter: ExportFilter = { ...q.filter, scope: { volunteerUserId: userId(c) } };
    const first = await inCity(c, (tx, tenantId) => exportPage(tx, tenantId, filter, null));
    return csvResponse(c, exportFileName([c.var.user!.name, q.from, q.to]), filter, first);
  });

  return app;
}
