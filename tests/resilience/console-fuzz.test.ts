import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foundationCities } from '../../core/db/schema/platform.ts';
import { hashPassword } from '../../core/identity/passwords.ts';
import { createPlatformAccount } from '../../core/platform/accounts.ts';
import { DEMO_FOUNDATION, seedPlatformAccounts } from '../../core/platform/seed.ts';
import { attackedPlugins } from '../support/attacked-plugins.ts';
import { TestClient } from '../support/client.ts';
import { formOf, fuzzRuns, hostileFormsOf, junk, nearlyValidFormOf, type Form } from '../support/fuzz-input.ts';
import { addPageFields, type SiteFields } from '../support/page-fields.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { CONSOLE_ID_KINDS } from '../support/route-ids.ts';
import { changedTables, consoleRoutesWith, fillPath, paramsOf, rowFingerprints, type Route } from '../support/routes.ts';

/**
 * Malformed and random input to every route of the platform console (the bare
 * platform host), with every plugin installed, as a signed-in platform operator
 * and as a signed-in foundation: never a 500, and neither a refused request (4xx)
 * nor a page changes a row, in the global tables (cities, accounts, sponsorships)
 * or a city's; every table is fingerprinted, so an update in place counts too.
 * Parameters are real ids (a city, a foundation, a plugin) or junk; forms are the
 * console's own fields with one to three of them junk, or junk fields, and each
 * client also sends every field at once out of range, twice and hostile; some
 * posts are forms too broken to read.
 * One test per route; seeded, so a failure replays.
 */
const CONSOLE = 'http://localhost';
const SEED = 20261206;
/** FUZZ_RUNS overrides it (CI: 1 on Citus; see fuzzRuns). */
const RUNS_PER_CLIENT = fuzzRuns(10);
/** Routes left out, and why. */
const SKIPPED = new Map([
  ['POST /sign-out', 'signs the fuzzing client out; what it writes is the point'],
  ['GET /static/*', 'files from the package, no input reaches a handler of ours'],
]);
const ROUTES = consoleRoutesWith(attackedPlugins).filter((r) => !SKIPPED.has(`${r.method} ${r.path}`));

let p: TestPlatform;
let clients: { who: string; client: TestClient }[];
let ids: Record<string, string>;
let fields: SiteFields;
let hostileForms: Form[];
/** Fingerprints of every table after the last request: the next request's "before". */
let tables: Record<string, string>;

async function signIn(email: string, password: string): Promise<TestClient> {
  const client = new TestClient(p.app, CONSOLE);
  const res = await client.post('/sign-in', { email, password });
  if (res.status !== 303) throw new Error(`set-up failed: ${email} could not sign in (${res.status})`);
  return client;
}

beforeAll(async () => {
  // Each request comes from an address of its own (X-Forwarded-For), so junk reaches past the sign-in limit per address.
  p = await startTestPlatform({ plugins: attackedPlugins, env: { TRUST_PROXY: '1' } });
  const { PLATFORM_ADMIN_EMAIL: operatorEmail, PLATFORM_ADMIN_PASSWORD: operatorPassword } = p.config;
  const alpha = p.cities.alpha!.id;
  // The signed-in foundation sponsors every plugin in alpha, so its enable route gets past its checks.
  await seedPlatformAccounts(p.db, { operatorEmail, operatorPassword, demo: true, pluginIds: attackedPlugins.map((x) => x.id), cityIds: [alpha] });
  // The operator fuzzes another foundation's sponsorships, so a withdrawal does not stop the foundation's own fuzzing.
  const passwordHash = await hashPassword('fuzz-foundation-2026');
  const foundation = await p.db.platform(async (tx) => {
    const id = await createPlatformAccount(tx, { kind: 'foundation', name: '受测基金会', email: 'fuzz@foundation.test', passwordHash, sponsoredPlugins: attackedPlugins.map((x) => x.id) });
    await tx.insert(foundationCities).values({ foundationId: id, tenantId: alpha, grantedBy: 'platform:test' });
    return id;
  });
  ids = { city: alpha, foundation, plugin: attackedPlugins[0]!.id };
  clients = [
    { who: 'operator', client: await signIn(operatorEmail, operatorPassword) },
    { who: 'foundation', client: await signIn(DEMO_FOUNDATION.email, DEMO_FOUNDATION.password) },
  ];
  // The field and query names of the console's own pages, read off them with the values those pages send.
  // Values that pass every check: the hostile forms' numbers then reach a handler that creates a city, a
  // foundation, an invitation and a sponsorship (of the city it created), and a second time finds them taken.
  const valid = { page: '1', slug: 'fuzz-city', host: '', email: 'new@fuzz.test', adminEmail: 'admin@fuzz.test', password: 'fuzz-password-2026', name: '模糊' };
  fields = { plausible: { ...valid }, numeric: new Set(['page']) };
  for (const route of ROUTES.filter((r) => r.method === 'GET')) {
    for (const { client } of clients) addPageFields(await (await client.get(fillPath(route.path, realIds(route)))).text(), fields);
  }
  hostileForms = hostileFormsOf(fields);
}, 120_000);
afterAll(() => p.close());

/** A real id for each parameter, by its declared kind. */
function realIds(route: Route): Record<string, string> {
  return Object.fromEntries(paramsOf(route.path).map((q) => [q.name, ids[CONSOLE_ID_KINDS[`${q.after}/:${q.name}`]!] ?? '']));
}

/** A multipart content type over a urlencoded body: a form too broken to read, as a broken client sends it. */
const BROKEN_FORM = { 'content-type': 'multipart/form-data; boundary=cut' };
/** One post in five goes as a broken form. */
const broken = fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

let requests = 0;
/** A client address no earlier request came from. */
const from = () => ({ 'x-forwarded-for': `10.${(++requests >> 16) & 255}.${(requests >> 8) & 255}.${requests & 255}` });

function routeProperty(route: Route, client: TestClient, who: string, problems: Set<string>) {
  const real = realIds(route);
  const params = fc.record(Object.fromEntries(paramsOf(route.path).map((q) => [q.name, fc.oneof(fc.constant(real[q.name]!), junk)])));
  return fc.asyncProperty(params, fc.oneof(formOf(Object.keys(fields.plausible).sort()), nearlyValidFormOf(fields.plausible)), broken, async (values, form, isBroken) => {
    const path = fillPath(route.path, values as Record<string, string>);
    const before = tables;
    let res: Response;
    if (route.method === 'GET') {
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) query.append(k, one);
      res = await client.get(`${path}?${query}`, from());
    } else {
      res = await client.post(path, form, { ...from(), ...(isBroken ? BROKEN_FORM : {}) });
    }
    await res.arrayBuffer();
    const changed = changedTables(before, (tables = await rowFingerprints(p)));
    const what = `${who} ${route.method} ${route.path} → ${res.status}`;
    if (res.status >= 500) problems.add(what);
    if (changed.length > 0 && (res.status >= 400 || route.method === 'GET')) problems.add(`${what} changed ${changed.join(', ')}`);
  });
}

describe(`every console route with malformed and random input (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('has the console’s routes, each parameter with a declared kind', () => {
    expect(ROUTES.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['GET /', 'POST /cities/new', 'POST /cities/:id/plugins/:pluginId/enable', 'POST /foundations/:id/cities/:cityId/withdraw']));
    const undeclared = ROUTES.flatMap((r) => paramsOf(r.path).map((q) => `${q.after}/:${q.name}`)).filter((key) => !CONSOLE_ID_KINDS[key]);
    expect(undeclared).toEqual([]);
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s never answers 500, and changes nothing when it refuses', async (_, route) => {
    // Every distinct failure of the route, so one run shows them all (fast-check would stop at the first).
    const problems = new Set<string>();
    tables = await rowFingerprints(p);
    for (const [i, { who, client }] of clients.entries()) {
      // Each hostile form with the route's real ids, from both accounts: each gets past the guard of its own routes.
      const examples = hostileForms.map((form) => [realIds(route), form, false] as [Record<string, string>, Form, boolean]);
      await fc.assert(routeProperty(route, client, who, problems), { seed: SEED + i, numRuns: RUNS_PER_CLIENT + examples.length, examples });
    }
    expect([...problems]).toEqual([]);
  }, 120_000);
});
