import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../core/db/database.ts';
import { jobDepsOf } from '../../support/jobs.ts';
import { coreJobs } from '../../../core/jobs/core-jobs.ts';
import { saveChoices } from '../../../core/messages/preferences.ts';
import { dueReminders, queueActivityReminders } from '../../../core/volunteering/activities/reminders.ts';
import { activityRemindersJob } from '../../../core/volunteering/activities/reminders-job.ts';
import { activitySignups } from '../../../core/volunteering/activities/schema.ts';
import { DAY_MS } from '../../../core/volunteering/shared/time.ts';
import { messagesTo } from '../../support/outbox.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { activity, citizen, inCity, organisation, project, serviceRecord, verify } from '../fixtures.ts';
import { readsEnglish } from './fixtures.ts';

let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let projectId: string;
let orgId: string;
const HOUR = 60 * 60 * 1000;
const city = () => p.cities.alpha!.names;

/** The hourly job as the queue runs it, at an injected instant. */
const runReminders = (at: Date) => activityRemindersJob.run({ at: at.toISOString() }, jobDepsOf(p));
const reminders = async (email: string) => (await messagesTo(p, email)).filter((m) => m.kind.startsWith('volunteering.reminder-'));

/** Signed up (through the page) and, when given, as if that happened `daysAgo` days ago. */
async function signedUp(activityId: string, name: string, daysAgo = 0) {
  const v = await citizen(p, 'alpha', name, { profile: true });
  expect((await v.client.post(`/activities/${activityId}/signup`)).status).toBe(303);
  if (daysAgo > 0) {
    const createdAt = new Date(Date.now() - daysAgo * DAY_MS);
    await inCity(p, 'alpha', (tx, t) => tx.update(activitySignups).set({ createdAt }).where(and(eq(activitySignups.tenantId, t), eq(activitySignups.activityId, activityId), eq(activitySignups.userId, v.id))));
  }
  return v;
}

beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '组织者');
  orgId = await organisation(p, 'alpha', organiser.id);
  projectId = await project(p, 'alpha', orgId, organiser.id);
});
afterAll(() => p.close());

describe(`activity reminders (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('reminds a day before, once however often the hourly job runs, only those who hold a place', async () => {
    const now = new Date();
    const startsAt = new Date(now.getTime() + 20 * HOUR);
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { title: '敬老院探访', capacity: 2, startsAt });
    const kept = await signedUp(activityId, '留下');
    const cancelled = await signedUp(activityId, '取消');
    const waiting = await signedUp(activityId, '候补甲');
    const alsoWaiting = await signedUp(activityId, '候补乙');
    expect((await cancelled.client.post(`/activities/${activityId}/cancel`)).status).toBe(303); // 候补甲 moves up
    await runReminders(now);
    await runReminders(new Date(now.getTime() + HOUR));
    await runReminders(new Date(now.getTime() + 2 * HOUR));
    // A later run finds them queued in one lookup and offers the outbox nothing again.
    expect(await inCity(p, 'alpha', (tx, t) => queueActivityReminders(tx, t, new Date(now.getTime() + 3 * HOUR)))).toBe(0);

    for (const v of [kept, waiting]) {
      const got = await reminders(v.email);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ kind: 'volunteering.reminder-day-before', channel: 'email', subject: `【${city()['zh-CN']}】活动提醒：敬老院探访` });
      expect(got[0]!.text).toContain('您报名的活动即将开始（一天之内）');
      expect(got[0]!.text).toContain('地点：社区中心');
      expect(got[0]!.text).toContain('不想再收到活动提醒');
    }
    expect(await reminders(cancelled.email)).toEqual([]);
    expect(await reminders(alsoWaiting.email)).toEqual([]);
  });

  it('reminds a week before those who signed up earlier than that, and again a day before', async () => {
    const now = new Date();
    const startsAt = new Date(now.getTime() + 6 * DAY_MS + 12 * HOUR);
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { title: 'Riverside clean-up', startsAt });
    const early = await signedUp(activityId, 'Early', 10);
    await readsEnglish(p, 'alpha', early.id);
    const late = await signedUp(activityId, '晚报名'); // less than a week before the start

    await runReminders(now);
    await runReminders(now);
    const week = await reminders(early.email);
    expect(week).toHaveLength(1);
    expect(week[0]).toMatchObject({ kind: 'volunteering.reminder-week-before', subject: `${city().en}: Reminder: Riverside clean-up` });
    expect(week[0]!.text).toContain('An activity you signed up for is about a week away:');
    expect(week[0]!.text).toContain('Place: 社区中心');
    expect(await reminders(late.email)).toEqual([]); // signed up within the week: the day-before one is enough

    const dayBefore = new Date(startsAt.getTime() - 23 * HOUR);
    await runReminders(dayBefore);
    await runReminders(new Date(dayBefore.getTime() + HOUR));
    expect((await reminders(early.email)).map((m) => m.kind)).toEqual(['volunteering.reminder-day-before', 'volunteering.reminder-week-before']);
    expect((await reminders(late.email)).map((m) => m.kind)).toEqual(['volunteering.reminder-day-before']);
  });

  it('reminds nobody of an activity more than a week away, already started, or after they opted out of reminders', async () => {
    const now = new Date();
    const far = await activity(p, 'alpha', projectId, organiser.id, { startsAt: new Date(now.getTime() + 9 * DAY_MS) });
    const farVolunteer = await signedUp(far, '远', 20);
    const soon = await activity(p, 'alpha', projectId, organiser.id, { startsAt: new Date(now.getTime() + 3 * HOUR) });
    const optedOut = await signedUp(soon, '不要提醒');
    await inCity(p, 'alpha', (tx, t) => saveChoices(tx, t, optedOut.id, { channels: { email: true, sms: true }, optedOut: ['volunteering'] }));
    const started = await signedUp(soon, '已开始');
    await runReminders(now);
    await runReminders(new Date(now.getTime() + 4 * HOUR)); // the activity has started by then
    expect(await reminders(farVolunteer.email)).toEqual([]);
    expect(await reminders(optedOut.email)).toEqual([]);
    // Opting out of the group stops reminders only: a decision about their hours still reaches them.
    await verify(p, 'alpha', orgId, organiser.id, [await serviceRecord(p, 'alpha', optedOut.id, projectId)]);
    expect((await messagesTo(p, optedOut.email)).map((m) => m.kind)).toEqual(['volunteering.hours-verified']);
    expect((await reminders(started.email)).map((m) => m.kind)).toEqual(['volunteering.reminder-day-before']); // from the first run only
  });

  it('runs on the job queue as the core job volunteering.reminders, every hour on the hour', async () => {
    expect(coreJobs).toContain(activityRemindersJob);
    expect(activityRemindersJob.cron).toBe('0 * * * *');
    const now = new Date();
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { title: '队列提醒', startsAt: new Date(now.getTime() + 5 * HOUR) });
    const v = await signedUp(activityId, '排队');
    await p.jobs.send('volunteering.reminders', { at: now.toISOString() });
    await p.jobs.drain();
    expect((await reminders(v.email)).map((m) => m.subject)).toEqual([`【${city()['zh-CN']}】活动提醒：队列提醒`]);
  });

  it('finds the due reminders of a city in one indexed statement', async () => {
    const plan = await inCity(p, 'alpha', async (tx, t) => {
      // Test tables are small enough for a sequential scan to win: forbid it to see the index path exists.
      await tx.execute(sql`set local enable_seqscan = off`);
      return rowsOf<{ 'QUERY PLAN': string }>(await tx.execute(sql`explain ${dueReminders(tx, t, new Date())}`)).map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('activities_upcoming');
    expect(plan).not.toContain('Seq Scan');
  });
});
