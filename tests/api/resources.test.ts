import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccount } from '../../core/ledger/accounts.ts';
import { serviceRecords } from '../../core/volunteering/records/schema.ts';
import { projects } from '../../core/volunteering/projects/schema.ts';
import { issueCertificates } from '../../core/volunteering/certificates/service.ts';
import { DAY_MS, toLocalDateInput } from '../../core/volunteering/shared/time.ts';
import { ApiClient, apiKeyOf } from '../support/api.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { changedTables, rowCounts } from '../support/routes.ts';
import { activity, citizen, confirmedSignup, inCity, organisation, project, serviceRecord, userIdOf, verify } from '../volunteering/fixtures.ts';

/** The city API's resources: pages by cursor, masked volunteers, records recorded and verified onto the ledger, idempotent writes. */
let p: TestPlatform;
let api: ApiClient;
let ids: { org: string; project: string; activity: string; volunteer: string; record: string; certificateCode: string };

beforeAll(async () => {
  p = await startTestPlatform();
  api = new ApiClient(p, 'alpha', await apiKeyOf(p, 'alpha'));
  const adminId = await userIdOf(p, 'alpha', 'admin@alpha.test');
  const volunteer = await citizen(p, 'alpha', '黄志愿', { profile: true });
  const org = await organisation(p, 'alpha', adminId);
  const projectId = await project(p, 'alpha', org, adminId);
  // The project began two days ago, so a period of service yesterday is within it.
  await inCity(p, 'alpha', (tx, t) => tx.update(projects).set({ startsOn: new Date(Date.now() - 2 * DAY_MS) }).where(and(eq(projects.tenantId, t), eq(projects.id, projectId))));
  const activityId = await activity(p, 'alpha', projectId, adminId, { startsAt: new Date(Date.now() - DAY_MS) });
  await confirmedSignup(p, 'alpha', activityId, volunteer.id);
  const record = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 60, startedAt: new Date(Date.now() - 1.5 * DAY_MS) });
  await verify(p, 'alpha', org, adminId, [record]);
  const certificate = await inCity(p, 'alpha', (tx, t) => issueCertificates(tx, { id: t, slug: 'alpha' }, volunteer.id, toLocalDateInput(new Date(Date.now() - 7 * DAY_MS)), toLocalDateInput(new Date())));
  if (!certificate.ok) throw new Error('set-up failed');
  ids = { org, project: projectId, activity: activityId, volunteer: volunteer.id, record, certificateCode: certificate.certificates[0]!.code };
}, 60_000);
afterAll(() => p.close());

describe(`the city API's resources (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('pages with a cursor until `next` is null, each item once', async () => {
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const res = await api.get(`/organisations?limit=1${next ? `&cursor=${next}` : ''}`);
      const body = (await res.json()) as { items: { id: string }[]; next: string | null };
      seen.push(...body.items.map((i) => i.id));
      next = body.next;
    } while (next);
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(ids.org);
    const bad = await api.get('/organisations?cursor=not-ours');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ path: 'cursor' }] });
  });

  it('reads organisations, projects and activities', async () => {
    expect(await (await api.get(`/organisations/${ids.org}`)).json()).toMatchObject({ id: ids.org });
    expect(await (await api.get(`/projects?organisationId=${ids.org}`)).json()).toMatchObject({ items: [{ id: ids.project }] });
    expect(await (await api.get(`/activities/${ids.activity}`)).json()).toMatchObject({ id: ids.activity, projectId: ids.project });
    const missing = await api.get(`/projects/${ids.org}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });

  it('masks volunteers’ names unless the key may see them', async () => {
    const masked = new ApiClient(p, 'alpha', await apiKeyOf(p, 'alpha', ['volunteers:read']));
    expect(await (await masked.get(`/volunteers/${ids.volunteer}`)).json()).toMatchObject({ name: '黄*愿', nameMasked: true });
    expect(await (await api.get(`/volunteers/${ids.volunteer}`)).json()).toMatchObject({ name: '黄志愿', nameMasked: false });
    expect(JSON.stringify(await (await masked.get('/volunteers')).json())).not.toMatch(/mobile|1380013/);
  });

  it('reads certificates and checks one by code, the name masked', async () => {
    const check = await (await api.get(`/certificates/verify/${ids.certificateCode}`)).json();
    expect(check).toMatchObject({ valid: true, volunteerName: '黄*愿', totalMinutes: 60 });
    expect(await (await api.get(`/certificates?volunteerId=${ids.volunteer}`)).json()).toMatchObject({ items: [{ code: ids.certificateCode, valid: true }] });
  });

  it('reads balances and a volunteer’s statement with each line’s place in the chain', async () => {
    const statement = (await (await api.get(`/ledger/volunteers/${ids.volunteer}/statement`)).json()) as { balance: number; lines: { seq: number; amount: number }[] };
    expect(statement.balance).toBe(60);
    expect(statement.lines).toEqual([expect.objectContaining({ amount: 60, balance: 60, seq: expect.any(Number) })]);
    const balances = (await (await api.get('/ledger/balances?unit=SERVICE_MINUTE')).json()) as { items: { code: string; balance: number }[] };
    expect(balances.items).toContainEqual(expect.objectContaining({ code: `volunteer:${ids.volunteer}`, balance: 60 }));
  });

  it('records a service and verifies it onto the ledger, once however often the write is repeated', async () => {
    const startedAt = new Date(Date.now() - DAY_MS + 10 * 60_000);
    const body = { activityId: ids.activity, volunteerId: ids.volunteer, startedAt: startedAt.toISOString(), endedAt: new Date(startedAt.getTime() + 90 * 60_000).toISOString() };
    const created = await api.post('/service-records', body, 'create-1');
    expect(created.status).toBe(201);
    const record = (await created.json()) as { id: string; status: string; minutes: number };
    expect(record).toMatchObject({ status: 'pending', minutes: 90 });
    const again = await api.post('/service-records', body, 'create-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(record);
    const reused = await api.post('/service-records', { ...body, volunteerId: ids.org }, 'create-1');
    expect(reused.status).toBe(422);

    const verified = await api.post(`/service-records/${record.id}/verify`, { minutes: 80 }, 'verify-1');
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ status: 'verified', minutes: 80, ledgerTransferId: expect.any(String) });
    expect((await api.post(`/service-records/${record.id}/verify`, { minutes: 80 }, 'verify-1')).status).toBe(200);
    expect((await api.post(`/service-records/${record.id}/verify`, {}, 'verify-2')).status).toBe(409);
    const account = await inCity(p, 'alpha', (tx, t) => findAccount(tx, t, 'SERVICE_MINUTE', `volunteer:${ids.volunteer}`));
    expect(account!.balance).toBe(60 + 80);
    const rows = await inCity(p, 'alpha', (tx, t) => tx.select().from(serviceRecords).where(and(eq(serviceRecords.tenantId, t), eq(serviceRecords.activityId, ids.activity))));
    expect(rows).toHaveLength(1);
  });

  it('refuses bad writes with a problem naming the field, and changes nothing', async () => {
    const readOnly = new ApiClient(p, 'alpha', await apiKeyOf(p, 'alpha', ['records:read']));
    const before = await rowCounts(p);
    const noKey = await api.post('/service-records', { activityId: ids.activity }, null);
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ title: 'Idempotency-Key required' });
    const bad = await api.post('/service-records', { activityId: 'x', volunteerId: ids.volunteer, startedAt: 'yesterday', endedAt: new Date().toISOString() });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['activityId', 'startedAt']));
    const future = new Date(Date.now() + DAY_MS);
    const inFuture = await api.post('/service-records', { activityId: ids.activity, volunteerId: ids.volunteer, startedAt: new Date().toISOString(), endedAt: future.toISOString() });
    expect(inFuture.status).toBe(400);
    const twice = await api.post('/service-records', { activityId: ids.activity, volunteerId: ids.volunteer, startedAt: new Date(Date.now() - 3600_000).toISOString(), endedAt: new Date().toISOString() });
    expect(twice.status).toBe(409);
    expect((await readOnly.post(`/service-records/${ids.record}/verify`, {})).status).toBe(403);
    expect(changedTables(before, await rowCounts(p))).toEqual([]);
  });
});
