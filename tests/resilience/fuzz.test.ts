import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificate } from '../../core/volunteering/certificates.ts';
import { DAY_MS, toLocalDateInput } from '../../core/volunteering/time.ts';
import type { TestClient } from '../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { changedTables, cityRoutes, fillPath, paramsOf, rowCounts, type Route } from '../support/routes.ts';
import { activity, citizen, inCity, organisation, project, serviceRecord, signedIn, userIdOf, verify } from '../volunteering/fixtures.ts';

/**
 * Malformed and random input to every route of a city's site, as a signed-in
 * volunteer and as the city admin: never a 500, and a refused request (4xx)
 * never leaves a row behind. Parameters are either real ids of the city (so
 * handlers get past their lookups) or junk; form fields are the names the site's
 * own forms use, plus junk names, with junk values. Seeded: a failure replays.
 */
const SEED = 20260601;
const RUNS_PER_ROUTE = 6;
/** Routes left out, and why. */
const SKIPPED = new Map([
  ['POST /sign-out', 'signs the fuzzing client out; what it writes is the point'],
  ['GET /static/*', 'files from the package, no input reaches a handler of ours'],
]);

/** Single-use rows a refused attempt rightly uses up (a WebAuthn challenge dies with its ceremony, failed or not). */
const CONSUMED_ON_REFUSAL = new Set(['webauthn_challenges']);

/** Rows a page makes on first view, by design: the check-in page creates the activity's QR secret. */
const MADE_BY_PAGES = new Set(['activity_checkin_keys']);

let p: TestPlatform;
/** Every distinct failure, so one run shows them all (fast-check would stop at the first). */
const problems = new Set<string>();
let clients: { who: string; client: TestClient }[];
let ids: Record<string, string>;
let fieldNames: string[];

beforeAll(async () => {
  p = await startTestPlatform();
  const adminId = await userIdOf(p, 'alpha', 'admin@alpha.test');
  const volunteer = await userIdOf(p, 'alpha', 'vol@alpha.test');
  const bystander = await citizen(p, 'alpha', '甲路人', { profile: true });
  const org = await organisation(p, 'alpha', adminId);
  const projectId = await project(p, 'alpha', org, adminId);
  const activityId = await activity(p, 'alpha', projectId, adminId, { startsAt: new Date(Date.now() + 10 * 60_000) });
  const record = await serviceRecord(p, 'alpha', bystander.id, projectId, { minutes: 60 });
  await verify(p, 'alpha', org, adminId, [record]);
  await serviceRecord(p, 'alpha', volunteer, projectId, { minutes: 45 });
  const today = toLocalDateInput(new Date());
  const certificate = await inCity(p, 'alpha', (tx, t) => createCertificate(tx, t, bystander.id, toLocalDateInput(new Date(Date.now() - 7 * DAY_MS)), today));
  if (!certificate.ok) throw new Error('set-up failed');
  // The bystander is who `:userId` names: garbage sent to role forms must not strip the fuzzing users themselves.
  ids = { organisations: org, projects: projectId, activities: activityId, records: record, certificates: certificate.id, verify: certificate.code, userId: bystander.id, recordId: record };
  clients = [
    { who: 'volunteer', client: (await signedIn(p, 'alpha', 'vol@alpha.test')).client },
    { who: 'city admin', client: (await signedIn(p, 'alpha', 'admin@alpha.test')).client },
  ];
  // The field names of the site's own forms, read off its pages.
  const names = new Set(['name', 'email', 'password', 'login', 'code', 'from', 'to', 'roles', 'record_id', 'minutes', 'hours']);
  for (const route of cityRoutes(p).filter((r) => r.method === 'GET' && !SKIPPED.has(`GET ${r.path}`))) {
    const html = await (await clients[1]!.client.get(fillPath(route.path, idValues()))).text();
    for (const m of html.matchAll(/name="([^"]+)"/g)) names.add(m[1]!);
  }
  fieldNames = [...names].sort();
}, 60_000);
afterAll(() => p.close());

/** A real id for a parameter where there is one (by name, then by the segment before it). */
function idValues(): Record<string, string> {
  return { id: '', userId: ids.userId!, recordId: ids.recordId!, token: 'x', code: ids.verify! };
}
function realIdFor(route: Route, name: string): string | undefined {
  const param = paramsOf(route.path).find((q) => q.name === name);
  return ids[name] ?? (param ? ids[param.after] : undefined);
}

const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.uuid(),
  fc.constantFrom('', ' ', '-1', '0', '1e309', 'NaN', 'Infinity', '2026-13-45', '9999-12-31T25:61', '1900-01-01', 'null', 'true', '<script>alert(1)</script>', "'; drop table users; --", '\u0000', '%00', '../../etc/passwd', 'x'.repeat(5000), '１２３', '١٢٣'),
);
const formOf = () =>
  fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), fc.string({ maxLength: 12 })), fc.oneof(junk, fc.array(junk, { maxLength: 3 })), { maxKeys: 8 });
const paramOf = (route: Route, name: string) => {
  const real = realIdFor(route, name);
  return real ? fc.oneof(fc.constant(real), junk) : junk;
};

function routeProperty(route: Route, client: TestClient, who: string) {
  const params = fc.record(Object.fromEntries(paramsOf(route.path).map((q) => [q.name, paramOf(route, q.name)])));
  const json = route.path.startsWith('/passkeys');
  return fc.asyncProperty(params, formOf(), fc.jsonValue({ maxDepth: 3 }), async (values, form, body) => {
    const path = fillPath(route.path, values as Record<string, string>);
    const before = await rowCounts(p);
    let res: Response;
    if (route.method === 'GET') {
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) query.append(k, one);
      res = await client.get(`${path}?${query}`);
    } else {
      res = json ? await client.postJson(path, body) : await client.post(path, form);
    }
    await res.arrayBuffer();
    const after = await rowCounts(p);
    const changed = changedTables(before, after).filter((t) => !(CONSUMED_ON_REFUSAL.has(t) && after[t]! < before[t]!));
    const what = `${who} ${route.method} ${route.path} → ${res.status}`;
    if (res.status >= 500) problems.add(what);
    const pageMade = route.method === 'GET' && res.status < 400 && changed.every((t) => MADE_BY_PAGES.has(t));
    if (changed.length > 0 && !pageMade && (res.status >= 400 || route.method === 'GET')) problems.add(`${what} wrote to ${changed.join(', ')}`);
  });
}

describe(`every route with malformed and random input (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('never answers 500, and writes nothing when it refuses', async () => {
    const routes = cityRoutes(p).filter((r) => !SKIPPED.has(`${r.method} ${r.path}`));
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) {
      for (const { who, client } of clients) {
        await fc.assert(routeProperty(route, client, who), { seed: SEED, numRuns: RUNS_PER_ROUTE });
      }
    }
    expect([...problems]).toEqual([]);
  }, 60_000);
});
