import { and, desc, eq, gt, inArray, like } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { queueMessage } from '../../messages/outbox.ts';
import { ledgerAccounts } from '../../ledger/schema.ts';
import { SERVICE_MINUTES, volunteerAccountCode } from '../records/verification.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { starEarnedKind } from './notices.ts';
import { starLevelSettings, volunteerStarLevels } from './schema.ts';

/**
 * Star levels: one to five stars at verified-hour thresholds the city sets
 * (national practice 100/300/600/1,000/1,500 hours). A volunteer's level follows
 * the minutes the ledger counts for them here both ways: earned when hours are verified, taken back
 * when a revocation drops the total below a threshold.
 */
export const DEFAULT_STAR_HOURS = [100, 300, 600, 1000, 1500] as const;

export async function findStarHours(tx: Tx, tenantId: string): Promise<number[]> {
  const [row] = await tx.select({ hours: starLevelSettings.hours }).from(starLevelSettings).where(eq(starLevelSettings.tenantId, tenantId));
  return row?.hours ?? [...DEFAULT_STAR_HOURS];
}

/** Stars for a verified total: how many thresholds it reaches. */
export function starsFor(minutes: number, hours: readonly number[]): number {
  return hours.filter((h) => minutes >= h * 60).length;
}

const VOLUNTEER_PREFIX = volunteerAccountCode('');

/**
 * Minutes counted for these volunteers (every volunteer of the city with `'all'`): their
 * balance of service minutes on the ledger, so service verified here, records imported or
 * transferred in, and nothing that was transferred out to another city.
 */
async function countedMinutes(tx: Tx, tenantId: string, userIds: readonly string[] | 'all') {
  const a = ledgerAccounts;
  const rows = await tx
    .select({ code: a.code, minutes: a.balance })
    .from(a)
    .where(and(eq(a.tenantId, tenantId), eq(a.unit, SERVICE_MINUTES), userIds === 'all' ? like(a.code, `${VOLUNTEER_PREFIX}%`) : inArray(a.code, userIds.map(volunteerAccountCode))));
  const totals = new Map(rows.map((r) => [r.code.slice(VOLUNTEER_PREFIX.length), r.minutes]));
  for (const id of userIds === 'all' ? [] : userIds) if (!totals.has(id)) totals.set(id, 0);
  return totals;
}

/**
 * Brings the star levels of these volunteers in step with their verified minutes,
 * and tells each one who went up a level (once per volunteer and level).
 */
export async function updateStarLevels(tx: Tx, tenantId: string, userIds: readonly string[] | 'all', now = new Date()): Promise<void> {
  if (userIds !== 'all' && userIds.length === 0) return;
  const hours = await findStarHours(tx, tenantId);
  const totals = await countedMinutes(tx, tenantId, userIds);
  const ids = userIds === 'all' ? undefined : inArray(volunteerStarLevels.userId, [...userIds]);
  const current = await tx.select().from(volunteerStarLevels).where(and(eq(volunteerStarLevels.tenantId, tenantId), ids));
  const before = new Map(current.map((r) => [r.userId, r.stars]));
  if (userIds === 'all') for (const r of current) if (!totals.has(r.userId)) totals.set(r.userId, 0);
  for (const [userId, minutes] of totals) {
    const stars = starsFor(minutes, hours);
    const was = before.get(userId) ?? 0;
    await tx
      .insert(volunteerStarLevels)
      .values({ tenantId, userId, stars, verifiedMinutes: minutes, changedAt: now })
      .onConflictDoUpdate({ target: [volunteerStarLevels.tenantId, volunteerStarLevels.userId], set: { stars, verifiedMinutes: minutes, ...(stars === was ? {} : { changedAt: now }) } });
    if (stars === was) continue;
    await recordAudit(tx, tenantId, { actor: 'system', action: stars > was ? 'star_level.earned' : 'star_level.taken_back', target: `user:${userId}`, address: null, detail: { from: was, to: stars } });
    if (stars > was) await queueMessage(tx, tenantId, starEarnedKind, { userId }, { stars, hours: hours[stars - 1]! }, `star-earned:${userId}:${stars}:${now.getTime()}`);
  }
}

export async function starsOf(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const [row] = await tx.select({ stars: volunteerStarLevels.stars }).from(volunteerStarLevels).where(and(eq(volunteerStarLevels.tenantId, tenantId), eq(volunteerStarLevels.userId, userId)));
  return row?.stars ?? 0;
}

/** Saves the city's thresholds and re-levels every volunteer under them. */
export async function saveStarHours(tx: Tx, tenantId: string, hours: number[], by: { id: string; address: string | null }): Promise<void> {
  await tx.insert(starLevelSettings).values({ tenantId, hours }).onConflictDoUpdate({ target: starLevelSettings.tenantId, set: { hours, updatedAt: new Date() } });
  await recordAudit(tx, tenantId, { actor: `user:${by.id}`, action: 'star_levels.saved', target: 'city', address: by.address, detail: { hours } });
  await updateStarLevels(tx, tenantId, 'all');
}

/** The city's starred volunteers, most stars and hours first. */
export async function starredVolunteers(tx: Tx, tenantId: string, limit: number) {
  return tx
    .select({ userId: volunteerStarLevels.userId, stars: volunteerStarLevels.stars, minutes: volunteerStarLevels.verifiedMinutes, name: volunteerProfiles.realName, number: volunteerProfiles.volunteerNumber })
    .from(volunteerStarLevels)
    .innerJoin(volunteerProfiles, and(eq(volunteerProfiles.tenantId, volunteerStarLevels.tenantId), eq(volunteerProfiles.userId, volunteerStarLevels.userId)))
    .where(and(eq(volunteerStarLevels.tenantId, tenantId), gt(volunteerStarLevels.stars, 0)))
    .orderBy(desc(volunteerStarLevels.stars), desc(volunteerStarLevels.verifiedMinutes), volunteerStarLevels.userId)
    .limit(limit);
}
