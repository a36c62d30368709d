import { and, asc, count, eq, inArray, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { users } from '../../db/schema/identity.ts';
import { findActivity, placesTaken, type Activity } from './service.ts';
import { activities, activitySignups, type SignupStatus } from './schema.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { findProfile } from '../volunteers/service.ts';
import type { IdType } from '../volunteers/id-documents.ts';
import { openIdNumber } from '../volunteers/id-number-keys.ts';
import { coveringPolicies, requiresCover } from '../insurance/service.ts';
import { toLocalDateInput } from '../shared/time.ts';
import { queueSignupDecision, queueWaitlistPromotions } from './signup-notices.ts';

/** Statuses that hold (or wait for) a place. */
export const ACTIVE: readonly SignupStatus[] = ['pending', 'confirmed', 'waitlisted'];

export async function signupOf(tx: Tx, tenantId: string, activityId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(activitySignups)
    .where(and(eq(activitySignups.tenantId, tenantId), eq(activitySignups.activityId, activityId), eq(activitySignups.userId, userId)));
  return row ?? null;
}

/** 1 for the first on the waitlist: how many wait at or before this queue number. */
export async function waitlistPosition(tx: Tx, tenantId: string, activityId: string, queueNumber: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(activitySignups)
    .where(
      and(
        eq(activitySignups.tenantId, tenantId),
        eq(activitySignups.activityId, activityId),
        eq(activitySignups.status, 'waitlisted'),
        lte(activitySignups.queueNumber, queueNumber),
      ),
    );
  return row?.n ?? 0;
}

/** Takes the activity's row lock: every change to its sign-ups runs one at a time, so places are never over-given. */
async function lockActivity(tx: Tx, tenantId: string, activityId: string) {
  const [row] = await tx.select().from(activities).where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId))).for('update');
  return row ?? null;
}

export type SignUpResult =
  | { ok: true; status: SignupStatus }
  | { ok: false; reason: 'not_found' | 'no_profile' | 'not_open' | 'already' | 'rejected' | 'not_insured' };

/** True unless the activity requires cover and no policy of its organisation covers the volunteer on its day. */
async function insuredFor(tx: Tx, tenantId: string, found: { activity: Activity; organisation: { id: string } }, userId: string) {
  if (!(await requiresCover(tx, tenantId, found.activity.id))) return true;
  const day = toLocalDateInput(found.activity.startsAt);
  return (await coveringPolicies(tx, tenantId, found.organisation.id, userId, day)).length > 0;
}

/**
 * Signs a volunteer up: pending when the organiser approves sign-ups, else
 * confirmed while places last and waitlisted after that.
 */
export async function signUp(tx: Tx, tenantId: string, activityId: string, userId: string, now = new Date()): Promise<SignUpResult> {
  const found = await findActivity(tx, tenantId, activityId);
  if (!found || found.project.status === 'draft') return { ok: false, reason: 'not_found' };
  if (found.project.status !== 'published' || found.activity.startsAt <= now) return { ok: false, reason: 'not_open' };
  if (!(await findProfile(tx, tenantId, userId))) return { ok: false, reason: 'no_profile' };
  if (!(await insuredFor(tx, tenantId, found, userId))) return { ok: false, reason: 'not_insured' };
  // Bumping the queue counter both locks the activity row and numbers this place in the queue.
  const [locked] = await tx
    .update(activities)
    .set({ queueCounter: sql`${activities.queueCounter} + 1` })
    .where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)))
    .returning({ queueNumber: activities.queueCounter, capacity: activities.capacity, requiresApproval: activities.requiresApproval });
  const existing = await signupOf(tx, tenantId, activityId, userId);
  if (existing && ACTIVE.includes(existing.status)) return { ok: false, reason: 'already' };
  if (existing?.status === 'rejected') return { ok: false, reason: 'rejected' };
  const { confirmed } = await placesTaken(tx, tenantId, activityId);
  const status: SignupStatus = locked!.requiresApproval ? 'pending' : confirmed < locked!.capacity ? 'confirmed' : 'waitlisted';
  const row = { status, queueNumber: locked!.queueNumber, decidedBy: null, decidedAt: null, updatedAt: now };
  await tx
    .insert(activitySignups)
    .values({ tenantId, activityId, userId, ...row })
    .onConflictDoUpdate({ target: [activitySignups.tenantId, activitySignups.activityId, activitySignups.userId], set: row });
  return { ok: true, status };
}

/** Fills free places from the waitlist, first come first served, and tells each who moved up; returns them. */
async function promoteFromWaitlist(tx: Tx, tenantId: string, activity: Activity, now: Date): Promise<string[]> {
  const { confirmed } = await placesTaken(tx, tenantId, activity.id);
  const free = activity.capacity - confirmed;
  if (free <= 0) return [];
  const next = await tx
    .select({ userId: activitySignups.userId, queueNumber: activitySignups.queueNumber })
    .from(activitySignups)
    .where(and(eq(activitySignups.tenantId, tenantId), eq(activitySignups.activityId, activity.id), eq(activitySignups.status, 'waitlisted')))
    .orderBy(asc(activitySignups.queueNumber))
    .limit(free);
  const promoted = next.map((r) => r.userId);
  if (promoted.length > 0) {
    await tx
      .update(activitySignups)
      .set({ status: 'confirmed', updatedAt: now })
      .where(and(eq(activitySignups.tenantId, tenantId), eq(activitySignups.activityId, activity.id), inArray(activitySignups.userId, promoted)));
    await queueWaitlistPromotions(tx, tenantId, activity, next);
  }
  return promoted;
}

export type CancelResult = { ok: true; promoted: string[] } | { ok: false; reason: 'not_found' | 'not_signed_up' | 'started' };

/** The volunteer withdraws; a place they free goes to the first on the waitlist, in the same transaction. */
export async function cancelSignup(tx: Tx, tenantId: string, activityId: string, userId: string, now = new Date()): Promise<CancelResult> {
  const activity = await lockActivity(tx, tenantId, activityId);
  if (!activity) return { ok: false, reason: 'not_found' };
  const signup = await signupOf(tx, tenantId, activityId, userId);
  if (!signup || !ACTIVE.includes(signup.status)) return { ok: false, reason: 'not_signed_up' };
  if (activity.startsAt <= now) return { ok: false, reason: 'started' };
  await tx
    .update(activitySignups)
    .set({ status: 'cancelled', updatedAt: now })
    .where(and(eq(activitySignups.tenantId, tenantId), eq(activitySignups.activityId, activityId), eq(activitySignups.userId, userId)));
  const promoted = signup.status === 'confirmed' ? await promoteFromWaitlist(tx, tenantId, activity, now) : [];
  return { ok: true, promoted };
}

export type DecideResult = { ok: true; status: SignupStatus } | { ok: false; reason: 'not_found' | 'not_pending' };

/** The organiser approves (a place if one is free, else the waitlist) or rejects a pending sign-up. */
export async function decideSignup(
  tx: Tx,
  tenantId: string,
  activityId: string,
  userId: string,
  decision: { approve: boolean; deciderId: string; address: string | null },
  now = new Date(),
): Promise<DecideResult> {
  const activity = await lockActivity(tx, tenantId, activityId);
  if (!activity) return { ok: false, reason: 'not_found' };
  const signup = await signupOf(tx, tenantId, activityId, userId);
  if (!signup) return { ok: false, reason: 'not_found' };
  if (signup.status !== 'pending') return { ok: false, reason: 'not_pending' };
  const { confirmed } = await placesTaken(tx, tenantId, activityId);
  const status: Extract<SignupStatus, 'confirmed' | 'waitlisted' | 'rejected'> = !decision.approve ? 'rejected' : confirmed < activity.capacity ? 'confirmed' : 'waitlisted';
  await tx
    .update(activitySignups)
    .set({ status, decidedBy: decision.deciderId, decidedAt: now, updatedAt: now })
    .where(and(eq(activitySignups.tenantId, tenantId), eq(activitySignups.activityId, activityId), eq(activitySignups.userId, userId)));
  await recordAudit(tx, tenantId, {
    actor: `user:${decision.deciderId}`,
    action: decision.approve ? 'activity_signup.approved' : 'activity_signup.rejected',
    target: `user:${userId}`,
    address: decision.address,
    detail: { activity: activityId, status },
  });
  await queueSignupDecision(tx, tenantId, activity, userId, signup.queueNumber, status);
  return { ok: true, status };
}

/** Everyone signed up, in queue order, with what the organiser needs to reach them. */
export async function roster(tx: Tx, tenantId: string, activityId: string) {
  const rows = await tx
    .select({
      userId: activitySignups.userId,
      status: activitySignups.status,
      queueNumber: activitySignups.queueNumber,
      name: users.name,
      realName: volunteerProfiles.realName,
      mobile: volunteerProfiles.mobile,
      volunteerNumber: volunteerProfiles.volunteerNumber,
      idType: volunteerProfiles.idType,
      idNumberSealed: volunteerProfiles.idNumberSealed,
    })
    .from(activitySignups)
    .innerJoin(users, and(eq(users.tenantId, activitySignups.tenantId), eq(users.id, activitySignups.userId)))
    .leftJoin(volunteerProfiles, and(eq(volunteerProfiles.tenantId, activitySignups.tenantId), eq(volunteerProfiles.userId, activitySignups.userId)))
    .where(and(eq(activitySignups.tenantId, tenantId), eq(activitySignups.activityId, activityId), inArray(activitySignups.status, [...ACTIVE, 'rejected'])))
    .orderBy(asc(activitySignups.queueNumber));
  return rows.map(({ idType, idNumberSealed, ...r }) => ({ ...r, idDocument: idType && idNumberSealed ? { type: idType as IdType, number: openIdNumber(idNumberSealed) } : null }));
}
