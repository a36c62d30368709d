import { and, count, eq, gt, inArray, isNotNull, lt } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { findActivity } from '../activities/service.ts';
import { findProject, type Project } from '../projects/service.ts';
import { checkinSecret, checkinWindow, codeMatches } from './checkin-code.ts';
import { serviceRecords, type ServiceRecordSource, type ServiceRecordStatus } from '../records/schema.ts';
import { signupOf } from '../activities/signups.ts';
import { MAX_RECORD_MINUTES } from '../records/verification.ts';
import { findProfile } from '../volunteers/service.ts';

/**
 * How service records come into being: a volunteer scans the organiser's
 * rotating code to check in and out, the organiser marks them by hand, or the
 * volunteer claims hours afterwards. Every record ends up pending, waiting for
 * the organiser's verification (records/verification.ts).
 */

/** Statuses the unique index counts: one of these per volunteer and activity at most. */
const LIVE: ServiceRecordStatus[] = ['open', 'pending', 'verified'];

export type Attendance = { id: string; status: ServiceRecordStatus; source: ServiceRecordSource; startedAt: Date; endedAt: Date | null; minutes: number };
export type Actor = { userId: string; address: string | null };
type Found = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

const attendanceColumns = {
  id: serviceRecords.id,
  userId: serviceRecords.volunteerUserId,
  status: serviceRecords.status,
  source: serviceRecords.source,
  startedAt: serviceRecords.startedAt,
  endedAt: serviceRecords.endedAt,
  minutes: serviceRecords.minutes,
};
const ofActivity = (tenantId: string, activityId: string) =>
  and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.activityId, activityId), inArray(serviceRecords.status, LIVE));

/** Whole minutes between two instants, as a record may hold them. */
export function minutesBetween(startedAt: Date, endedAt: Date): number {
  return Math.max(0, Math.min(Math.floor((endedAt.getTime() - startedAt.getTime()) / 60_000), MAX_RECORD_MINUTES));
}

/** The volunteer's live record of this activity, if any. */
export async function attendanceOf(tx: Tx, tenantId: string, activityId: string, volunteerId: string, lock = false): Promise<Attendance | null> {
  const query = tx.select(attendanceColumns).from(serviceRecords).where(and(ofActivity(tenantId, activityId), eq(serviceRecords.volunteerUserId, volunteerId)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** Live records of the whole roster, by volunteer. */
export async function rosterAttendance(tx: Tx, tenantId: string, activityId: string): Promise<Map<string, Attendance>> {
  const rows = await tx.select(attendanceColumns).from(serviceRecords).where(ofActivity(tenantId, activityId));
  return new Map(rows.map((r) => [r.userId, r]));
}

/** How many are checked in now and how many have checked out. */
export async function attendanceCounts(tx: Tx, tenantId: string, activityId: string) {
  const [open] = await tx.select({ n: count() }).from(serviceRecords).where(and(ofActivity(tenantId, activityId), eq(serviceRecords.status, 'open')));
  const [out] = await tx.select({ n: count() }).from(serviceRecords).where(and(ofActivity(tenantId, activityId), isNotNull(serviceRecords.endedAt)));
  return { checkedIn: open?.n ?? 0, checkedOut: out?.n ?? 0 };
}

async function isConfirmed(tx: Tx, tenantId: string, activityId: string, volunteerId: string) {
  return (await signupOf(tx, tenantId, activityId, volunteerId))?.status === 'confirmed';
}

type Written = 'checked_in' | 'checked_out' | 'already_in' | 'already_out' | 'not_in';

/** Opens a record; a second one at the same moment hits the unique index and reports what the first did. */
async function checkIn(tx: Tx, tenantId: string, found: Found, volunteerId: string, source: ServiceRecordSource, actor: Actor, now: Date): Promise<Written> {
  const { activity, project } = found;
  const [row] = await tx
    .insert(serviceRecords)
    .values({
      tenantId,
      id: newId(),
      volunteerUserId: volunteerId,
      organisationId: project.organisationId,
      projectId: project.id,
      activityId: activity.id,
      source,
      status: 'open',
      startedAt: now,
      content: activity.title,
      createdBy: actor.userId,
    })
    .onConflictDoNothing()
    .returning({ id: serviceRecords.id });
  if (!row) return (await attendanceOf(tx, tenantId, activity.id, volunteerId))?.status === 'open' ? 'already_in' : 'already_out';
  await audit(tx, tenantId, actor, 'service_record.checked_in', row.id, { activity: activity.id, volunteer: volunteerId });
  return 'checked_in';
}

/** Closes the open record; the row lock makes a second scan at the same moment find it closed. */
async function checkOut(tx: Tx, tenantId: string, activityId: string, volunteerId: string, actor: Actor, now: Date): Promise<{ done: Written; minutes: number }> {
  const live = await attendanceOf(tx, tenantId, activityId, volunteerId, true);
  if (!live) return { done: 'not_in', minutes: 0 };
  if (live.status !== 'open') return { done: 'already_out', minutes: live.minutes };
  const endedAt = now < live.startedAt ? live.startedAt : now;
  const minutes = minutesBetween(live.startedAt, endedAt);
  await tx.update(serviceRecords).set({ status: 'pending', endedAt, minutes }).where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.id, live.id)));
  await audit(tx, tenantId, actor, 'service_record.checked_out', live.id, { activity: activityId, volunteer: volunteerId, minutes });
  return { done: 'checked_out', minutes };
}

function audit(tx: Tx, tenantId: string, actor: Actor, action: string, recordId: string, detail: Record<string, unknown>) {
  return recordAudit(tx, tenantId, { actor: `user:${actor.userId}`, action, target: `service_record:${recordId}`, address: actor.address, detail });
}

/** Whether a scanned code is the organiser's current (or previous) one and scanning is open. */
export async function codeIsValid(tx: Tx, tenantId: string, found: Found, code: string, now: Date): Promise<boolean> {
  if (checkinWindow(found.activity, now) !== 'open') return false;
  const secret = await checkinSecret(tx, tenantId, found.activity.id);
  return secret !== null && codeMatches(secret, found.activity.id, code, now);
}

export type Move = 'in' | 'out';
export type AttendanceResult =
  | { ok: true; done: 'checked_in' | 'checked_out'; minutes: number }
  | { ok: false; reason: 'not_found' | 'bad_code' | 'not_open' | 'not_confirmed' | 'already_in' | 'already_out' | 'not_in'; minutes?: number };

async function move(tx: Tx, tenantId: string, found: Found, volunteerId: string, move: Move, source: ServiceRecordSource, actor: Actor, now: Date): Promise<AttendanceResult> {
  if (move === 'out') {
    const { done, minutes } = await checkOut(tx, tenantId, found.activity.id, volunteerId, actor, now);
    return done === 'checked_out' ? { ok: true, done, minutes } : { ok: false, reason: done as 'already_out' | 'not_in', minutes };
  }
  if (!(await isConfirmed(tx, tenantId, found.activity.id, volunteerId))) return { ok: false, reason: 'not_confirmed' };
  const done = await checkIn(tx, tenantId, found, volunteerId, source, actor, now);
  return done === 'checked_in' ? { ok: true, done, minutes: 0 } : { ok: false, reason: done as 'already_in' | 'already_out' };
}

/** A volunteer scanned the code and pressed 签到 or 签退; a stale code changes nothing. */
export async function scan(tx: Tx, tenantId: string, activityId: string, input: { code: string; move: Move }, actor: Actor, now = new Date()): Promise<AttendanceResult> {
  const found = await findActivity(tx, tenantId, activityId);
  if (!found || found.project.status === 'draft') return { ok: false, reason: 'not_found' };
  if (!(await codeIsValid(tx, tenantId, found, input.code, now))) return { ok: false, reason: 'bad_code' };
  return move(tx, tenantId, found, actor.userId, input.move, 'checkin', actor, now);
}

/** The organiser checks a confirmed volunteer in or out now, while scanning is open. */
export async function markAttendance(tx: Tx, tenantId: string, activityId: string, volunteerId: string, which: Move, actor: Actor, now = new Date()): Promise<AttendanceResult> {
  const found = await findActivity(tx, tenantId, activityId);
  if (!found) return { ok: false, reason: 'not_found' };
  if (checkinWindow(found.activity, now) !== 'open') return { ok: false, reason: 'not_open' };
  return move(tx, tenantId, found, volunteerId, which, 'organiser', actor, now);
}

export type Period = { startedAt: Date; endedAt: Date };
export type RecordResult = { ok: true; recordId: string } | { ok: false; reason: 'not_found' | 'not_confirmed' | 'not_ended' | 'no_profile' | 'duplicate' | 'overlap' };

/**
 * The organiser records a confirmed volunteer's attendance with times: a new
 * pending record, or the open one closed with these times (a forgotten check-out).
 */
export async function recordAttendance(tx: Tx, tenantId: string, activityId: string, volunteerId: string, period: Period, actor: Actor): Promise<RecordResult> {
  const found = await findActivity(tx, tenantId, activityId);
  if (!found) return { ok: false, reason: 'not_found' };
  if (!(await isConfirmed(tx, tenantId, activityId, volunteerId))) return { ok: false, reason: 'not_confirmed' };
  const minutes = minutesBetween(period.startedAt, period.endedAt);
  const live = await attendanceOf(tx, tenantId, activityId, volunteerId, true);
  if (live && live.status !== 'open') return { ok: false, reason: 'duplicate' };
  if (live) {
    await tx
      .update(serviceRecords)
      .set({ status: 'pending', source: 'organiser', ...period, minutes })
      .where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.id, live.id)));
    await audit(tx, tenantId, actor, 'service_record.recorded', live.id, { activity: activityId, volunteer: volunteerId, minutes });
    return { ok: true, recordId: live.id };
  }
  return insertPending(tx, tenantId, found, volunteerId, { ...period, content: found.activity.title }, 'organiser', actor);
}

async function insertPending(
  tx: Tx,
  tenantId: string,
  found: { project: { id: string; organisationId: string }; activity?: { id: string } },
  volunteerId: string,
  input: Period & { content: string },
  source: ServiceRecordSource,
  actor: Actor,
): Promise<RecordResult> {
  const minutes = minutesBetween(input.startedAt, input.endedAt);
  const [row] = await tx
    .insert(serviceRecords)
    .values({
      tenantId,
      id: newId(),
      volunteerUserId: volunteerId,
      organisationId: found.project.organisationId,
      projectId: found.project.id,
      activityId: found.activity?.id ?? null,
      source,
      status: 'pending',
      ...input,
      minutes,
      createdBy: actor.userId,
    })
    .onConflictDoNothing()
    .returning({ id: serviceRecords.id });
  if (!row) return { ok: false, reason: 'duplicate' };
  const action = source === 'claim' ? 'service_record.claimed' : 'service_record.recorded';
  await audit(tx, tenantId, actor, action, row.id, { activity: found.activity?.id ?? null, project: found.project.id, volunteer: volunteerId, minutes });
  return { ok: true, recordId: row.id };
}

/** Another live record of the volunteer's that overlaps this period: the same hours cannot be served twice. */
async function overlaps(tx: Tx, tenantId: string, volunteerId: string, period: Period): Promise<boolean> {
  const [row] = await tx
    .select({ n: count() })
    .from(serviceRecords)
    .where(
      and(
        eq(serviceRecords.tenantId, tenantId),
        eq(serviceRecords.volunteerUserId, volunteerId),
        inArray(serviceRecords.status, ['pending', 'verified']),
        lt(serviceRecords.startedAt, period.endedAt),
        gt(serviceRecords.endedAt, period.startedAt),
      ),
    );
  return (row?.n ?? 0) > 0;
}

export type ClaimRefusal = 'not_ended' | 'not_confirmed' | 'duplicate';

/** Why a volunteer may not claim hours for this activity now (null: they may): it must be over, they confirmed, nothing recorded yet. */
export async function activityClaimRefusal(tx: Tx, tenantId: string, activity: { id: string; endsAt: Date }, volunteerId: string, now = new Date()): Promise<ClaimRefusal | null> {
  if (activity.endsAt > now) return 'not_ended';
  if (!(await isConfirmed(tx, tenantId, activity.id, volunteerId))) return 'not_confirmed';
  if (await attendanceOf(tx, tenantId, activity.id, volunteerId)) return 'duplicate';
  return null;
}

/** The volunteer claims hours for an activity that has ended. */
export async function claimActivity(tx: Tx, tenantId: string, activityId: string, input: Period & { content: string }, actor: Actor, now = new Date()): Promise<RecordResult> {
  const found = await findActivity(tx, tenantId, activityId);
  if (!found || found.project.status === 'draft') return { ok: false, reason: 'not_found' };
  const refusal = await activityClaimRefusal(tx, tenantId, found.activity, actor.userId, now);
  if (refusal) return { ok: false, reason: refusal };
  if (await overlaps(tx, tenantId, actor.userId, input)) return { ok: false, reason: 'overlap' };
  return insertPending(tx, tenantId, found, actor.userId, input, 'claim', actor);
}

export type ClaimableProject = { ok: true; project: Project } | { ok: false; reason: 'not_found' | 'no_profile' };

/** A published or closed project the volunteer (with a completed profile) may claim hours for. */
export async function claimableProject(tx: Tx, tenantId: string, projectId: string, volunteerId: string): Promise<ClaimableProject> {
  const found = await findProject(tx, tenantId, projectId);
  if (!found || found.project.status === 'draft') return { ok: false, reason: 'not_found' };
  if (!(await findProfile(tx, tenantId, volunteerId))) return { ok: false, reason: 'no_profile' };
  return { ok: true, project: found.project };
}

/** The volunteer claims hours served for a project outside any scheduled activity. */
export async function claimProject(tx: Tx, tenantId: string, projectId: string, input: Period & { content: string }, actor: Actor): Promise<RecordResult> {
  const access = await claimableProject(tx, tenantId, projectId, actor.userId);
  if (!access.ok) return access;
  if (await overlaps(tx, tenantId, actor.userId, input)) return { ok: false, reason: 'overlap' };
  return insertPending(tx, tenantId, { project: access.project }, actor.userId, input, 'claim', actor);
}
