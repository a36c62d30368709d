import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passkeys } from '../../core/db/schema/identity.ts';
import { createSession } from '../../core/identity/sessions.ts';
import { createInvitation } from '../../core/identity/invitations.ts';
import { requestPasswordReset } from '../../core/identity/password-resets.ts';
import { lockLedger } from '../../core/ledger/post.ts';
import { issueCertificates } from '../../core/volunteering/certificates/service.ts';
import { listDistricts } from '../../core/volunteering/shared/districts.ts';
import { postNeed } from '../../core/volunteering/projects/needs.ts';
import { drawSpotCheck } from '../../core/volunteering/oversight/spot-checks.ts';
import { checkImport } from '../../core/volunteering/exchange/import-check.ts';
import { requestTransfer } from '../../core/volunteering/transfers/departures.ts';
import { DAY_MS, toLocalDateInput } from '../../core/volunteering/shared/time.ts';
import type { TestClient } from '../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { attackedPlugins } from '../support/attacked-plugins.ts';
import { ApiClient, apiKeyOf, asSiteClient, isApiRoute } from '../support/api.ts';
import { webhookRows } from '../webhooks/rows.ts';
import { enableEveryPlugin, idKindOf, pluginRowsOfEachKind, unusedDeclarations } from '../support/route-ids.ts';
import { changedTables, cityRoutesWith, fillPath, paramsOf, rowCounts, type Route } from '../support/routes.ts';
import { activity, citizen, confirmedSignup, idCard, inCity, organisation, project, serviceRecord, signedIn, userIdOf, verify } from '../volunteering/fixtures.ts';

/**
 * Every route of a city's site that takes an id, with every plugin enabled in
 * both cities, generated from the site's route list, asked for by beta's
 * volunteer and beta's admin with alpha's ids: 404 or 403, and nothing changes.
 * The kind of id each parameter takes is declared (tests/support/route-ids.ts
 * for the core, `routeIds` in a plugin's definition); an undeclared one fails
 * this suite. A plugin's alpha rows come from tests/plugins/<id>/route-ids.ts.
 */
const ROUTES_WITH_IDS = cityRoutesWith(attackedPlugins).filter((r) => paramsOf(r.path).length > 0);
const kindsOf = (route: Route) => paramsOf(route.path).map((q) => idKindOf(attackedPlugins, route, q));
/** Routes whose every parameter names a city row: the ones an id from another city can be sent to. */
const ATTACKED = ROUTES_WITH_IDS.filter((r) => kindsOf(r).every((k) => typeof k === 'string'));
/** One form for every action: plausible values, so a handler that validates before it looks up still reaches the lookup. */
const FORM = {
  record_id: '', status: 'pending', page: '1', hours: '1', minutes: '0', rejection_reason: '乙市', revocation_reason: '乙市',
  rating: '3', comment: '乙市', dispute_reason: '乙市', answer: '乙市', code: 'AAAAAAAAAAAAAAAA', move: 'in',
  started_at: '2026-01-01T09:00', ended_at: '2026-01-01T10:00', content: '乙市', day: '2026-01-01', start_time: '09:00', end_time: '10:00',
  outcome: 'problem', note: '乙市', roles: 'volunteer', role: 'volunteer', decision: 'confirmed', email: 'x@beta.test', name: '乙市',
  password: 'password-123', password_confirm: 'password-123', title: '乙市', capacity: '5', starts_at: '2026-01-01T09:00', ends_at: '2026-01-01T10:00',
  place: '乙市', description: '乙市', category: 'community_service', district: '乙区', reason: '乙市',
  amount: '10', quantity: '1', estimated: '10', unit: '袋', item: '乙市', payee: '乙市', purpose: '乙市', document_ref: 'FP-1',
  donor_name: '乙市', visibility: 'named', message: '乙市', beneficiary: '乙市', stock: '1', active: 'on', relation: '子女',
};

let p: TestPlatform;
let alphaIds: Record<string, string>;
type Visitor = { who: string; client: Pick<TestClient, 'get' | 'post'> };
let visitors: Visitor[];
/** The API's routes are asked with a key of beta holding every scope. */
let apiVisitors: Visitor[];

beforeAll(async () => {
  p = await startTestPlatform({ plugins: attackedPlugins });
  await enableEveryPlugin(p, ['alpha', 'beta']);
  const organiser = await citizen(p, 'alpha', '甲组织者');
  const volunteer = await citizen(p, 'alpha', '甲服务者', { profile: true, idCardNumber: idCard('44010419850615123') });
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
    const certificate = await issueCertificates(tx, { id: t, slug: 'alpha' }, volunteer.id, weekAgo, today);
    const spotCheck = await drawSpotCheck(tx, t, { from: weekAgo, to: today, sampleSize: 1, seed: 'cross-tenant', createdBy: adminId });
    const [district] = await listDistricts(tx, t);
    const need = await postNeed(tx, t, volunteer.id, { help: '买菜', district: district!, place: '甲街', wantedWhen: '周末', contact: '13800138000' });
    const serviceRecordImport = await checkImport(tx, t, [], { userId: adminId, fileName: 'alpha.csv' });
    const volunteerTransfer = await requestTransfer(tx, t, volunteer.id, p.cities.beta!.id, null);
    const { session } = await createSession(tx, t, volunteer.id, {});
    const invitation = await createInvitation(tx, t, { email: 'new@alpha.test', role: 'volunteer', invitedBy: adminId });
    let passwordResetToken = '';
    const resetRequest = { login: { kind: 'email' as const, email: 'admin@alpha.test' }, locale: 'zh-CN' as const, address: null };
    await requestPasswordReset(tx, t, { ...resetRequest, linkFor: (token) => (passwordResetToken = token) }, new Date());
    await tx.insert(passkeys).values({ tenantId: t, id: 'alpha-passkey-credential', userId: volunteer.id, publicKey: new Uint8Array([1, 2, 3]), counter: 0, deviceType: 'singleDevice', backedUp: false, name: '甲手机' });
    const webhooks = await webhookRows(tx, { id: t, slug: 'alpha' }, adminId);
    if (!certificate.ok || !spotCheck.ok || !volunteerTransfer.ok) throw new Error('set-up failed');
    return { ...webhooks, volunteerTransfer: volunteerTransfer.id, certificate: certificate.certificates[0]!.id, certificateCode: certificate.certificates[0]!.code, spotCheck: spotCheck.id, serviceRecordImport: serviceRecordImport.id, need, session: session.id, invitationToken: invitation.token, passwordResetToken };
  });
  const apiKey = (await apiKeyOf(p, 'alpha')).split('.')[1]!;
  alphaIds = { organisation: org, project: projectId, activity: activityId, record, user: volunteer.id, passkey: 'alpha-passkey-credential', apiKey, ...extra, ...(await pluginRowsOfEachKind(p, 'alpha', adminId)) };
  // A city's chain head row comes with its first ledger lock (sequence 0, the genesis hash), posted or not:
  // made here, so a refused request that takes the lock first is not counted as a change.
  await inCity(p, 'beta', (tx, t) => lockLedger(tx, t));
  visitors = [
    { who: 'beta volunteer', client: (await signedIn(p, 'beta', 'vol@beta.test')).client },
    { who: 'beta admin', client: (await signedIn(p, 'beta', 'admin@beta.test')).client },
  ];
  apiVisitors = [{ who: 'beta API key', client: asSiteClient(new ApiClient(p, 'beta', await apiKeyOf(p, 'beta'))) }];
}, 60_000);
afterAll(() => p.close());

const alphaPath = (route: Route) => fillPath(route.path, Object.fromEntries(paramsOf(route.path).map((q) => [q.name, alphaIds[idKindOf(attackedPlugins, route, q) as string]!])));

describe(`every route with an id, with alpha’s ids, for beta’s users (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('knows what kind of id every route parameter takes, and has an alpha row of each kind', () => {
    expect(ATTACKED.length).toBeGreaterThan(80);
    // The README's example plugin is attacked like a shipped one.
    expect(ATTACKED.map((r) => `${r.method} ${r.path}`)).toContain('GET /p/example/members/:userId');
    const unknown = ROUTES_WITH_IDS.flatMap((r) => paramsOf(r.path).filter((q) => !idKindOf(attackedPlugins, r, q)).map((q) => `${r.method} ${r.path} (${q.after}/:${q.name})`));
    expect(unknown, 'declare these parameters: in CORE_ID_KINDS (tests/support/route-ids.ts) or in the plugin’s routeIds').toEqual([]);
    expect(unusedDeclarations(attackedPlugins, ROUTES_WITH_IDS), 'these routeIds match no route parameter').toEqual([]);
    const rowless = [...new Set(ATTACKED.flatMap((r) => kindsOf(r) as string[]))].filter((kind) => !alphaIds[kind]);
    expect(rowless, 'the set-up made no alpha row of these kinds').toEqual([]);
  });

  it.each(ATTACKED.map((r) => [`${r.method} ${r.path}`, r] as const))('%s answers 404 or 403 and changes nothing', async (_, route) => {
    const path = alphaPath(route);
    const before = await rowCounts(p);
    const answers: string[] = [];
    for (const { who, client } of isApiRoute(route) ? apiVisitors : visitors) {
      // The API's writes get a valid body, so they reach the lookup: every field of theirs is optional or an id.
      const res = route.method === 'GET' ? await client.get(path) : await client.post(path, isApiRoute(route) ? {} : FORM);
      await res.arrayBuffer();
      if (res.status !== 404 && res.status !== 403) answers.push(`${who} ${route.method} ${path} → ${res.status}`);
    }
    expect(answers).toEqual([]);
    expect(changedTables(before, await rowCounts(p))).toEqual([]);
  });

  // The control: the same pages are there for alpha's admin, so the ids are real.
  it('shows alpha’s admin the pages with alpha’s ids', async () => {
    const alphaAdmin = (await signedIn(p, 'alpha', 'admin@alpha.test')).client;
    const found: string[] = [];
    const pluginPages = ATTACKED.filter((r) => r.method === 'GET' && r.path.startsWith('/p/'));
    for (const route of ATTACKED.filter((r) => r.method === 'GET')) {
      const res = await alphaAdmin.get(alphaPath(route));
      await res.arrayBuffer();
      if (res.status === 200) found.push(route.path);
    }
    expect(pluginPages.length).toBeGreaterThan(10);
    const alphaKey = asSiteClient(new ApiClient(p, 'alpha', await apiKeyOf(p, 'alpha')));
    const apiPages = ATTACKED.filter((r) => r.method === 'GET' && isApiRoute(r));
    for (const route of apiPages) {
      const res = await alphaKey.get(alphaPath(route));
      await res.arrayBuffer();
      if (res.status === 200) found.push(route.path);
    }
    expect(apiPages.length).toBeGreaterThan(6);
    expect(found).toEqual(expect.arrayContaining([...apiPages.map((r) => r.path), '/organisations/:id', '/projects/:id', '/activities/:id', '/records/:id', '/verify/:code', '/admin/spot-checks/:id', '/admin/members/:userId', ...pluginPages.map((r) => r.path)]));
  });
});
