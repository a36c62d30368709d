import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideSignup } from '../../../core/volunteering/activities/signups.ts';
import { messagesTo } from '../../support/outbox.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { activity, citizen, inCity, organisation, project } from '../fixtures.ts';
import { readsEnglish } from './fixtures.ts';

let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let projectId: string;
const alphaName = () => p.cities.alpha!.names;

beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '组织者');
  const orgId = await organisation(p, 'alpha', organiser.id);
  projectId = await project(p, 'alpha', orgId, organiser.id, { name: '社区助老' });
});
afterAll(() => p.close());

const startsAt = new Date(Date.UTC(2031, 4, 3, 1, 0)); // 2031-05-03 09:00 in China
const decide = (activityId: string, userId: string, decision: 'approve' | 'reject') => organiser.client.post(`/activities/${activityId}/signups/${userId}`, { decision });

describe(`sign-up messages (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('tells a volunteer once that the organiser approved their sign-up, in Chinese under the city name, with the time and place', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { title: '周六探访', requiresApproval: true, startsAt });
    const v = await citizen(p, 'alpha', '李志愿', { profile: true });
    await v.client.post(`/activities/${activityId}/signup`);
    expect(await messagesTo(p, v.email)).toEqual([]); // pending: nothing decided yet
    expect((await decide(activityId, v.id, 'approve')).status).toBe(303);
    expect((await decide(activityId, v.id, 'approve')).status).toBe(303); // a second click changes nothing
    const got = await messagesTo(p, v.email);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ kind: 'volunteering.signup-approved', channel: 'email', subject: `【${alphaName()['zh-CN']}】报名已通过：周六探访` });
    expect(got[0]!.text).toContain('您已获得名额');
    expect(got[0]!.text).toContain('时间：2031/05/03 09:00');
    expect(got[0]!.text).toContain('地点：社区中心');
    expect(got[0]!.text).toContain(`${alphaName()['zh-CN']}志愿服务平台`);
  });

  it('tells an English reader that they were declined, in English', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { title: 'Park clean-up', requiresApproval: true, startsAt });
    const v = await citizen(p, 'alpha', 'Ann', { profile: true });
    await readsEnglish(p, 'alpha', v.id);
    await v.client.post(`/activities/${activityId}/signup`);
    await decide(activityId, v.id, 'reject');
    const got = await messagesTo(p, v.email);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ kind: 'volunteering.signup-declined', subject: `${alphaName().en}: Sign-up declined: Park clean-up` });
    expect(got[0]!.text).toContain('the organiser declined your sign-up for "Park clean-up" (3 May 2031, 09:00)');
  });

  it('says "approved, on the waitlist" when the activity is full, then tells the one who moves up when a place frees', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { title: '义诊', capacity: 1, requiresApproval: true, startsAt });
    const [first, second, third] = await Promise.all(['甲', '乙', '丙'].map((n) => citizen(p, 'alpha', n, { profile: true })));
    for (const v of [first!, second!, third!]) await v.client.post(`/activities/${activityId}/signup`);
    for (const v of [first!, second!, third!]) await decide(activityId, v.id, 'approve');
    expect((await messagesTo(p, first!.email))[0]!.text).toContain('您已获得名额');
    expect((await messagesTo(p, second!.email))[0]!.text).toContain('您在候补名单上');

    expect((await first!.client.post(`/activities/${activityId}/cancel`)).status).toBe(303);
    const promoted = await messagesTo(p, second!.email);
    expect(promoted.map((m) => m.kind)).toEqual(['volunteering.waitlist-promoted', 'volunteering.signup-approved']);
    expect(promoted[0]).toMatchObject({ subject: `【${alphaName()['zh-CN']}】候补成功：义诊` });
    expect(promoted[0]!.text).toContain('您已从候补名单递补');
    // Only the first in the queue moved up; the one who cancelled is told nothing more.
    expect((await messagesTo(p, third!.email)).map((m) => m.kind)).toEqual(['volunteering.signup-approved']);
    expect((await messagesTo(p, first!.email)).map((m) => m.kind)).toEqual(['volunteering.signup-approved']);
  });

  it('a decision rolled back queues nothing', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { requiresApproval: true, startsAt });
    const v = await citizen(p, 'alpha', '回滚', { profile: true });
    await v.client.post(`/activities/${activityId}/signup`);
    await expect(
      inCity(p, 'alpha', async (tx, t) => {
        const decided = await decideSignup(tx, t, activityId, v.id, { approve: true, deciderId: organiser.id, address: null });
        expect(decided).toEqual({ ok: true, status: 'confirmed' });
        throw new Error('the request failed after deciding');
      }),
    ).rejects.toThrow('the request failed after deciding');
    expect(await messagesTo(p, v.email)).toEqual([]);
  });
});
