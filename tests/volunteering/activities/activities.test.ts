import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitySignups } from '../../../core/volunteering/activities/schema.ts';
import { TestClient } from '../../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { activity, citizen, fieldError, inCity, mainOf, organisation, origin, project } from '../fixtures.ts';

let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let projectId: string;
let orgId: string;
beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '组织者');
  orgId = await organisation(p, 'alpha', organiser.id);
  projectId = await project(p, 'alpha', orgId, organiser.id, { name: '社区助老' });
});
afterAll(() => p.close());

const signupsOf = (activityId: string) =>
  inCity(p, 'alpha', (tx, t) => tx.select().from(activitySignups).where(and(eq(activitySignups.tenantId, t), eq(activitySignups.activityId, activityId))));
const statusOf = async (activityId: string, userId: string) => (await signupsOf(activityId)).find((s) => s.userId === userId)?.status;
const volunteers = (n: number, prefix: string) => Promise.all(Array.from({ length: n }, (_, i) => citizen(p, 'alpha', `${prefix}${i + 1}`, { profile: true })));

describe(`activities and sign-ups (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lets an organiser schedule an activity, refusing an end before the start beside the field', async () => {
    const bad = await organiser.client.post(`/projects/${projectId}/activities`, {
      title: '周六探访',
      starts_at: '2030-05-04T09:00',
      ends_at: '2030-05-04T08:00',
      place: '长者服务站',
      capacity: '5',
    });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'ends_at')).toBe('结束时间不能早于开始时间。');
    const ok = await organiser.client.post(`/projects/${projectId}/activities`, {
      title: '周六探访',
      starts_at: '2030-05-04T09:00',
      ends_at: '2030-05-04T11:30',
      place: '长者服务站',
      capacity: '5',
      requires_approval: 'yes',
    });
    expect(ok.status).toBe(303);
    const page = await mainOf(await new TestClient(p.app, origin('alpha')).get(ok.headers.get('location')!));
    expect(page).toContain('周六探访');
    expect(page).toContain('2030/05/04 09:00'); // typed in China time, shown in China time
    expect(page).toContain('报名须经组织者审核');
    expect(await mainOf(await new TestClient(p.app, origin('alpha')).get(`/projects/${projectId}`))).toContain('周六探访');
  });

  it('sends a citizen without a volunteer profile to complete it first, and signs them up on saving with one welcome', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id);
    const c = await citizen(p, 'alpha', '新市民');
    const res = await c.client.post(`/activities/${activityId}/signup`);
    expect(res.status).toBe(303);
    // The activity goes along as an id, never as a path to follow.
    expect(res.headers.get('location')).toBe(`/volunteer/profile?signup=${activityId}`);
    expect(await signupsOf(activityId)).toEqual([]);
    const form = await mainOf(await c.client.get(res.headers.get('location')!));
    expect(form.split('请先完善志愿者信息')).toHaveLength(2); // said once, not by a flash and the page both
    expect(form).toContain(`name="signup" value="${activityId}"`);
    const saved = await c.client.post('/volunteer/profile', {
      real_name: '新市民',
      mobile: '13912345678',
      service_areas: '城东区',
      availability: 'weekend',
      id_type: '',
      id_number: '',
      next: '/volunteer/profile',
      signup: activityId,
    });
    expect(saved.headers.get('location')).toBe(`/activities/${activityId}`);
    expect(await statusOf(activityId, c.id)).toBe('confirmed');
    const page = await mainOf(await c.client.get(`/activities/${activityId}`));
    expect(page.match(/欢迎成为志愿者/g)).toHaveLength(1);
    expect(page).toMatch(/<p class="flash flash-success"[^>]*>欢迎成为志愿者！您的志愿者编号是 350203\d{9}[\dX]。报名成功！<\/p>/);
    expect(page).toContain('您已报名成功');
  });

  it('keeps the carried activity an id: a path or a foreign id in its place signs up nothing and leads nowhere else', async () => {
    const c = await citizen(p, 'alpha', '另一位新市民');
    const form = await mainOf(await c.client.get('/volunteer/profile?signup=//evil.example/'));
    expect(form).not.toContain('name="signup"');
    const saved = await c.client.post('/volunteer/profile', {
      real_name: '另一位新市民',
      mobile: '13912345679',
      service_areas: '城东区',
      availability: 'weekend',
      id_type: '',
      id_number: '',
      next: '/volunteer/profile',
      signup: '//evil.example/',
    });
    expect(saved.headers.get('location')).toBe('/volunteer/profile');
    const unknown = await citizen(p, 'alpha', '第三位新市民', { profile: true });
    const missing = await unknown.client.post('/volunteer/profile', {
      real_name: '第三位新市民',
      mobile: '13912345670',
      service_areas: '城东区',
      availability: 'weekend',
      id_type: '',
      id_number: '',
      next: '/volunteer/profile',
      signup: '01890000-0000-7000-8000-000000000000',
    });
    expect(missing.headers.get('location')).toBe('/volunteer/profile');
  });

  it('fills an activity, waitlists the next sign-ups in order, and moves the first waitlisted up on a cancellation', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { capacity: 2 });
    const [a, b, c, d] = await volunteers(4, '候补测试');
    for (const v of [a!, b!, c!, d!]) expect((await v.client.post(`/activities/${activityId}/signup`)).status).toBe(303);
    expect(await statusOf(activityId, a!.id)).toBe('confirmed');
    expect(await statusOf(activityId, b!.id)).toBe('confirmed');
    expect(await statusOf(activityId, c!.id)).toBe('waitlisted');
    expect(await statusOf(activityId, d!.id)).toBe('waitlisted');
    expect(await mainOf(await d!.client.get(`/activities/${activityId}`))).toContain('候补名单第 2 位');
    const twice = await a!.client.follow(a!.client.post(`/activities/${activityId}/signup`));
    expect(await twice.text()).toContain('您已经报名了这个活动');

    const cancelled = await a!.client.follow(a!.client.post(`/activities/${activityId}/cancel`));
    expect(await cancelled.text()).toContain('已取消报名');
    expect(await statusOf(activityId, a!.id)).toBe('cancelled');
    expect(await statusOf(activityId, c!.id)).toBe('confirmed');
    expect(await statusOf(activityId, d!.id)).toBe('waitlisted');
    expect(await mainOf(await c!.client.get(`/activities/${activityId}`))).toContain('您已报名成功');
    expect(await mainOf(await d!.client.get(`/activities/${activityId}`))).toContain('候补名单第 1 位');
    // Cancelling from the waitlist frees no place: nobody moves.
    await d!.client.post(`/activities/${activityId}/cancel`);
    expect((await signupsOf(activityId)).filter((s) => s.status === 'confirmed').map((s) => s.userId).sort()).toEqual([b!.id, c!.id].sort());
    // Signing up again after cancelling joins the back of the queue.
    await a!.client.post(`/activities/${activityId}/signup`);
    expect(await statusOf(activityId, a!.id)).toBe('waitlisted');
  });

  it('gives exactly 3 of 10 volunteers signing up at once the 3 places, and waitlists the rest in order', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { capacity: 3 });
    const crowd = await volunteers(10, '并发报名');
    const results = await Promise.all(crowd.map((v) => v.client.post(`/activities/${activityId}/signup`)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(303));
    const rows = await signupsOf(activityId);
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(3);
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(7);
    expect(new Set(rows.map((r) => r.queueNumber)).size).toBe(10);
    // Everyone confirmed joined the queue before everyone waitlisted.
    const lastConfirmed = Math.max(...rows.filter((r) => r.status === 'confirmed').map((r) => r.queueNumber));
    expect(rows.filter((r) => r.status === 'waitlisted').every((r) => r.queueNumber > lastConfirmed)).toBe(true);
    // Concurrent cancellations of all three promote exactly three, the first three waiting.
    const confirmed = crowd.filter((v) => rows.find((r) => r.userId === v.id)!.status === 'confirmed');
    const firstWaiting = rows.filter((r) => r.status === 'waitlisted').sort((x, y) => x.queueNumber - y.queueNumber).slice(0, 3).map((r) => r.userId);
    await Promise.all(confirmed.map((v) => v.client.post(`/activities/${activityId}/cancel`)));
    const after = await signupsOf(activityId);
    expect(after.filter((r) => r.status === 'confirmed').map((r) => r.userId).sort()).toEqual(firstWaiting.sort());
  });

  it('lets the organiser approve or reject sign-ups that need approval, on the activity’s management page', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { capacity: 1, requiresApproval: true });
    const [a, b, c] = await volunteers(3, '审核测试');
    for (const v of [a!, b!, c!]) await v.client.post(`/activities/${activityId}/signup`);
    expect((await signupsOf(activityId)).map((s) => s.status)).toEqual(['pending', 'pending', 'pending']);
    expect(await mainOf(await a!.client.get(`/activities/${activityId}`))).toContain('等待组织者审核');

    const manage = await mainOf(await organiser.client.get(`/activities/${activityId}/manage`));
    expect(manage).toContain('审核测试1');
    expect(manage).toContain('待审核');
    const approved = await organiser.client.follow(organiser.client.post(`/activities/${activityId}/signups/${a!.id}`, { decision: 'approve' }));
    expect(await approved.text()).toContain('已通过 审核测试1 的报名');
    expect(await statusOf(activityId, a!.id)).toBe('confirmed');
    // The only place is taken: the next approval goes to the waitlist.
    await organiser.client.post(`/activities/${activityId}/signups/${b!.id}`, { decision: 'approve' });
    expect(await statusOf(activityId, b!.id)).toBe('waitlisted');
    await organiser.client.post(`/activities/${activityId}/signups/${c!.id}`, { decision: 'reject' });
    expect(await statusOf(activityId, c!.id)).toBe('rejected');
    expect(await mainOf(await c!.client.get(`/activities/${activityId}`))).toContain('组织者未通过您的报名');
    const again = await c!.client.follow(c!.client.post(`/activities/${activityId}/signup`));
    expect(await again.text()).toContain('不能再次报名');
    expect(await statusOf(activityId, c!.id)).toBe('rejected');
    const decidedTwice = await organiser.client.follow(organiser.client.post(`/activities/${activityId}/signups/${c!.id}`, { decision: 'approve' }));
    expect(await decidedTwice.text()).toContain('这条报名已被处理过');

    // A volunteer is no organiser: no roster, no decisions.
    expect((await a!.client.get(`/activities/${activityId}/manage`)).status).toBe(403);
    expect((await a!.client.post(`/activities/${activityId}/signups/${b!.id}`, { decision: 'approve' })).status).toBe(403);
    expect(await statusOf(activityId, b!.id)).toBe('waitlisted');
  });

  it('lets a team lead run an activity’s sign-ups, but not create projects or activities', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { requiresApproval: true });
    const lead = await citizen(p, 'alpha', '队长');
    const [v] = await volunteers(1, '队长审核');
    await organiser.client.post(`/organisations/${orgId}/members`, { email: lead.email, role: 'team_lead' });
    await v!.client.post(`/activities/${activityId}/signup`);
    expect(await mainOf(await lead.client.get(`/activities/${activityId}/manage`))).toContain('队长审核1');
    await lead.client.post(`/activities/${activityId}/signups/${v!.id}`, { decision: 'approve' });
    expect(await statusOf(activityId, v!.id)).toBe('confirmed');
    expect((await lead.client.get(`/organisations/${orgId}/projects/new`)).status).toBe(403);
    expect((await lead.client.get(`/projects/${projectId}/activities/new`)).status).toBe(403);
    expect((await lead.client.post(`/projects/${projectId}/close`)).status).toBe(403);
  });

  it('takes no sign-ups for an activity that has started, nor cancellations of it', async () => {
    const [v, early] = await volunteers(2, '开始后');
    const pastId = await activity(p, 'alpha', projectId, organiser.id, { startsAt: new Date(Date.now() - 60 * 60 * 1000) });
    // `early` signed up before it started (written directly: the clock cannot be turned back).
    await inCity(p, 'alpha', (tx, t) => tx.insert(activitySignups).values({ tenantId: t, activityId: pastId, userId: early!.id, status: 'confirmed', queueNumber: 1 }));
    const late = await v!.client.follow(v!.client.post(`/activities/${pastId}/signup`));
    expect(await late.text()).toContain('此活动已不接受报名');
    const cancel = await early!.client.follow(early!.client.post(`/activities/${pastId}/cancel`));
    expect(await cancel.text()).toContain('活动已开始，不能再取消报名');
    expect((await signupsOf(pastId)).map((s) => [s.userId, s.status])).toEqual([[early!.id, 'confirmed']]);
    expect(await mainOf(await new TestClient(p.app, origin('alpha')).get(`/projects/${projectId}`))).not.toContain(`/activities/${pastId}`);
  });
});
