import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { serviceRecordImportRows, type ImportedService } from './schema.ts';

export type ReceivedRecord = ImportedService & { sourceId: string };

/** Records brought into the city for a volunteer (by an import file or a transfer), each with its origin: newest service first. */
export async function receivedRecords(tx: Tx, tenantId: string, userId: string, limit: number): Promise<ReceivedRecord[]> {
  const r = serviceRecordImportRows;
  const rows = await tx
    .select({ sourceId: r.sourceId, service: r.service, minutes: r.minutes })
    .from(r)
    .where(and(eq(r.tenantId, tenantId), eq(r.volunteerUserId, userId), isNotNull(r.transferId)))
    .orderBy(desc(r.postedAt), r.rowNumber)
    .limit(limit);
  return rows.flatMap((row) => (row.service ? [{ ...row.service, minutes: row.minutes, sourceId: row.sourceId }] : []));
}
