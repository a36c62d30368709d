import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { toLocalDateInput } from '../shared/time.ts';
import { certificateNumberCounters } from './schema.ts';

/**
 * The next certificate number of the city: `<CITY>-<year of issue, China>-<six digits>`,
 * e.g. `XIAMEN-2026-000042`, counted afresh each year. One statement creates or bumps
 * the year's counter row; the row lock it takes queues concurrent issues, so no two share a number.
 */
export async function nextCertificateNumber(tx: Tx, city: { id: string; slug: string }, now: Date): Promise<string> {
  const tenantId = city.id;
  const year = Number(toLocalDateInput(now).slice(0, 4));
  const [row] = await tx
    .insert(certificateNumberCounters)
    .values({ tenantId, year, lastNumber: 1 })
    .onConflictDoUpdate({ target: [certificateNumberCounters.tenantId, certificateNumberCounters.year], set: { lastNumber: sql`${certificateNumberCounters.lastNumber} + 1` } })
    .returning({ n: certificateNumberCounters.lastNumber });
  return `${city.slug.toUpperCase()}-${year}-${String(row!.n).padStart(6, '0')}`;
}
