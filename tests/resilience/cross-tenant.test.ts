import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passkeys } from '../../core/db/schema/identity.ts';
import { createSession } from '../../core/identity/sessions.ts';
import { createInvitation } from '../../core/identity/invitations.ts';
import { createCertificate } from '../../core/volunteering/certificates.ts';
import { listDistricts } from '../../core/volunteering/districts.ts';
import { postNeed } from '../../core/volunteering/needs.ts';
import { drawSpotCheck } from '../../core/volunteering/spot-checks.ts';
import { DAY_MS, toLocalDateInput } from '../../core/volunteering/time.ts';
import type { TestClient } from '../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { changedTables, cityRoutes, fillPath, paramsOf, rowCounts } from '../support/routes.ts';
import { activity, citizen, confirmedSignup, inCity, organisation, project, serviceRecord, signedIn, userIdOf, verify } from '../volunteering/fixtures.ts';

/**
 * Every route of a city's site that takes an id, generated from the site's route
 * list, asked for by beta's volunteer and beta's admin with alpha's ids: 404 or
 * 403, and nothing changes. A new route whose parameter has no kind below fails
 * this test until someone says what kind of id it takes.
 */
const KIND_OF: Record<string, string> = {
  'organisations/:id': 'organisation',
  'projects/:id': 'project',
  'activities/:id': 'activity',
  'records/:id': 'record',
  'items/:recordId': 'record',
  'certificates/:id': 'certificate',
  'verify/:code': 'certificateCode',
  'spot-checks/:id': 'spotCheck',
  'needs/:id': 'need',
  'members/:userId': 'user',
  'volunteers/:userId': 'user',
  'signups/:userId': 'user',
  'attendance/:userId': 'user',
  'sessions/:id': 'session',
  'passkeys/:id': 'passkey',
  'invite/:token': 'invitationToken',
};
/** Parameters that are not ids of a city's rows, and why they need no cross-city check. */
const NOT_CITY_IDS: Record<string, string> = {
  'plugins/:id': 'a plugin id names code shared by every city; the route acts on the caller’s own city',
};
/** One form for every action: plausible values, so a handler that validates before it looks up still reaches the lookup. */
const FORM = {
  record_id: '', status: 'pending', page: '1', hours: '1', minutes: '0', rejection_reason: '乙市', revocation_reason: '乙市',
  rating: '3', comment: '乙市', dispute_reason: '乙市', answer: '乙市', code: 'AAAAAAAAAAAAAAAA', move: 'in',
  started_at: '2026-01-01T09:00', ended_at: '2026-01-01T10:00', content: '乙市', day: '2026-01-01', start_time: '09:00', end_time: '10:00',
  outcome: 'problem', note: '乙市', roles: 'volunteer', role: 'volunteer', decision: 'confirmed', email: 'x@beta.test', name: '乙市',
  password: 'password-123', password_confirm: 'password-123', title: '乙市', capacity: '5', starts_at: '2026-01-01T09:00', ends_at: '2026-01-01T10:00',
  place: '乙市', description: '乙市', category: 'community_service', district: '乙区', reason: '乙市',
};

let p: TestPlatform;
let alphaIds: Record<string, string>;
let visitors: { who: string; client: TestClient }[];

beforeAll(async () => {
  p = await startTestPlatform();
  const organiser = await citizen(p, 'alpha', '甲组织者');
  const volunteer = await citizen(p, 'alpha', '甲服务者', { profile: true });
  const adminId = await userIdOf(p, 'alpha', 'admin@alpha.test');
  const org = await organisation(p, 'alpha', organiser.id);
  const projectId = await project(p, 'alpha', org, organiser.id);
  const activityId = await activity(p, 'alpha', projectId, organiser.id, { startsAt: new Date(Date.now() + 10 * 60_000) });
  await confirmedSignup(p, 'alpha', activityId, volunteer.id);
  const record = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 90 });
  await verify(p, 'alpha', org, organiser.id, [record]);
  const today = toLocalDateInput(new Date());
  const weekAgo = toLocalDateInput(new Date(Date.now() - 7 * DAY_MS));
  const extra = await inCity(p, 'alpha', async (tx, t) => {
    const certificate = await createCertificate(tx, t, volunteer.id, weekAgo, today);
    const spotCheck = await drawSpotCheck(tx, t, { from: weekAgo, to: today, sampleSize: 1, seed: 'cross-tenant', createdBy: adminId });
    const [district] = await listDistricts(tx, t);
    const need = await postNeed(tx, t, volunteer.id, { help: '买菜', district: district!, place: '甲街', wantedWhen: '周末', contact: '13800138000' });
    const { session } = await createSession(tx, t, volunteer.id, {});
    const invitation = await createInvitation(tx, t, { email: 'new@alpha.test', role: 'volunteer', invitedBy: adminId });
    await tx.insert(passkeys).values({ tenantId: t, id: 'alpha-passkey-credential', userId: volunteer.id, publicKey: new Uint8Array([1, 2, 3]), counter: 0, deviceType: 'singleDevice', backedUp: false, name: '甲手机' });
    if (!certificate.ok || !spotCheck.ok) throw new Error('set-up failed');
    return { certificate: certificate.id, certificateCode: certificate.code, spotCheck: spotCheck.id, need, session: session.id, invitationToken: invitation.token };
  });
  alphaIds = { organisation: org, project: projectId, activity: activityId, record, user: volunteer.id, passkey: 'alpha-passkey-credential', ...extra };
  visitors = [
    { who: 'beta volunteer', client: (await signedIn(p, 'beta', 'vol@beta.test')).client },
    { who: 'beta admin', client: (await signedIn(p, 'beta', 'admin@beta.test')).client },
  ];
}, 60_000);
afterAll(() => p.close());

const keyOf = (param: { name: string; after: string }) => `${param.after}/:${param.name}`;

describe(`every route with an id, with alpha’s ids, for beta’s users (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  const routesWithIds = () => cityRoutes(p).filter((r) => paramsOf(r.path).length > 0);

  it('knows what kind of id every route parameter takes', () => {
    const unknown = routesWithIds().flatMap((r) => paramsOf(r.path).filter((q) => !KIND_OF[keyOf(q)] && !NOT_CITY_IDS[keyOf(q)]).map((q) => `${r.method} ${r.path} (${keyOf(q)})`));
    expect(unknown, 'add these parameters to KIND_OF (or NOT_CITY_IDS with a reason)').toEqual([]);
  });

  it('answers 404 or 403 and changes nothing', async () => {
    const routes = routesWithIds().filter((r) => paramsOf(r.path).every((q) => KIND_OF[keyOf(q)]));
    expect(routes.length).toBeGreaterThan(40);
    const before = await rowCounts(p);
    const answers: string[] = [];
    for (const route of routes) {
      const path = fillPath(route.path, Object.fromEntries(paramsOf(route.path).map((q) => [q.name, alphaIds[KIND_OF[keyOf(q)]!]!])));
      for (const { who, client } of visitors) {
        const res = route.method === 'GET' ? await client.get(path) : await client.post(path, FORM);
        await res.arrayBuffer();
        if (res.status !== 404 && res.status !== 403) answers.push(`${who} ${route.method} ${path} → ${res.status}`);
      }
    }
    expect(answers).toEqual([]);
    expect(changedTables(before, await rowCounts(p))).toEqual([]);

    // The control: the same pages are there for alpha's admin, so the ids are real.
    const alphaAdmin = (await signedIn(p, 'alpha', 'admin@alpha.test')).client;
    const found: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const path = fillPath(route.path, Object.fromEntries(paramsOf(route.path).map((q) => [q.name, alphaIds[KIND_OF[keyOf(q)]!]!])));
      if ((await alphaAdmin.get(path)).status === 200) found.push(route.path);
    }
    expect(found).toEqual(expect.arrayContaining(['/organisations/:id', '/projects/:id', '/activities/:id', '/records/:id', '/verify/:code', '/admin/spot-checks/:id', '/admin/members/:userId']));
  }, 60_000);
});
