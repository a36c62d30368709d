import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import type { Activity } from '../activities/service.ts';
import { activityCheckinKeys } from './schema.ts';

/**
 * The rotating check-in code an organiser shows as a QR code: an HMAC of the
 * activity and the current 30-second window under a per-activity secret. A code
 * is good for its window and the one before, so a photo shared a minute later fails.
 */
export const CODE_WINDOW_MS = 30_000;
/** Scanning opens this long before the start and closes this long after the end. */
export const OPENS_BEFORE_MS = 60 * 60_000;
export const CLOSES_AFTER_MS = 120 * 60_000;

export type CheckinWindow = 'early' | 'open' | 'closed';

export function checkinWindow(activity: Pick<Activity, 'startsAt' | 'endsAt'>, now: Date): CheckinWindow {
  if (now.getTime() < activity.startsAt.getTime() - OPENS_BEFORE_MS) return 'early';
  if (now.getTime() > activity.endsAt.getTime() + CLOSES_AFTER_MS) return 'closed';
  return 'open';
}

const windowOf = (now: Date) => Math.floor(now.getTime() / CODE_WINDOW_MS);

function codeOf(secret: string, activityId: string, window: number): string {
  return createHmac('sha256', Buffer.from(secret, 'base64url')).update(`${activityId}:${window}`).digest('base64url').slice(0, 16);
}

/** The code to show now. */
export function currentCode(secret: string, activityId: string, now: Date): string {
  return codeOf(secret, activityId, windowOf(now));
}

/** True for the code of the current or the previous window; compared in constant time. */
export function codeMatches(secret: string, activityId: string, code: string, now: Date): boolean {
  const given = Buffer.from(code);
  const window = windowOf(now);
  let ok = false;
  for (const w of [window, window - 1]) {
    const expected = Buffer.from(codeOf(secret, activityId, w));
    if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}

/** The activity's secret, made on first use; two organisers opening the page at once get the same one. */
export async function ensureCheckinSecret(tx: Tx, tenantId: string, activityId: string): Promise<string> {
  await tx.insert(activityCheckinKeys).values({ tenantId, activityId, secret: randomBytes(32).toString('base64url') }).onConflictDoNothing();
  return (await checkinSecret(tx, tenantId, activityId))!;
}

/** The secret if the organiser ever showed the code; null means no code can be valid. */
export async function checkinSecret(tx: Tx, tenantId: string, activityId: string): Promise<string | null> {
  const [row] = await tx
    .select({ secret: activityCheckinKeys.secret })
    .from(activityCheckinKeys)
    .where(and(eq(activityCheckinKeys.tenantId, tenantId), eq(activityCheckinKeys.activityId, activityId)));
  return row?.secret ?? null;
}
