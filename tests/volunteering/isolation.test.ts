import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../core/identity/sessions.ts';
import { activitySignups } from '../../core/volunteering/activities/schema.ts';
import { organisationMembers, organisations } from '../../core/volunteering/organisations/schema.ts';
import { needs, projects } from '../../core/volunteering/projects/schema.ts';
import { TestClient } from '../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { activity, citizen, inCity, organisation, project, signedIn } from './fixtures.ts';

/**
 * Alpha's organisation, projects and activity, asked for by people of beta:
 * whatever the route, an id of another city is a 404 and changes nothing.
 */
let p: TestPlatform;
let ids: { org: string; pendingOrg: string; project: string; draft: string; activity: string; organiser: string; need: string };
let betaVolunteer: { client: TestClient; id: string };
let betaAdmin: TestClient;
beforeAll(async () => {
  p = await startTestPlatform();
  const organiser = await citizen(p, 'alpha', '甲组织者');
  const org = await organisation(p, 'alpha', organiser.id);
  const projectId = await project(p, 'alpha', org, organiser.id);
  const applicant = await citizen(p, 'alpha', '甲申请人');
  const pendingOrg = (await applicant.client.post('/organisations/apply', {
    name: '甲市待审组织', kind: 'volunteer_team', description: '待审', district: '城东区', contact_phone: '13800138000', credit_code: '',
  })).headers.get('location')!.split('/').pop()!;
  const resident = await citizen(p, 'alpha', '甲居民');
  await resident.client.post('/needs/new', { help: '甲市的需求', district: '城东区', place: '甲小区', wanted_when: '周末', contact: '13700003333' });
  const [need] = await inCity(p, 'alpha', (tx, t) => tx.select({ id: needs.id }).from(needs).where(and(eq(needs.tenantId, t), eq(needs.postedBy, resident.id))));
  ids = {
    org,
    pendingOrg,
    project: projectId,
    draft: await project(p, 'alpha', org, organiser.id, { publish: false }),
    activity: await activity(p, 'alpha', projectId, organiser.id, { capacity: 5 }),
    organiser: organiser.id,
    need: need!.id,
  };
  betaVolunteer = await signedIn(p, 'beta', 'vol@beta.test');
  betaAdmin = (await signedIn(p, 'beta', 'admin@beta.test')).client;
});
afterAll(() => p.close());

const pages = () => [
  `/organisations/${ids.org}`,
  `/organisations/${ids.pendingOrg}`,
  `/organisations/${ids.org}/members`,
  `/organisations/${ids.org}/projects/new`,
  `/projects/${ids.project}`,
  `/projects/${ids.draft}`,
  `/projects/${ids.project}/edit`,
  `/projects/${ids.project}/activities/new`,
  `/activities/${ids.activity}`,
  `/activities/${ids.activity}/manage`,
  `/volunteers/${ids.organiser}`,
];
const actions = (): [string, Record<string, string>][] => [
  [`/activities/${ids.activity}/signup`, {}],
  [`/activities/${ids.activity}/cancel`, {}],
  [`/activities/${ids.activity}/signups/${ids.organiser}`, { decision: 'approve' }],
  [`/organisations/${ids.org}/members`, { email: 'vol@beta.test', role: 'org_admin' }],
  [`/organisations/${ids.org}/members/${ids.organiser}/remove`, {}],
  [`/organisations/${ids.org}/projects`, {}],
  [`/projects/${ids.draft}/publish`, {}],
  [`/projects/${ids.project}/close`, {}],
  [`/projects/${ids.project}/activities`, {}],
  [`/needs/${ids.need}/take`, { organisation: ids.org }],
];
/** City admin actions: a beta admin gets 404 for alpha's ids; a volunteer holds no such permission at all (403). */
const reviews = (): [string, Record<string, string>][] => [
  [`/admin/organisations/${ids.pendingOrg}/approve`, {}],
  [`/admin/organisations/${ids.pendingOrg}/reject`, { reason: '乙市拒绝' }],
];

async function alphaUnchanged() {
  await inCity(p, 'alpha', async (tx, t) => {
    expect(await tx.select().from(activitySignups).where(eq(activitySignups.tenantId, t))).toEqual([]);
    const members = await tx.select().from(organisationMembers).where(and(eq(organisationMembers.tenantId, t), eq(organisationMembers.organisationId, ids.org)));
    expect(members.map((m) => m.userId)).toEqual([ids.organiser]);
    const [pending] = await tx.select().from(organisations).where(and(eq(organisations.tenantId, t), eq(organisations.id, ids.pendingOrg)));
    expect(pending!.status).toBe('pending');
    const statuses = await tx.select({ id: projects.id, status: projects.status }).from(projects).where(eq(projects.tenantId, t));
    expect(statuses.find((s) => s.id === ids.project)!.status).toBe('published');
    expect(statuses.find((s) => s.id === ids.draft)!.status).toBe('draft');
  });
}

describe(`volunteering across cities (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('answers 404 to a beta volunteer and a beta admin for every page and action with alpha’s ids, on beta’s host', async () => {
    for (const client of [betaVolunteer.client, betaAdmin]) {
      for (const path of pages()) expect([path, (await client.get(path)).status]).toEqual([path, 404]);
      for (const [path, form] of actions()) expect([path, (await client.post(path, form)).status]).toEqual([path, 404]);
    }
    for (const [path, form] of reviews()) {
      expect([path, (await betaAdmin.post(path, form)).status]).toEqual([path, 404]);
      expect([path, (await betaVolunteer.client.post(path, form)).status]).toEqual([path, 403]);
    }
    await alphaUnchanged();
  });

  it('answers 404 on the /t/beta fallback too', async () => {
    const fallback = new TestClient(p.app, 'http://localhost');
    const { token } = await inCity(p, 'beta', (tx, t) => createSession(tx, t, betaVolunteer.id, {}));
    fallback.setCookie('session', token, '/t/beta');
    expect((await fallback.get('/t/beta/projects')).status).toBe(200);
    for (const path of pages()) expect([path, (await fallback.get(`/t/beta${path}`)).status]).toEqual([path, 404]);
    for (const [path, form] of actions()) expect([path, (await fallback.post(`/t/beta${path}`, form)).status]).toEqual([path, 404]);
    fallback.setCookie('session', betaAdmin.cookie('session')!, '/t/beta');
    for (const [path, form] of reviews()) expect([path, (await fallback.post(`/t/beta${path}`, form)).status]).toEqual([path, 404]);
    await alphaUnchanged();
  });

  it('does not honour a beta session on alpha’s site: alpha’s private pages stay 404 and actions ask for an alpha sign-in', async () => {
    const session = betaVolunteer.client.cookie('session')!;
    const intruder = new TestClient(p.app, 'http://alpha.localhost');
    intruder.setCookie('session', session);
    for (const path of [`/organisations/${ids.pendingOrg}`, `/projects/${ids.draft}`]) {
      expect([path, (await intruder.get(path)).status]).toEqual([path, 404]);
    }
    const signup = await intruder.post(`/activities/${ids.activity}/signup`);
    expect(signup.status).toBe(303);
    expect(signup.headers.get('location')).toContain('/sign-in?next=');
    const manage = await intruder.get(`/activities/${ids.activity}/manage`);
    expect(manage.headers.get('location')).toContain('/sign-in?next=');
    await alphaUnchanged();
  });
});
