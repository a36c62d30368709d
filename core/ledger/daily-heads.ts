import { desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { DAY_MS, parseLocalDate, toLocalDateInput } from '../volunteering/shared/time.ts';
import { ledgerHashAt } from './reads.ts';
import { ledgerDailyHeads } from './schema.ts';

/** A run after a long outage fills at most this many missed days. */
const MAX_DAYS_FILLED = 31;

/**
 * Records the city's chain head at the end of each day (China time) up to
 * yesterday: the first run records yesterday, later runs fill any day missed
 * since the last one. Safe to repeat. Returns how many days it recorded.
 */
export async function recordDailyHeads(tx: Tx, tenantId: string, now: Date): Promise<number> {
  const today = toLocalDateInput(now);
  const [last] = await tx
    .select({ day: ledgerDailyHeads.day })
    .from(ledgerDailyHeads)
    .where(eq(ledgerDailyHeads.tenantId, tenantId))
    .orderBy(desc(ledgerDailyHeads.day))
    .limit(1);
  const todayStart = parseLocalDate(today)!;
  const firstMissing = last ? parseLocalDate(last.day)!.getTime() + DAY_MS : todayStart.getTime() - DAY_MS;
  const from = Math.max(firstMissing, todayStart.getTime() - MAX_DAYS_FILLED * DAY_MS);
  let recorded = 0;
  for (let dayStart = from; dayStart < todayStart.getTime(); dayStart += DAY_MS) {
    const head = await ledgerHashAt(tx, tenantId, new Date(dayStart + DAY_MS));
    const inserted = await tx
      .insert(ledgerDailyHeads)
      .values({ tenantId, day: toLocalDateInput(new Date(dayStart)), seq: head.seq, hash: head.hash })
      .onConflictDoNothing()
      .returning({ day: ledgerDailyHeads.day });
    recorded += inserted.length;
  }
  return recorded;
}
