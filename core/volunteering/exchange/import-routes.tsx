import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { renderFragment } from '../../../views/renderer.tsx';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requirePermission } from '../../identity/guard.ts';
import type { Tx } from '../../db/database.ts';
import { idFrom, inCity, page, userId, type C } from '../shared/route-kit.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { checkImport } from './import-check.ts';
import { IMPORT_SERVICE_RECORDS } from './import-job.ts';
import { findImport, queueImport } from './import-run.ts';
import { exchangeMessages } from './messages.ts';
import { parseExchangeFile } from './parse.ts';
import { serviceRecordImportRows, serviceRecordImports, type ImportRowOutcome } from './schema.ts';
import { ImportProgress, ImportReportPage, ImportUploadPage, type ReportRow } from './views/import-pages.tsx';

/** Rows a report lists: problems first, then the rest in file order. */
const REPORT_ROWS = 1000;

async function recentImports(tx: Tx, tenantId: string) {
  return tx.select().from(serviceRecordImports).where(eq(serviceRecordImports.tenantId, tenantId)).orderBy(desc(serviceRecordImports.createdAt)).limit(20);
}

async function reportOf(tx: Tx, tenantId: string, importId: string) {
  const r = serviceRecordImportRows;
  const grouped = await tx
    .select({ outcome: r.outcome, n: sql<number>`count(*)::int` })
    .from(r)
    .where(and(eq(r.tenantId, tenantId), eq(r.importId, importId)))
    .groupBy(r.outcome);
  const counts: Record<ImportRowOutcome, number> = { create: 0, duplicate: 0, invalid: 0 };
  for (const g of grouped) counts[g.outcome] = g.n;
  const rows: ReportRow[] = (
    await tx
      .select({ row: r, volunteerName: volunteerProfiles.realName })
      .from(r)
      .leftJoin(volunteerProfiles, and(eq(volunteerProfiles.tenantId, r.tenantId), eq(volunteerProfiles.userId, r.volunteerUserId)))
      .where(and(eq(r.tenantId, tenantId), eq(r.importId, importId)))
      .orderBy(sql`${r.outcome} = 'invalid' desc`, asc(r.rowNumber))
      .limit(REPORT_ROWS)
  ).map(({ row, volunteerName }) => ({ ...row, volunteerName, posted: row.transferId !== null }));
  return { counts, rows };
}

/** /admin/imports: a city admin uploads an exchange file, reads the dry run, confirms, and watches the job post it. */
export function importRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const oversee = requirePermission('service_records.oversee');

  const uploadPage = async (c: C, status: 200 | 400, error?: string) =>
    page(c, status, <ImportUploadPage error={error} imports={await inCity(c, recentImports)} />, messagesFor(c, exchangeMessages).importTitle);

  app.get('/admin/imports', oversee, (c) => uploadPage(c, 200));

  app.post('/admin/imports', oversee, async (c) => {
    const t = messagesFor(c, exchangeMessages);
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return uploadPage(c, 400, t.fileProblems('missing'));
    const parsed = parseExchangeFile(await file.text());
    if (!parsed.ok) return uploadPage(c, 400, t.fileProblems(parsed.problem) + (parsed.detail ?? ''));
    const fileName = file.name.slice(0, 200) || 'upload';
    const checked = await inCity(c, (tx, tenantId) => checkImport(tx, tenantId, parsed.rows, { userId: userId(c), fileName }));
    return c.redirect(sitePath(c, `/admin/imports/${checked.id}`), 303);
  });

  app.get('/admin/imports/:id', oversee, async (c) => {
    const id = idFrom(c);
    const found = id ? await inCity(c, async (tx, tenantId) => {
      const entry = await findImport(tx, tenantId, id);
      return entry ? { entry, ...(await reportOf(tx, tenantId, id)) } : null;
    }) : null;
    if (!found) return notFoundPage(c);
    return page(c, 200, <ImportReportPage {...found} />, messagesFor(c, exchangeMessages).reportTitle(found.entry.title?.[c.var.locale] ?? found.entry.fileName));
  });

  app.get('/admin/imports/:id/progress', oversee, async (c) => {
    const id = idFrom(c);
    const entry = id ? await inCity(c, (tx, tenantId) => findImport(tx, tenantId, id)) : null;
    if (!entry) return notFoundPage(c);
    return renderFragment(c, <ImportProgress entry={entry} />);
  });

  app.post('/admin/imports/:id/run', oversee, async (c) => {
    const id = idFrom(c);
    const entry = id ? await inCity(c, (tx, tenantId) => findImport(tx, tenantId, id)) : null;
    if (!id || !entry) return notFoundPage(c);
    const t = messagesFor(c, exchangeMessages);
    const queued = await inCity(c, (tx, tenantId) => queueImport(tx, tenantId, id, { userId: userId(c), address: clientAddress(c) }));
    if (queued) {
      // The job must find the import queued: commit before sending it.
      await c.var.unit.commit();
      await c.var.jobs.send(IMPORT_SERVICE_RECORDS, { tenantId: c.var.tenant.id, importId: id }, { singletonKey: `import:${id}` });
    }
    setFlash(c, { kind: queued ? 'success' : 'info', message: queued ? t.queuedFlash : t.notWaiting });
    return c.redirect(sitePath(c, `/admin/imports/${id}`), 303);
  });

  return app;
}
