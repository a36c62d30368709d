import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { childDetails, children, consents } from '../../../plugins/child-care-visits/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { DIRECTOR, fieldError, inCity, mainOf, member, P, startChildCarePlatform, supervisor } from './fixtures.ts';

let p: PluginKit;
let boss: Awaited<ReturnType<typeof supervisor>>;
let director: Awaited<ReturnType<typeof member>>;
beforeAll(async () => {
  p = await startChildCarePlatform();
  boss = await supervisor(p, 'alpha');
  director = await member(p, 'alpha', '覃主任', [DIRECTOR]);
});
afterAll(() => p.close());

const counts = () => inCity(p, 'alpha', async (tx, t) => ({
  children: (await tx.select({ n: count() }).from(children).where(eq(children.tenantId, t)))[0]!.n,
  consents: (await tx.select({ n: count() }).from(consents).where(eq(consents.tenantId, t)))[0]!.n,
  details: (await tx.select({ n: count() }).from(childDetails).where(eq(childDetails.tenantId, t)))[0]!.n,
}));

const minimum = () => ({ name: '韦小红', category: 'orphan', district: boss.district, village: '良寨村', risk_level: 'medium', risk_reasons: '无人照料', review_on: '2027-03-01', director: director.email });
const consent = { consent_given_by: '韦伯伯', consent_relation: '伯父', consent_purposes: '定期探访与救助', consent_given_on: '2026-11-20' };
const details = { guardian_name: '韦伯伯', guardian_phone: '13907720001', address: '良寨村五组3号', school: '良寨小学', needs: '学习用品' };

describe('registering a child', () => {
  it('refuses details beyond the minimum without the guardian’s consent, saying so beside the consent field, and stores nothing', async () => {
    const before = await counts();
    const res = await boss.client.post(`${P}/children`, { ...minimum(), ...details });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'consent_given_by')).toContain('监护人同意');
    expect(await counts()).toEqual(before);
  });

  it('stores the minimum alone without consent, and the page says no consent was recorded', async () => {
    const before = await counts();
    const res = await boss.client.post(`${P}/children`, minimum());
    expect(res.status).toBe(303);
    const after = await counts();
    expect(after).toEqual({ ...before, children: before.children + 1 });
    const page = await mainOf(await boss.client.get(res.headers.get('location')!));
    expect(page).toContain('未记录监护人同意');
  });

  it('records who consented, when and for what, then the details; the URL carries only the id', async () => {
    const res = await boss.client.post(`${P}/children`, { ...minimum(), ...consent, ...details });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/\/children\/[0-9a-f-]{36}$/);
    const page = await mainOf(await boss.client.get(location));
    expect(page).toContain('韦伯伯（伯父）于 2026-11-20 同意，用途：定期探访与救助');
    expect(page).toContain('良寨小学');
  });

  it('refuses a district of no one’s supervision or outside the city, and a director who is not one', async () => {
    const before = await counts();
    const outside = await boss.client.post(`${P}/children`, { ...minimum(), district: '火星区' });
    expect(fieldError(await outside.text(), 'district')).toContain('乡镇');
    const notDirector = await member(p, 'alpha', '普通居民');
    const wrong = await boss.client.post(`${P}/children`, { ...minimum(), director: notDirector.email });
    expect(fieldError(await wrong.text(), 'director')).toContain('儿童主任');
    expect(await counts()).toEqual(before);
  });

  it('keeps registration to supervisors: a director or a resident gets 403 and nothing is stored', async () => {
    const before = await counts();
    const res = await director.client.post(`${P}/children`, minimum());
    expect(res.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('the database refuses details without a consent row', async () => {
    const res = await boss.client.post(`${P}/children`, minimum());
    const id = res.headers.get('location')!.split('/').pop()!;
    await expect(inCity(p, 'alpha', (tx, t) => tx.insert(childDetails).values({ tenantId: t, childId: id, guardianName: 'x', guardianPhone: '1', address: 'x', school: 'x', needs: 'x' }))).rejects.toThrow();
    expect(await inCity(p, 'alpha', (tx, t) => tx.select().from(childDetails).where(and(eq(childDetails.tenantId, t), eq(childDetails.childId, id))))).toEqual([]);
  });
});
