import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { ensureAccount } from '../../ledger/accounts.ts';
import { postTransfers } from '../../ledger/post.ts';
import { SERVICE_ISSUANCE, SERVICE_MINUTES, volunteerAccountCode } from '../records/verification.ts';
import { updateStarLevels } from '../stars/service.ts';
import { serviceRecordImportRows, serviceRecordImports } from './schema.ts';

/** Rows posted in one transaction: a large file moves on in steps the progress bar can show. */
export const IMPORT_BATCH = 200;

/** The import, if it is this city's; the job and the pages read it the same way. */
export async function findImport(tx: Tx, tenantId: string, importId: string) {
  const [row] = await tx.select().from(serviceRecordImports).where(and(eq(serviceRecordImports.tenantId, tenantId), eq(serviceRecordImports.id, importId)));
  return row ?? null;
}

/** The admin confirms a checked import: it is queued for the job. False when it is not (or no longer) waiting. */
export async function queueImport(tx: Tx, tenantId: string, importId: string, by: { userId: string; address: string | null }): Promise<boolean> {
  const [row] = await tx
    .update(serviceRecordImports)
    .set({ status: 'queued' })
    .where(and(eq(serviceRecordImports.tenantId, tenantId), eq(serviceRecordImports.id, importId), eq(serviceRecordImports.status, 'checked')))
    .returning({ toCreate: serviceRecordImports.toCreate });
  if (!row) return false;
  await recordAudit(tx, tenantId, { actor: `user:${by.userId}`, action: 'service_records.import_queued', target: `service_record_import:${importId}`, address: by.address, detail: { rows: row.toCreate } });
  return true;
}

/**
 * Posts the next batch of an import's rows to the ledger, as a verification does:
 * from the city's issuing account to each volunteer's, keyed by the record id so
 * a row posts once in this city whatever file brings it. Returns true while rows remain.
 */
export async function postImportBatch(tx: Tx, tenantId: string, importId: string, now = new Date()): Promise<boolean> {
  const [locked] = await tx
    .select()
    .from(serviceRecordImports)
    .where(and(eq(serviceRecordImports.tenantId, tenantId), eq(serviceRecordImports.id, importId)))
    .for('update');
  if (!locked || locked.status === 'done' || locked.status === 'checked') return false;
  const r = serviceRecordImportRows;
  const batch = await tx
    .select()
    .from(r)
    .where(and(eq(r.tenantId, tenantId), eq(r.importId, importId), eq(r.outcome, 'create'), isNull(r.transferId)))
    .orderBy(asc(r.rowNumber))
    .limit(IMPORT_BATCH);
  // Another file may have brought the same record since the dry run: it stays a duplicate here.
  const taken = new Set(
    batch.length === 0
      ? []
      : (await tx.select({ s: r.sourceId }).from(r).where(and(eq(r.tenantId, tenantId), inArray(r.sourceId, batch.map((b) => b.sourceId)), isNotNull(r.transferId)))).map((x) => x.s),
  );
  const fresh = batch.filter((b) => !taken.has(b.sourceId));
  if (taken.size > 0) {
    await tx.update(r).set({ outcome: 'duplicate', minutes: 0 }).where(and(eq(r.tenantId, tenantId), eq(r.importId, importId), inArray(r.sourceId, [...taken]), isNull(r.transferId)));
  }
  if (fresh.length > 0) {
    const issuance = await ensureAccount(tx, tenantId, { unit: SERVICE_MINUTES, code: SERVICE_ISSUANCE, allowNegative: true });
    const transfers = [];
    for (const row of fresh) {
      const account = await ensureAccount(tx, tenantId, { unit: SERVICE_MINUTES, code: volunteerAccountCode(row.volunteerUserId!) });
      transfers.push({
        debitAccountId: issuance.id,
        creditAccountId: account.id,
        amount: row.minutes,
        idempotencyKey: `service-import:${row.sourceId}`,
        kind: 'service.imported',
        memo: { import: importId, row: row.rowNumber },
      });
    }
    const posted = await postTransfers(tx, tenantId, transfers);
    for (const [i, row] of fresh.entries()) {
      await tx.update(r).set({ transferId: posted[i]!.id, postedAt: now }).where(and(eq(r.tenantId, tenantId), eq(r.importId, importId), eq(r.rowNumber, row.rowNumber)));
    }
    // Imported hours count for star levels; plugins get no `service.verified` (README "Importing service records").
    await updateStarLevels(tx, tenantId, [...new Set(fresh.map((row) => row.volunteerUserId!))], now);
  }
  const more = batch.length === IMPORT_BATCH;
  await tx
    .update(serviceRecordImports)
    .set({
      status: more ? 'running' : 'done',
      posted: sql`${serviceRecordImports.posted} + ${fresh.length}`,
      // Rows found taken at run time no longer count as to create: the bar ends full.
      toCreate: sql`${serviceRecordImports.toCreate} - ${taken.size}`,
      finishedAt: more ? null : now,
    })
    .where(and(eq(serviceRecordImports.tenantId, tenantId), eq(serviceRecordImports.id, importId)));
  return more;
}
