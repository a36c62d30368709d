import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../../core/api/schema.ts';
import { auditLog } from '../../core/db/schema/audit.ts';
import { ApiClient, apiKeyOf } from '../support/api.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { fieldError, inCity, signedIn } from '../volunteering/fixtures.ts';

/** API keys: made on the admin page with scopes and an expiry, shown once, hashed, rotated, revoked, per city, limited, audited. */
let p: TestPlatform;

beforeAll(async () => {
  p = await startTestPlatform({ env: { API_REQUESTS_PER_MINUTE: 5 } });
}, 60_000);
afterAll(() => p.close());

const tokenOn = (html: string) => /id="api-key"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="(vck\.[^"]+)"/.exec(html)?.[1] ?? null;
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

describe(`API keys (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lets the city admin make a key with scopes and an expiry, shown once and stored as a hash', async () => {
    const { client } = await signedIn(p, 'alpha', 'admin@alpha.test');
    const res = await client.post('/admin/api-keys', { name: '省平台', scopes: ['catalogue:read', 'records:read'], expires: inAYear() });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const token = tokenOn(await res.text());
    expect(token).toMatch(/^vck\.[0-9a-f-]{36}\.[a-z2-7]{24}$/);
    const [row] = await inCity(p, 'alpha', (tx, t) => tx.select().from(apiKeys).where(and(eq(apiKeys.tenantId, t), eq(apiKeys.id, token!.split('.')[1]!))));
    expect(row!.scopes).toEqual(['catalogue:read', 'records:read']);
    expect(row!.secretHash).not.toContain(token!.split('.')[2]);
    // The list never shows the key again.
    expect(await (await client.get('/admin/api-keys')).text()).not.toContain(token!);
    expect((await new ApiClient(p, 'alpha', token).get('/organisations')).status).toBe(200);
    expect((await new ApiClient(p, 'alpha', token).get('/volunteers')).status).toBe(403);
  });

  it('refuses a bad form with the reason beside each field, making nothing', async () => {
    const { client } = await signedIn(p, 'alpha', 'admin@alpha.test');
    const before = await inCity(p, 'alpha', (tx, t) => tx.select().from(apiKeys).where(eq(apiKeys.tenantId, t)));
    const res = await client.post('/admin/api-keys', { name: '', scopes: ['nope'], expires: '2020-01-01' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldError(html, 'name')).toBeTruthy();
    expect(fieldError(html, 'scopes')).toBeTruthy();
    expect(fieldError(html, 'expires')).toBeTruthy();
    expect(await inCity(p, 'alpha', (tx, t) => tx.select().from(apiKeys).where(eq(apiKeys.tenantId, t)))).toHaveLength(before.length);
  });

  it('is for city admins only', async () => {
    const { client } = await signedIn(p, 'alpha', 'vol@alpha.test');
    expect((await client.get('/admin/api-keys')).status).toBe(403);
    expect((await client.post('/admin/api-keys', { name: 'x', scopes: ['catalogue:read'], expires: inAYear() })).status).toBe(403);
  });

  it('rotates (the old secret stops at once) and revokes', async () => {
    const token = await apiKeyOf(p, 'alpha', ['catalogue:read']);
    const id = token.split('.')[1]!;
    const { client } = await signedIn(p, 'alpha', 'admin@alpha.test');
    const rotated = tokenOn(await (await client.post(`/admin/api-keys/${id}/rotate`)).text());
    expect(rotated).toMatch(/^vck\./);
    expect((await new ApiClient(p, 'alpha', token).get('/organisations')).status).toBe(401);
    expect((await new ApiClient(p, 'alpha', rotated).get('/organisations')).status).toBe(200);
    expect((await client.post(`/admin/api-keys/${id}/revoke`)).status).toBe(303);
    const refused = await new ApiClient(p, 'alpha', rotated).get('/organisations');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect((await client.post(`/admin/api-keys/${id}/rotate`)).status).toBe(409);
  });

  it('refuses an expired key, a malformed header and a key of another city', async () => {
    const expired = await apiKeyOf(p, 'alpha', ['catalogue:read'], new Date(Date.now() - 1000));
    expect((await new ApiClient(p, 'alpha', expired).get('/organisations')).status).toBe(401);
    expect((await new ApiClient(p, 'alpha', null).get('/organisations', { authorization: 'Basic abc' })).status).toBe(401);
    const alphaKey = await apiKeyOf(p, 'alpha', ['catalogue:read']);
    const onBeta = await new ApiClient(p, 'beta', alphaKey).get('/organisations');
    expect(onBeta.status).toBe(401);
    expect(await onBeta.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('limits each key to its requests a minute, answering 429 with Retry-After', async () => {
    const api = new ApiClient(p, 'alpha', await apiKeyOf(p, 'alpha', ['catalogue:read']));
    for (let i = 0; i < 5; i++) expect((await api.get('/organisations')).status).toBe(200);
    const limited = await api.get('/organisations');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another key of the city has its own budget.
    expect((await new ApiClient(p, 'alpha', await apiKeyOf(p, 'alpha', ['catalogue:read'])).get('/organisations')).status).toBe(200);
  });

  it('writes every answered use into the audit log', async () => {
    const token = await apiKeyOf(p, 'alpha', ['catalogue:read']);
    const id = token.split('.')[1]!;
    const api = new ApiClient(p, 'alpha', token);
    await api.get('/organisations');
    await api.get('/projects');
    const uses = await inCity(p, 'alpha', (tx, t) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.actor, `api_key:${id}`))));
    expect(uses.map((u) => (u.detail as { path: string }).path).sort()).toEqual(['/api/v1/organisations', '/api/v1/projects']);
    expect(uses.every((u) => u.action === 'api.request')).toBe(true);
  });
});
