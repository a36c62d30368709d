import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitySignups } from '../../../core/volunteering/activities/schema.ts';
import { insurancePolicies } from '../../../core/volunteering/insurance/schema.ts';
import { DAY_MS, toLocalDateInput } from '../../../core/volunteering/shared/time.ts';
import { volunteerProfiles } from '../../../core/volunteering/volunteers/schema.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { activity, citizen, fieldError, idCard, inCity, mainOf, organisation, project, signedIn } from '../fixtures.ts';

let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let otherOrganiser: Awaited<ReturnType<typeof citizen>>;
let insured: Awaited<ReturnType<typeof citizen>>;
let uninsured: Awaited<ReturnType<typeof citizen>>;
let sunshine: string;
let riverside: string;
let visit: string;
let later: string;
const day = (offset: number) => toLocalDateInput(new Date(Date.now() + offset * DAY_MS));

const numberOf = async (userId: string) =>
  (await inCity(p, 'alpha', (tx, t) => tx.select().from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, t), eq(volunteerProfiles.userId, userId)))))[0]!.volunteerNumber;
const policiesOf = (organisationId: string) =>
  inCity(p, 'alpha', (tx, t) => tx.select().from(insurancePolicies).where(and(eq(insurancePolicies.tenantId, t), eq(insurancePolicies.organisationId, organisationId))));
const signupOf = async (activityId: string, userId: string) =>
  (await inCity(p, 'alpha', (tx, t) => tx.select().from(activitySignups).where(and(eq(activitySignups.tenantId, t), eq(activitySignups.activityId, activityId), eq(activitySignups.userId, userId)))))[0];

beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '组织者');
  otherOrganiser = await citizen(p, 'alpha', '河畔负责人');
  insured = await citizen(p, 'alpha', '黄志愿', { profile: true });
  uninsured = await citizen(p, 'alpha', '李志愿', { profile: true });
  sunshine = await organisation(p, 'alpha', organiser.id, '阳光志愿队');
  riverside = await organisation(p, 'alpha', otherOrganiser.id, '河畔环保社');
  const elders = await project(p, 'alpha', sunshine, organiser.id, { name: '社区助老' });
  visit = await activity(p, 'alpha', elders, organiser.id, { title: '敬老院探访', startsAt: new Date(Date.now() + 3 * DAY_MS) });
  later = await activity(p, 'alpha', elders, organiser.id, { title: '重阳节活动', startsAt: new Date(Date.now() + 20 * DAY_MS) });
});
afterAll(() => p.close());

describe(`volunteer insurance (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  const policy = (fields: Record<string, string>) => ({ insurer: '中国人寿', policy_number: 'PA-2026-001', starts_on: day(0), ends_on: day(10), coverage: 'named', volunteer_numbers: '', ...fields });

  it('refuses a bad policy beside the field and records nothing', async () => {
    const unknown = await organiser.client.post(`/organisations/${sunshine}/insurance`, policy({ volunteer_numbers: 'V-NOT-A-NUMBER' }));
    expect(unknown.status).toBe(400);
    const html = await unknown.text();
    expect(fieldError(html, 'volunteer_numbers')).toContain('V-NOT-A-NUMBER');
    expect(html).toContain('中国人寿');
    const backwards = await organiser.client.post(`/organisations/${sunshine}/insurance`, policy({ starts_on: day(5), ends_on: day(1), coverage: 'all' }));
    expect(backwards.status).toBe(400);
    expect(fieldError(await backwards.text(), 'ends_on')).toBe('终止日期不能早于起保日期。');
    const noNames = await organiser.client.post(`/organisations/${sunshine}/insurance`, policy({}));
    expect(fieldError(await noNames.text(), 'volunteer_numbers')).toBe('请至少填写一个志愿者编号。');
    const badDate = await organiser.client.post(`/organisations/${sunshine}/insurance`, policy({ starts_on: '2026-02-30', coverage: 'all' }));
    expect(fieldError(await badDate.text(), 'starts_on')).not.toBeNull();
    expect(await policiesOf(sunshine)).toHaveLength(0);
  });

  it('keeps the policies to the organisation’s administrators', async () => {
    expect((await insured.client.get(`/organisations/${sunshine}/insurance`)).status).toBe(403);
    expect((await otherOrganiser.client.get(`/organisations/${sunshine}/insurance`)).status).toBe(403);
    expect((await otherOrganiser.client.post(`/organisations/${sunshine}/insurance`, policy({ coverage: 'all' }))).status).toBe(403);
    expect((await otherOrganiser.client.post(`/activities/${visit}/insurance`, { required: 'yes' })).status).toBe(403);
    expect(await policiesOf(sunshine)).toHaveLength(0);
  });

  it('records a policy naming volunteers by unified number and lists it', async () => {
    const number = await numberOf(insured.id);
    const res = await organiser.client.post(`/organisations/${sunshine}/insurance`, policy({ volunteer_numbers: number }));
    expect(res.status).toBe(303);
    const page = await mainOf(await organiser.client.get(`/organisations/${sunshine}/insurance`));
    expect(page).toContain('PA-2026-001');
    expect(page).toContain(number);
    expect(await policiesOf(sunshine)).toHaveLength(1);
  });

  it('lets sign-up to an activity that requires cover through only for a volunteer covered on its date', async () => {
    expect((await organiser.client.post(`/activities/${visit}/insurance`, { required: 'yes' })).status).toBe(303);
    expect((await organiser.client.post(`/activities/${later}/insurance`, { required: 'yes' })).status).toBe(303);
    expect(await mainOf(await organiser.client.get(`/activities/${visit}/insurance`))).toContain('此活动要求报名的志愿者在活动当日有保险。');

    expect((await uninsured.client.post(`/activities/${visit}/signup`)).status).toBe(303);
    expect(await signupOf(visit, uninsured.id)).toBeUndefined();
    expect(await (await uninsured.client.get(`/activities/${visit}`)).text()).toContain('主办组织的保单在当日没有覆盖你');

    expect((await insured.client.post(`/activities/${visit}/signup`)).status).toBe(303);
    expect((await signupOf(visit, insured.id))?.status).toBe('confirmed');
    // The named policy ends on day 10; the later activity is on day 20.
    await insured.client.post(`/activities/${later}/signup`);
    expect(await signupOf(later, insured.id)).toBeUndefined();
  });

  it('lets everyone through under a policy covering all the organisation’s activities, and shows the volunteer their cover', async () => {
    expect((await organiser.client.post(`/organisations/${sunshine}/insurance`, policy({ policy_number: 'GRP-9', coverage: 'all', starts_on: day(15), ends_on: day(40) }))).status).toBe(303);
    await uninsured.client.post(`/activities/${later}/signup`);
    expect((await signupOf(later, uninsured.id))?.status).toBe('confirmed');

    const record = await mainOf(await insured.client.get('/volunteer/record'));
    expect(record).toContain('PA-2026-001');
    expect(record).toContain('阳光志愿队');
    const other = await mainOf(await uninsured.client.get('/volunteer/record'));
    expect(other).toContain('GRP-9');
    expect(other).not.toContain('PA-2026-001');
  });

  it('lets the organiser lift the requirement', async () => {
    expect((await organiser.client.post(`/activities/${visit}/insurance`, { required: 'no' })).status).toBe(303);
    await uninsured.client.post(`/activities/${visit}/signup`);
    expect((await signupOf(visit, uninsured.id))?.status).toBe('confirmed');
  });

  it('tells a new volunteer signing up through the profile page that the activity needs cover, and keeps their profile', async () => {
    const projectId = await project(p, 'alpha', sunshine, organiser.id, { name: '河边巡护' });
    const farOff = await activity(p, 'alpha', projectId, organiser.id, { startsAt: new Date(Date.now() + 50 * DAY_MS) });
    expect((await organiser.client.post(`/activities/${farOff}/insurance`, { required: 'yes' })).status).toBe(303);
    const c = await citizen(p, 'alpha', '新市民');
    const saved = await c.client.post('/volunteer/profile', {
      real_name: '新市民',
      mobile: '13912345670',
      service_areas: '城东区',
      availability: 'weekend',
      id_type: '',
      id_number: '',
      next: '/volunteer/profile',
      signup: farOff,
    });
    expect(saved.headers.get('location')).toBe(`/activities/${farOff}`);
    expect(await signupOf(farOff, c.id)).toBeUndefined();
    const page = await mainOf(await c.client.get(`/activities/${farOff}`));
    expect(page).toContain('欢迎成为志愿者');
    expect(page).toContain('主办组织的保单在当日没有覆盖你');
  });

  it('names on a policy only volunteers with a verified identity when the city requires it', async () => {
    const newcomer = await citizen(p, 'alpha', '王新人', { profile: true, idCardNumber: idCard('11010119800101002') });
    const number = await numberOf(newcomer.id);
    const { client: admin } = await signedIn(p, 'alpha', 'admin@alpha.test');
    expect((await admin.post('/admin/identity-requirements', { insurance: '1' })).status).toBe(303);
    expect(await mainOf(await admin.get('/admin/identity-requirements'))).toMatch(/name="insurance" value="1" checked/);
    const before = (await policiesOf(sunshine)).length;
    const refused = await organiser.client.post(`/organisations/${sunshine}/insurance`, policy({ policy_number: 'NAMED-2', volunteer_numbers: number }));
    expect(refused.status).toBe(400);
    expect(fieldError(await refused.text(), 'volunteer_numbers')).toContain(number);
    expect(await policiesOf(sunshine)).toHaveLength(before);
    expect((await organiser.client.post(`/volunteers/${newcomer.id}/identity/verify`)).status).toBe(303);
    expect((await organiser.client.post(`/organisations/${sunshine}/insurance`, policy({ policy_number: 'NAMED-2', volunteer_numbers: number }))).status).toBe(303);
    expect(await policiesOf(sunshine)).toHaveLength(before + 1);
  });
});
