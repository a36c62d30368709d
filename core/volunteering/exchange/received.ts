import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { selectBuiltOnce } from '../../db/built-once.ts';
import type { Tx } from '../../db/database.ts';
import { serviceRecordImportRows, type ImportedService } from './schema.ts';

export type ReceivedRecord = ImportedService & { sourceId: string };

// Built once: the volunteer's hours page reads it on every request.
const receivedRows = selectBuiltOnce((tx) => {
  const r = serviceRecordImportRows;
  return tx
    .select({ sourceId: r.sourceId, service: r.service, minutes: r.minutes })
    .from(r)
    .where(and(eq(r.tenantId, sql.placeholder('tenantId')), eq(r.volunteerUserId, sql.placeholder('userId')), isNotNull(r.transferId)))
    .orderBy(desc(r.postedAt), r.rowNumber)
    .limit(sql.placeholder('limit'));
});

/** Records brought into the city for a volunteer (by an import file or a transfer), each with its origin: newest service first. */
export async function receivedRecords(tx: Tx, tenantId: string, userId: string, limit: number): Promise<ReceivedRecord[]> {
  const rows = await receivedRows(tx, { tenantId, userId, limit });
  return rows.flatMap((row) => (row.service ? [{ ...row.service, minutes: row.minutes, sourceId: row.sourceId }] : []));
}
