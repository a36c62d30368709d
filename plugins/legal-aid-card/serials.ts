import { sql } from 'drizzle-orm';
import type { CityWork } from '../../core/plugin-api.ts';
import { MAX_SERIAL } from './card-numbers.ts';
import { legalAidSerialCounters } from './schema.ts';

/**
 * The next `count` serial numbers of the city, or null when they would run past
 * the 10 digits a card has. One statement creates or bumps the counter row; its
 * row lock makes two batches made at once queue, so ranges never overlap.
 */
export async function takeSerials(w: CityWork, count: number): Promise<{ first: number } | null> {
  const { tx, tenantId } = w;
  const [row] = await tx
    .insert(legalAidSerialCounters)
    .values({ tenantId, lastSerial: count })
    .onConflictDoUpdate({ target: [legalAidSerialCounters.tenantId], set: { lastSerial: sql`${legalAidSerialCounters.lastSerial} + ${count}` } })
    .returning({ last: legalAidSerialCounters.lastSerial });
  if (row!.last > MAX_SERIAL) return null;
  return { first: row!.last - count + 1 };
}
