import { and, asc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { users } from '../../db/schema/identity.ts';
import { queueMessages } from '../../messages/outbox.ts';
import { messages } from '../../messages/schema.ts';
import { activities, activitySignups } from './schema.ts';
import { DAY_MS } from '../shared/time.ts';
import { dayBeforeReminderKind, weekBeforeReminderKind } from './reminder-notices.ts';

/**
 * The reminders due at `now`, for one city: every confirmed sign-up whose
 * activity starts within a day, and, when it was made more than a week before
 * the start, within six to seven days. The windows are a day wide and the job
 * runs hourly, so a late or missed run still reminds; each reminder's
 * idempotency key (window, activity, sign-up) makes it go out once.
 */
export function dueReminders(tx: Tx, tenantId: string, now: Date) {
  const dayAhead = new Date(now.getTime() + DAY_MS);
  const weekAhead = new Date(now.getTime() + 7 * DAY_MS);
  const sixDaysAhead = new Date(now.getTime() + 6 * DAY_MS);
  const signedUpAWeekBefore = sql`${activitySignups.createdAt} <= ${activities.startsAt} - interval '7 days'`;
  // One statement a city: activities found by activities_upcoming (tenant, starts_at), their
  // confirmed sign-ups by activity_signups_queue (tenant, activity, status), the people by key.
  return tx
    .select({
      activityId: activities.id,
      title: activities.title,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      place: activities.place,
      queueNumber: activitySignups.queueNumber,
      window: sql<'day' | 'week'>`case when ${activities.startsAt} <= ${dayAhead.toISOString()}::timestamptz then 'day' else 'week' end`,
      userId: users.id,
      email: users.email,
      mobile: users.mobile,
      locale: users.locale,
    })
    .from(activities)
    .innerJoin(activitySignups, and(eq(activitySignups.tenantId, activities.tenantId), eq(activitySignups.activityId, activities.id), eq(activitySignups.status, 'confirmed')))
    .innerJoin(users, and(eq(users.tenantId, activitySignups.tenantId), eq(users.id, activitySignups.userId)))
    .where(
      and(
        eq(activities.tenantId, tenantId),
        // The whole span as one range, so the index on (tenant, starts_at) bounds the scan; then the two windows.
        gt(activities.startsAt, now),
        lte(activities.startsAt, weekAhead),
        or(
          and(gt(activities.startsAt, now), lte(activities.startsAt, dayAhead)),
          and(gt(activities.startsAt, sixDaysAhead), lte(activities.startsAt, weekAhead), signedUpAWeekBefore),
        ),
      ),
    )
    .orderBy(asc(activities.startsAt), asc(activitySignups.queueNumber));
}

const KEYS_A_STATEMENT = 1000;

/** Which of these idempotency keys the city's outbox holds already (a chunk of keys a statement). */
async function alreadyQueued(tx: Tx, tenantId: string, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += KEYS_A_STATEMENT) {
    const rows = await tx
      .select({ key: messages.idempotencyKey })
      .from(messages)
      .where(and(eq(messages.tenantId, tenantId), inArray(messages.idempotencyKey, keys.slice(i, i + KEYS_A_STATEMENT))));
    for (const r of rows) found.add(r.key);
  }
  return found;
}

/**
 * Queues the reminders due at `now` in the city's transaction; returns how many it offered
 * the outbox (which drops those a person opted out of).
 * A sign-up stays in its window for a day of hourly runs: the reminders queued by an
 * earlier run are skipped in one lookup, not offered to the outbox again one by one.
 */
export async function queueActivityReminders(tx: Tx, tenantId: string, now: Date): Promise<number> {
  const due = (await dueReminders(tx, tenantId, now)).map((r) => ({ ...r, key: `activity-reminder:${r.window}:${r.activityId}:${r.userId}:${r.queueNumber}` }));
  const queued = await alreadyQueued(tx, tenantId, due.map((r) => r.key));
  const fresh = due.filter((r) => !queued.has(r.key));
  for (const [window, kind] of [['day', dayBeforeReminderKind], ['week', weekBeforeReminderKind]] as const) {
    const batch = fresh
      .filter((r) => r.window === window)
      .map((r) => ({
        to: { userId: r.userId, email: r.email ?? undefined, mobile: r.mobile ?? undefined, locale: r.locale ?? undefined },
        params: { title: r.title, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(), place: r.place },
        idempotencyKey: r.key,
      }));
    await queueMessages(tx, tenantId, kind, batch);
  }
  return fresh.length;
}
