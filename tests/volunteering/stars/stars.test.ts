import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeRecord } from '../../../core/volunteering/records/verification.ts';
import { starsOf } from '../../../core/volunteering/stars/service.ts';
import { messagesTo } from '../../support/outbox.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, eventsOf, fieldError, inCity, mainOf, organisation, project, serviceRecord, signedIn, verify } from '../fixtures.ts';

let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let volunteer: Awaited<ReturnType<typeof citizen>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let orgId: string;
let projectId: string;
const stars = () => inCity(p, 'alpha', (tx, t) => starsOf(tx, t, volunteer.id));

beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '组织者');
  orgId = await organisation(p, 'alpha', organiser.id, '阳光志愿队');
  projectId = await project(p, 'alpha', orgId, organiser.id);
  volunteer = await citizen(p, 'alpha', '黄志愿', { profile: true });
  admin = await signedIn(p, 'alpha', 'admin@alpha.test');
});
afterAll(() => p.close());

describe(`star levels (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('starts from the national thresholds and refuses thresholds that do not increase, beside the field', async () => {
    const page = await mainOf(await admin.client.get('/admin/star-levels'));
    for (const h of ['100', '300', '600', '1000', '1500']) expect(page).toContain(`value="${h}"`);
    const bad = await admin.client.post('/admin/star-levels', { star1: '5', star2: '3', star3: 'x', star4: '8', star5: '9' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(fieldError(html, 'star2')).toBeTruthy();
    expect(fieldError(html, 'star3')).toBeTruthy();
    expect(fieldError(html, 'star1')).toBeNull();
  });

  it('awards stars as hours are verified, under the city’s thresholds, and tells the volunteer through the outbox', async () => {
    expect((await admin.client.post('/admin/star-levels', { star1: '1', star2: '2', star3: '3', star4: '4', star5: '5' })).status).toBe(303);
    const first = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 90 });
    await verify(p, 'alpha', orgId, organiser.id, [first]);
    expect(await stars()).toBe(1);
    const more = [await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 60, startedAt: new Date(Date.now() - 86_400_000) }), await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 60, startedAt: new Date(Date.now() - 2 * 86_400_000) })];
    await verify(p, 'alpha', orgId, organiser.id, more);
    expect(await stars()).toBe(3);
    const subjects = (await messagesTo(p, volunteer.email)).filter((m) => m.kind === 'volunteering.star-earned').map((m) => m.subject);
    expect(subjects).toEqual(expect.arrayContaining([expect.stringContaining('1星级'), expect.stringContaining('3星级')]));
    expect(await mainOf(await volunteer.client.get('/volunteer/record'))).toContain('★★★');
    const list = await mainOf(await admin.client.get('/admin/star-levels'));
    expect(list).toContain('黄志愿');
    expect(list).toContain('★★★');
  });

  it('takes a star back when a revocation drops the total below its threshold', async () => {
    const extra = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 30, startedAt: new Date(Date.now() - 3 * 86_400_000) });
    await verify(p, 'alpha', orgId, organiser.id, [extra]);
    expect(await stars()).toBe(4);
    const revoked = await inCity(p, 'alpha', (tx, t) => revokeRecord(tx, t, orgId, extra, '重复记录', { deciderId: organiser.id, address: null }, eventsOf(p, 'alpha')));
    expect(revoked.ok).toBe(true);
    expect(await stars()).toBe(3);
  });

  it('lowering the thresholds re-levels every volunteer; raising them takes stars back', async () => {
    expect((await admin.client.post('/admin/star-levels', { star1: '10', star2: '20', star3: '30', star4: '40', star5: '50' })).status).toBe(303);
    expect(await stars()).toBe(0);
  });

  it('keeps the thresholds to the city: 403 for a volunteer', async () => {
    expect((await volunteer.client.get('/admin/star-levels')).status).toBe(403);
    expect((await volunteer.client.post('/admin/star-levels', { star1: '1', star2: '2', star3: '3', star4: '4', star5: '5' })).status).toBe(403);
  });
});
