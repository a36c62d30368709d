import { Hono } from 'hono';
import { z } from 'zod';
import { PAGE_SIZE, pageFromQuery } from '../../../views/components/pagination.tsx';
import { messagesFor } from '../../../views/context.ts';
import { recordAudit } from '../../audit/service.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { requirePermission } from '../../identity/guard.ts';
import { attachmentHeader } from '../oversight/exports.ts';
import type { FieldErrors, FormValues } from '../shared/forms.ts';
import { inCity, page, userId, type C } from '../shared/route-kit.ts';
import { DAY_MS, parseLocalDate, toLocalDateTimeInput } from '../shared/time.ts';
import { registerMessages, type RegisterErrorKey } from './register-messages.ts';
import { issuingOrganisations, listRegister, registerCsv, registerRowsForExport, type RegisterFilter } from './register.ts';
import { RegisterPage } from './views/register-page.tsx';

const key = (k: RegisterErrorKey) => k;
const day = z.string().trim().refine((v) => v === '' || parseLocalDate(v) !== null, key('dateInvalid'));

/** The filter from the query string: an organisation that has issued certificates (or none), and issue dates in China time, both included. */
function readFilter(c: C, organisations: { id: string }[]): { ok: true; filter: RegisterFilter; values: FormValues } | { ok: false; values: FormValues; errors: FieldErrors } {
  const values = { organisation: c.req.query('organisation') ?? '', from: c.req.query('from') ?? '', to: c.req.query('to') ?? '' };
  const known = new Set(organisations.map((o) => o.id));
  const schema = z
    .object({ organisation: z.string().refine((v) => v === '' || known.has(v), key('organisationUnknown')), from: day, to: day })
    .refine((q) => !q.from || !q.to || q.to >= q.from, { path: ['to'], message: key('toBeforeFrom') });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const t = messagesFor(c, registerMessages);
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '')] ??= t[issue.message as RegisterErrorKey] ?? t.dateInvalid;
    return { ok: false, values, errors };
  }
  const { organisation, from, to } = parsed.data;
  const until = to ? new Date(parseLocalDate(to)!.getTime() + DAY_MS) : null;
  return { ok: true, values, filter: { organisationId: organisation || null, issuedFrom: from ? parseLocalDate(from) : null, issuedUntil: until } };
}

/** /admin/certificates: the register the city audits, and its CSV export (audited: it carries names). */
export function certificateRegisterRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const oversee = requirePermission('service_records.oversee');

  app.get('/admin/certificates', oversee, async (c) => {
    const pageNo = pageFromQuery(c.req.query('page'));
    const organisations = await inCity(c, issuingOrganisations);
    const read = readFilter(c, organisations);
    const list = read.ok ? await inCity(c, (tx, tenantId) => listRegister(tx, tenantId, read.filter, pageNo, PAGE_SIZE)) : { rows: [], total: 0 };
    const props = { organisations, values: read.values, errors: read.ok ? {} : read.errors, ...list, page: pageNo, pageSize: PAGE_SIZE };
    return page(c, read.ok ? 200 : 400, <RegisterPage {...props} />, messagesFor(c, registerMessages).title);
  });

  app.get('/admin/certificates.csv', oversee, async (c) => {
    const organisations = await inCity(c, issuingOrganisations);
    const read = readFilter(c, organisations);
    if (!read.ok) return page(c, 400, <RegisterPage organisations={organisations} values={read.values} errors={read.errors} rows={[]} total={0} page={1} pageSize={PAGE_SIZE} />, messagesFor(c, registerMessages).title);
    const rows = await inCity(c, async (tx, tenantId) => {
      await recordAudit(tx, tenantId, { actor: `user:${userId(c)}`, action: 'service_certificates.exported', target: 'city', address: clientAddress(c), detail: read.values });
      return registerRowsForExport(tx, tenantId, read.filter);
    });
    const csv = registerCsv(rows, (d) => toLocalDateTimeInput(d).replace('T', ' '));
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachmentHeader(`志愿服务证明登记簿-${read.values.from}-${read.values.to}.csv`),
      'cache-control': 'no-store',
    });
  });

  return app;
}
