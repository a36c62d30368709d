import type { z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreApiRoutes } from '../../core/api/routes.ts';
import { issueCertificates } from '../../core/volunteering/certificates/service.ts';
import { DAY_MS, toLocalDateInput } from '../../core/volunteering/shared/time.ts';
import { ApiClient, apiKeyOf } from '../support/api.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { idKindOf } from '../support/route-ids.ts';
import { cityRoutesWith, paramsOf } from '../support/routes.ts';
import { activity, citizen, inCity, organisation, project, serviceRecord, userIdOf, verify } from '../volunteering/fixtures.ts';

/**
 * The OpenAPI document is the API: every route of `/api/v1` is in it and nothing
 * else is, and what each GET answers (with real rows of the city) matches the
 * schema the document gives for it.
 */
const API_ROUTES = cityRoutesWith([]).filter((r) => r.path.startsWith('/api/v1/') && r.path !== '/api/v1/openapi.json');
const toOpenApiPath = (path: string) => path.slice('/api/v1'.length).replace(/:([A-Za-z]+)/g, '{$1}');

let p: TestPlatform;
let document: { openapi: string; paths: Record<string, Record<string, unknown>> };
let ids: Record<string, string>;

beforeAll(async () => {
  p = await startTestPlatform();
  const adminId = await userIdOf(p, 'alpha', 'admin@alpha.test');
  const volunteer = await citizen(p, 'alpha', '黄志愿', { profile: true });
  const org = await organisation(p, 'alpha', adminId);
  const projectId = await project(p, 'alpha', org, adminId);
  const activityId = await activity(p, 'alpha', projectId, adminId);
  const record = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 60 });
  await verify(p, 'alpha', org, adminId, [record]);
  const certificate = await inCity(p, 'alpha', (tx, t) => issueCertificates(tx, { id: t, slug: 'alpha' }, volunteer.id, toLocalDateInput(new Date(Date.now() - 7 * DAY_MS)), toLocalDateInput(new Date())));
  if (!certificate.ok) throw new Error('set-up failed');
  ids = { organisation: org, project: projectId, activity: activityId, record, user: volunteer.id, certificate: certificate.certificates[0]!.id, certificateCode: certificate.certificates[0]!.code };
  document = (await (await new ApiClient(p, 'alpha', null).get('/openapi.json')).json()) as typeof document;
}, 60_000);
afterAll(() => p.close());

describe(`the OpenAPI document (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('is OpenAPI 3.1 and lists every API route, and only those', () => {
    expect(document.openapi).toBe('3.1.0');
    const served = API_ROUTES.map((r) => `${r.method} ${toOpenApiPath(r.path)}`).sort();
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(served.length).toBeGreaterThan(10);
    expect(documented).toEqual(served);
  });

  it('has a readable reference page listing every route', async () => {
    const res = await new ApiClient(p, 'alpha', null).get('');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const r of API_ROUTES) expect(html).toContain(`${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
  });

  it.each(coreApiRoutes.filter((r) => r.config.method === 'get').map((r) => [r.config.path, r] as const))('GET %s answers what its schema says', async (path, route) => {
    const api = new ApiClient(p, 'alpha', await apiKeyOf(p, 'alpha'));
    const hono = `/api/v1${path.replace(/\{([A-Za-z]+)\}/g, ':$1')}`;
    const filled = paramsOf(hono).reduce((url, q) => url.replace(`:${q.name}`, ids[idKindOf([], { method: 'GET', path: hono }, q) as string]!), hono);
    const res = await api.get(filled.slice('/api/v1'.length));
    expect(res.status).toBe(200);
    const schema = (route.config.responses[200] as { content: Record<string, { schema: z.ZodType }> }).content['application/json']!.schema;
    const body = await res.json();
    expect(schema.safeParse(body).error).toBeUndefined();
    expect(JSON.stringify(body)).not.toBe('{"items":[],"next":null}');
  });
});
