/**
 * List actions answer htmx with just the row (or box) they changed, so a phone
 * reader keeps their place; a plain form post (no script) still gets the usual
 * redirect. Refusals and bad input come back in the row, readable.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitySignups } from '../../core/volunteering/activities/schema.ts';
import { serviceRecords } from '../../core/volunteering/records/schema.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { activity, citizen, confirmedSignup, inCity, organisation, project, serviceRecord } from './fixtures.ts';

/** What htmx sends with a request it will swap into the page. */
const HTMX = { 'hx-request': 'true' };

let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let orgId: string;
let projectId: string;
beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '组织者');
  orgId = await organisation(p, 'alpha', organiser.id);
  projectId = await project(p, 'alpha', orgId, organiser.id, { name: '社区助老' });
});
afterAll(() => p.close());

const signupStatus = async (activityId: string, userId: string) =>
  (await inCity(p, 'alpha', (tx, t) => tx.select().from(activitySignups).where(and(eq(activitySignups.tenantId, t), eq(activitySignups.activityId, activityId), eq(activitySignups.userId, userId)))))[0]?.status;
const recordStatus = async (id: string) =>
  (await inCity(p, 'alpha', (tx, t) => tx.select().from(serviceRecords).where(and(eq(serviceRecords.tenantId, t), eq(serviceRecords.id, id)))))[0]?.status;

/** A fragment, not a page: it starts with the element htmx swaps. */
async function fragment(res: Response, startsWith: string) {
  const html = await res.text();
  expect(html).not.toContain('<html');
  expect(html.startsWith(startsWith)).toBe(true);
  return html;
}

describe(`row swaps (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('approves a sign-up on the roster: htmx gets the volunteer’s row, a plain post the redirect', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { requiresApproval: true });
    const [a, b] = await Promise.all([citizen(p, 'alpha', '欧阳甲', { profile: true }), citizen(p, 'alpha', '欧阳乙', { profile: true })]);
    await a.client.post(`/activities/${activityId}/signup`);
    await b.client.post(`/activities/${activityId}/signup`);

    const swapped = await organiser.client.post(`/activities/${activityId}/signups/${a.id}`, { decision: 'approve' }, HTMX);
    expect(swapped.status).toBe(200);
    const row = await fragment(swapped, `<tr id="roster-${a.id}">`);
    expect(row).toContain('已确认');
    expect(row).toContain('已通过 欧阳甲 的报名。');
    expect(row).not.toContain('欧阳乙');
    expect(await signupStatus(activityId, a.id)).toBe('confirmed');

    const again = await organiser.client.post(`/activities/${activityId}/signups/${a.id}`, { decision: 'approve' }, HTMX);
    expect(again.status).toBe(409);
    expect(await fragment(again, `<tr id="roster-${a.id}">`)).toMatch(/role="alert">[^<]+</);

    const plain = await organiser.client.post(`/activities/${activityId}/signups/${b.id}`, { decision: 'reject' });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/activities/${activityId}/manage`);
    expect(await signupStatus(activityId, b.id)).toBe('rejected');
  });

  it('checks a volunteer in from the roster as a row swap, and answers the page’s polling with the roster alone', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { startsAt: new Date(Date.now() - 10 * 60_000) });
    const v = await citizen(p, 'alpha', '司马丙', { profile: true });
    await confirmedSignup(p, 'alpha', activityId, v.id);

    const swapped = await organiser.client.post(`/activities/${activityId}/attendance/${v.id}`, { move: 'in' }, HTMX);
    expect(swapped.status).toBe(200);
    const row = await fragment(swapped, `<tr id="roster-${v.id}">`);
    expect(row).toContain('已为 司马丙 签到');
    expect(row).toContain('>签退</button>');

    const twice = await organiser.client.post(`/activities/${activityId}/attendance/${v.id}`, { move: 'in' }, HTMX);
    expect(twice.status).toBe(409);
    expect(await fragment(twice, `<tr id="roster-${v.id}">`)).toMatch(/role="alert">[^<]+</);

    const plain = await organiser.client.post(`/activities/${activityId}/attendance/${v.id}`, { move: 'out' });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/activities/${activityId}/manage`);

    const polled = await organiser.client.get(`/activities/${activityId}/manage`, HTMX);
    expect(polled.status).toBe(200);
    const roster = await fragment(polled, '<section id="roster"');
    expect(roster).toContain('hx-trigger="every');
    expect(roster).toContain('司马丙');
    expect(roster).toMatch(/签退 \d{4}\/\d{2}\/\d{2}/); // checked out by the plain post
    expect(roster).not.toContain('>签退</button>');
    const stranger = await citizen(p, 'alpha', '路人');
    expect((await stranger.client.get(`/activities/${activityId}/manage`, HTMX)).status).toBe(403);
  });

  it('signs up and cancels on the activity page by swapping the sign-up box and the places', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { capacity: 3 });
    const v = await citizen(p, 'alpha', '上官丁', { profile: true });

    const signedUp = await v.client.post(`/activities/${activityId}/signup`, {}, HTMX);
    expect(signedUp.status).toBe(200);
    const box = await fragment(signedUp, '<section class="card" id="signup">');
    expect(box).toContain('报名成功');
    expect(box).toContain(`/activities/${activityId}/cancel`);
    expect(box).toMatch(/<template hx="" type="partial" hx-target="#places" hx-swap="outerHTML"><p id="places">[^<]*1[^<]*3/);
    expect(await signupStatus(activityId, v.id)).toBe('confirmed');

    const again = await v.client.post(`/activities/${activityId}/signup`, {}, HTMX);
    expect(again.status).toBe(409);
    expect(await fragment(again, '<section class="card" id="signup">')).toContain('role="alert"');

    const cancelled = await v.client.post(`/activities/${activityId}/cancel`, {}, HTMX);
    expect(cancelled.status).toBe(200);
    expect(await fragment(cancelled, '<section class="card" id="signup">')).toContain('已取消报名');
    expect(await signupStatus(activityId, v.id)).toBe('cancelled');

    const plain = await v.client.post(`/activities/${activityId}/signup`);
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/activities/${activityId}`);
  });

  it('sends a citizen without a profile to complete it as a page, not into the sign-up box', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id);
    const c = await citizen(p, 'alpha', '新市民');
    const res = await c.client.post(`/activities/${activityId}/signup`, {}, HTMX);
    expect(res.headers.get('hx-redirect')).toBe(`/volunteer/profile?signup=${activityId}`);
    expect(await res.text()).toBe('');
  });

  it('verifies and rejects records in the queue’s rows, with a missing reason said beside the field and nothing changed', async () => {
    const v = await citizen(p, 'alpha', '诸葛戊', { profile: true });
    const [first, second] = [await serviceRecord(p, 'alpha', v.id, projectId), await serviceRecord(p, 'alpha', v.id, projectId)];
    const own = await serviceRecord(p, 'alpha', organiser.id, projectId);
    const queue = await (await organiser.client.get(`/organisations/${orgId}/records?status=pending`)).text();
    expect(queue).toContain(`hx-post="/records/${first}/verify"`);
    expect(queue).toContain(`hx-post="/records/${first}/reject"`);
    // Nobody verifies their own hours: their own row offers no buttons.
    expect(queue).toContain(`<tr id="record-${own}">`);
    expect(queue).not.toContain(`/records/${own}/verify"`);

    const verified = await organiser.client.post(`/records/${first}/verify`, {}, HTMX);
    expect(verified.status).toBe(200);
    const row = await fragment(verified, `<tr id="record-${first}">`);
    expect(row).toContain('已核实');
    expect(row).not.toContain(`/records/${first}/reject`);
    expect(await recordStatus(first)).toBe('verified');

    const blank = await organiser.client.post(`/records/${second}/reject`, { rejection_reason: ' ' }, HTMX);
    expect(blank.status).toBe(400);
    const refused = await fragment(blank, `<tr id="record-${second}">`);
    expect(refused).toMatch(new RegExp(`id="f-rejection_reason-${second}-error" class="error">[^<]+<`));
    expect(refused).toContain('<details open="">');
    expect(await recordStatus(second)).toBe('pending');

    const rejected = await organiser.client.post(`/records/${second}/reject`, { rejection_reason: '当天未到场' }, HTMX);
    expect(rejected.status).toBe(200);
    expect(await fragment(rejected, `<tr id="record-${second}">`)).toContain('未通过');
    expect(await recordStatus(second)).toBe('rejected');

    const third = await serviceRecord(p, 'alpha', v.id, projectId);
    const plain = await organiser.client.post(`/records/${third}/verify`);
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/records/${third}`);
  });

  it('has htmx reload the page rather than put a whole page (a refusal, the sign-in page) into a row', async () => {
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { requiresApproval: true });
    const v = await citizen(p, 'alpha', '夏侯己', { profile: true });
    await v.client.post(`/activities/${activityId}/signup`);
    const stranger = await citizen(p, 'alpha', '路人乙');
    const refused = await stranger.client.post(`/activities/${activityId}/signups/${v.id}`, { decision: 'approve' }, HTMX);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('hx-refresh')).toBe('true');
    expect(await signupStatus(activityId, v.id)).toBe('pending');
    // An ordinary page load is left alone.
    expect((await stranger.client.get(`/activities/${activityId}/manage`)).headers.get('hx-refresh')).toBeNull();
  });
});
