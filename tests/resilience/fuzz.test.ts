import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificates } from '../../core/volunteering/certificates/service.ts';
import { DAY_MS, toLocalDateInput } from '../../core/volunteering/shared/time.ts';
import { requestTransfer } from '../../core/volunteering/transfers/departures.ts';
import { attackedPlugins } from '../support/attacked-plugins.ts';
import { ApiClient, apiKeyOf, asSiteClient, isApiRoute } from '../support/api.ts';
import type { TestClient } from '../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { formOf, fuzzRuns, hostileFormsOf, junk, type Form } from '../support/fuzz-input.ts';
import { addPageFields, type SiteFields } from '../support/page-fields.ts';
import { webhookRows } from '../webhooks/rows.ts';
import { enableEveryPlugin, idKindOf, pluginRowsOfEachKind } from '../support/route-ids.ts';
import { changedTables, cityRoutesWith, fillPath, paramsOf, rowCounts, type Route } from '../support/routes.ts';
import { activity, citizen, idCard, inCity, organisation, project, serviceRecord, signedIn, userIdOf, verify } from '../volunteering/fixtures.ts';

/**
 * Malformed and random input to every route of a city's site, with every plugin
 * enabled, as a signed-in volunteer and as the city admin: never a 500, and a
 * refused request (4xx) never leaves a row behind. Parameters are either real ids
 * of the city (so handlers get past their lookups) or junk; form fields and query
 * parameters are the names the site's own pages use, plus junk names, with junk
 * values. Besides the random cases, the admin sends each route every field at
 * once set to out-of-range numbers, to lists of them, and to hostile text.
 * One test per route; seeded, so a failure replays.
 */
const SEED = 20260601;
/** FUZZ_RUNS overrides it (CI: 1 on Citus; see fuzzRuns). */
const RUNS_PER_CLIENT = fuzzRuns(3);
/** Routes left out, and why. */
const SKIPPED = new Map([
  ['POST /sign-out', 'signs the fuzzing client out; what it writes is the point'],
  ['GET /static/*', 'files from the package, no input reaches a handler of ours'],
]);
const ROUTES = cityRoutesWith(attackedPlugins).filter((r) => !SKIPPED.has(`${r.method} ${r.path}`));
/** Routes that take JSON: the passkey ceremonies, the payment gateways' callbacks and the API. */
const takesJson = (route: Route) => route.path.startsWith('/passkeys') || route.path.endsWith('/callback') || isApiRoute(route);

/** Single-use rows a refused attempt rightly uses up (a WebAuthn challenge dies with its ceremony, failed or not). */
const CONSUMED_ON_REFUSAL = new Set(['webauthn_challenges']);

/**
 * Rows a page makes on view, by design: the check-in page creates the activity's QR secret, and a
 * sensitive plugin's record page writes the audit entry of that read (STYLE.md "Sensitive plugins");
 * reading a child's record leaves an entry in the child-care access log.
 */
const MADE_BY_PAGES = new Set(['activity_checkin_keys', 'audit_log', 'child_care_visits_access_log']);

let p: TestPlatform;
type Client = { who: string; client: Pick<TestClient, 'get' | 'post' | 'postJson'> };
let clients: Client[];
/** The API's routes are sent by a key of the city holding every scope (the site's users have no key). */
let apiClients: Client[];
let ids: Record<string, string>;
let fieldNames: string[];
let hostileForms: Form[];
/** Row counts after the last request: the next request's "before" (one count per request instead of two). */
let counts: Record<string, number>;

beforeAll(async () => {
  p = await startTestPlatform({ plugins: attackedPlugins });
  await enableEveryPlugin(p, ['alpha', 'beta']);
  const adminId = await userIdOf(p, 'alpha', 'admin@alpha.test');
  const volunteer = await userIdOf(p, 'alpha', 'vol@alpha.test');
  const bystander = await citizen(p, 'alpha', '甲路人', { profile: true, idCardNumber: idCard('44010419850615123') });
  const org = await organisation(p, 'alpha', adminId);
  const projectId = await project(p, 'alpha', org, adminId);
  const activityId = await activity(p, 'alpha', projectId, adminId, { startsAt: new Date(Date.now() + 10 * 60_000) });
  const record = await serviceRecord(p, 'alpha', bystander.id, projectId, { minutes: 60 });
  await verify(p, 'alpha', org, adminId, [record]);
  await serviceRecord(p, 'alpha', volunteer, projectId, { minutes: 45 });
  const today = toLocalDateInput(new Date());
  const certificate = await inCity(p, 'alpha', (tx, t) => issueCertificates(tx, { id: t, slug: 'alpha' }, bystander.id, toLocalDateInput(new Date(Date.now() - 7 * DAY_MS)), today));
  const transfer = await inCity(p, 'alpha', (tx, t) => requestTransfer(tx, t, bystander.id, p.cities.beta!.id, null));
  if (!certificate.ok || !transfer.ok) throw new Error('set-up failed');
  // The bystander is who `user` names: garbage sent to role forms must not strip the fuzzing users themselves.
  const core = { organisation: org, project: projectId, activity: activityId, record, certificate: certificate.certificates[0]!.id, certificateCode: certificate.certificates[0]!.code, volunteerTransfer: transfer.id, user: bystander.id };
  const webhooks = await inCity(p, 'alpha', (tx, t) => webhookRows(tx, { id: t, slug: 'alpha' }, adminId));
  ids = { ...core, ...webhooks, ...(await pluginRowsOfEachKind(p, 'alpha', adminId)) };
  clients = [
    { who: 'volunteer', client: (await signedIn(p, 'alpha', 'vol@alpha.test')).client },
    { who: 'city admin', client: (await signedIn(p, 'alpha', 'admin@alpha.test')).client },
  ];
  apiClients = [{ who: 'API key', client: asSiteClient(new ApiClient(p, 'alpha', await apiKeyOf(p, 'alpha'))) }];
  // The field and query names of the site's own pages, read off them with the values those pages send.
  const fields: SiteFields = { plausible: { page: '1', hours: '1', minutes: '30' }, numeric: new Set(['page', 'hours', 'minutes']) };
  for (const name of ['name', 'email', 'password', 'login', 'code', 'from', 'to', 'roles', 'record_id', 'month', 'status', 'kind', 'next', 'q']) fields.plausible[name] = '甲乙';
  for (const route of ROUTES.filter((r) => r.method === 'GET')) {
    addPageFields(await (await clients[1]!.client.get(fillPath(route.path, realIds(route)))).text(), fields);
  }
  fieldNames = Object.keys(fields.plausible).sort();
  hostileForms = hostileFormsOf(fields);
}, 120_000);
afterAll(() => p.close());

/** A real id of the city for each parameter that names one (by its declared kind). */
function realIds(route: Route): Record<string, string> {
  return Object.fromEntries(paramsOf(route.path).map((q) => [q.name, ids[idKindOf(attackedPlugins, route, q) as string] ?? '']));
}

function routeProperty(route: Route, client: Client['client'], who: string, problems: Set<string>) {
  const real = realIds(route);
  const params = fc.record(Object.fromEntries(paramsOf(route.path).map((q) => [q.name, real[q.name] ? fc.oneof(fc.constant(real[q.name]!), junk) : junk])));
  return fc.asyncProperty(params, formOf(fieldNames), fc.jsonValue({ maxDepth: 3 }), async (values, form, body) => {
    const path = fillPath(route.path, values as Record<string, string>);
    const before = counts;
    let res: Response;
    if (route.method === 'GET') {
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) query.append(k, one);
      res = await client.get(`${path}?${query}`);
    } else {
      res = takesJson(route) ? await client.postJson(path, body) : await client.post(path, form);
    }
    await res.arrayBuffer();
    const after = (counts = await rowCounts(p));
    const changed = changedTables(before, after).filter((t) => !(CONSUMED_ON_REFUSAL.has(t) && after[t]! < before[t]!));
    const what = `${who} ${route.method} ${route.path} → ${res.status}`;
    if (res.status >= 500) problems.add(what);
    const pageMade = route.method === 'GET' && res.status < 400 && changed.every((t) => MADE_BY_PAGES.has(t));
    if (changed.length > 0 && !pageMade && (res.status >= 400 || route.method === 'GET')) problems.add(`${what} wrote to ${changed.join(', ')}`);
  });
}

describe(`every route with malformed and random input (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('has the routes of the core and of every plugin', () => {
    expect(ROUTES.length).toBeGreaterThan(150);
    expect(attackedPlugins.every((plugin) => ROUTES.some((r) => r.path.startsWith(`/p/${plugin.id}`)))).toBe(true);
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s never answers 500, and writes nothing when it refuses', async (_, route) => {
    // Every distinct failure of the route, so one run shows them all (fast-check would stop at the first).
    const problems = new Set<string>();
    counts = await rowCounts(p);
    for (const [i, { who, client }] of (isApiRoute(route) ? apiClients : clients).entries()) {
      // The hostile forms go with the route's real ids, as the admin (or the key): the one who gets furthest into a handler.
      const examples = who !== 'volunteer' ? hostileForms.map((form) => [realIds(route), form, { page: '1e20' }] as [Record<string, string>, Form, unknown]) : [];
      await fc.assert(routeProperty(route, client, who, problems), { seed: SEED + i, numRuns: RUNS_PER_CLIENT + examples.length, examples });
    }
    expect([...problems]).toEqual([]);
  }, 120_000);
});
