import { sql } from 'drizzle-orm';
import type { CityWork } from '../../core/plugin-api.ts';
import { charityReceiptCounters } from './schema.ts';

/** The year in China (UTC+8) of an instant: receipts are numbered per calendar year there. */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 60 * 60 * 1000).getUTCFullYear();
}

/**
 * The city's next receipt number of the year, e.g. `2026-000123`. One statement
 * creates or bumps the counter row; its lock makes concurrent confirmations queue,
 * and it is bumped in the confirming transaction, so a rollback leaves no gap.
 */
export async function nextReceiptNumber(w: CityWork, at: Date): Promise<string> {
  const { tx, tenantId } = w;
  const year = chinaYear(at);
  const [row] = await tx
    .insert(charityReceiptCounters)
    .values({ tenantId, year, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [charityReceiptCounters.tenantId, charityReceiptCounters.year],
      set: { lastNumber: sql`${charityReceiptCounters.lastNumber} + 1` },
    })
    .returning({ n: charityReceiptCounters.lastNumber });
  return `${year}-${String(row!.n).padStart(6, '0')}`;
}
