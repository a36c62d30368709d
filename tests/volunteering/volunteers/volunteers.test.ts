import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userRoles } from '../../../core/db/schema/identity.ts';
import { volunteerProfiles } from '../../../core/volunteering/volunteers/schema.ts';
import { isUnifiedVolunteerNumber } from '../../../core/volunteering/volunteers/unified-number.ts';
import { TestClient } from '../../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { activity, citizen, fieldError, idCard, inCity, mainOf, organisation, project, signedIn } from '../fixtures.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const profileOf = (slug: string, userId: string) =>
  inCity(p, slug, (tx, t) => tx.select().from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, t), eq(volunteerProfiles.userId, userId))));
const form = (extra: Record<string, string | string[]> = {}) => ({
  real_name: '陈小明',
  mobile: '138 0013 8000',
  skills: ['first_aid', 'driving'],
  service_areas: ['城东区', '城南区'],
  availability: ['weekend'],
  id_type: '',
  id_number: '',
  next: '/volunteer/profile',
  ...extra,
});
const ID_CARD = idCard('35020319900101123');

describe(`volunteer profiles (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('refuses a bad identity card number and a bad mobile beside each field, keeps the input and writes nothing', async () => {
    const c = await citizen(p, 'alpha', '陈小明');
    const wrongCheck = ID_CARD.slice(0, 17) + (ID_CARD[17] === '1' ? '2' : '1');
    const res = await c.client.post('/volunteer/profile', form({ mobile: '1234567', id_type: 'resident_id', id_number: wrongCheck }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldError(html, 'id_number')).toContain('身份证号码应为 18 位');
    expect(fieldError(html, 'mobile')).toContain('11 位中国大陆手机号');
    expect(fieldError(html, 'real_name')).toBeNull();
    expect(html).toContain(`value="${wrongCheck}"`);
    expect(html).toMatch(/value="first_aid" checked/);
    expect(await profileOf('alpha', c.id)).toEqual([]);

    // A 13th month and a birth in 2099, each with a correct check digit; and far too short.
    for (const bad of [idCard('35020319901301123'), idCard('35020320991231123'), '1234']) {
      const again = await c.client.post('/volunteer/profile', form({ id_type: 'resident_id', id_number: bad }));
      expect(again.status).toBe(400);
      expect(fieldError(await again.text(), 'id_number')).not.toBeNull();
    }
    const noArea = await c.client.post('/volunteer/profile', form({ service_areas: [] }));
    expect(fieldError(await noArea.text(), 'service_areas')).toBe('请至少选择一项。');
    const unknownArea = await c.client.post('/volunteer/profile', form({ service_areas: ['乙市某区'] }));
    expect(fieldError(await unknownArea.text(), 'service_areas')).toBe('请从列表中选择。');
    expect(await profileOf('alpha', c.id)).toEqual([]);
  });

  it('prompts a signed-in resident without a profile to complete it on /volunteer/hours, instead of a 403, and comes back there', async () => {
    const c = await citizen(p, 'alpha', '新居民');
    const res = await c.client.get('/volunteer/hours');
    expect(res.status).toBe(200);
    const html = await mainOf(res);
    expect(html).toContain('您还没有志愿者档案。完善志愿者信息后才能报名活动、记录服务时长。');
    const link = `/volunteer/profile?next=${encodeURIComponent('/volunteer/hours')}`;
    expect(html).toContain(`href="${link}"`);
    const profilePage = await mainOf(await c.client.get(link));
    expect(profilePage).toContain('name="next" value="/volunteer/hours"');
    const saved = await c.client.post('/volunteer/profile', form({ next: '/volunteer/hours' }));
    expect(saved.headers.get('location')).toBe('/volunteer/hours');
    const hours = await mainOf(await c.client.get('/volunteer/hours'));
    expect(hours).toContain('欢迎成为志愿者');
    expect(hours).not.toContain('您还没有志愿者档案');
  });

  it('makes a volunteer with a unified volunteer number on completion, led by the city\'s division code, and keeps the number on later saves', async () => {
    const c = await citizen(p, 'alpha', '陈小明');
    const done = await c.client.follow(c.client.post('/volunteer/profile', form({ id_type: 'resident_id', id_number: ID_CARD.toLowerCase() })));
    const [row] = await profileOf('alpha', c.id);
    expect(row!.volunteerNumber).toMatch(/^350203\d{9}[\dX]$/);
    expect(isUnifiedVolunteerNumber(row!.volunteerNumber)).toBe(true);
    expect(row!.mobile).toBe('13800138000');
    // Sealed at rest: the row holds neither the number nor its digits, only the birth date it carries.
    expect(row!.idType).toBe('resident_id');
    expect(JSON.stringify(row)).not.toContain(ID_CARD.slice(0, 17));
    expect(row!.birthDate).toBe('1990-01-01');
    expect(await done.text()).toContain(`您的志愿者编号是 ${row!.volunteerNumber}`);
    const roles = await inCity(p, 'alpha', (tx, t) => tx.select().from(userRoles).where(and(eq(userRoles.tenantId, t), eq(userRoles.userId, c.id))));
    expect(roles.map((r) => r.role)).toEqual(['volunteer']);

    await c.client.post('/volunteer/profile', form({ real_name: '陈大明', id_type: 'resident_id', id_number: ID_CARD }));
    const [after] = await profileOf('alpha', c.id);
    expect(after!.realName).toBe('陈大明');
    expect(after!.volunteerNumber).toBe(row!.volunteerNumber);
    expect(await mainOf(await c.client.get('/volunteer/profile'))).toContain(`您的志愿者编号：${row!.volunteerNumber}`);
  });

  it('hands out unique numbers to 10 volunteers completing their profiles at once', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => citizen(p, 'beta', `并发${i}`)));
    const results = await Promise.all(people.map((c) => c.client.post('/volunteer/profile', form({ service_areas: ['城西区'] }))));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(303));
    const rows = await inCity(p, 'beta', (tx, t) =>
      tx.select().from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, t), inArray(volunteerProfiles.userId, people.map((c) => c.id)))),
    );
    const numbers = rows.map((r) => r.volunteerNumber);
    expect(numbers).toHaveLength(10);
    expect(new Set(numbers).size).toBe(10);
    // Beta gave no division code: its numbers are under 000000.
    expect(numbers.every((n) => n.startsWith('000000') && isUnifiedVolunteerNumber(n))).toBe(true);
    // One sequence per division: the numbers are consecutive, with no gaps under concurrency.
    const sorted = numbers.map((n) => Number(n.slice(6, 15))).sort((a, b) => a - b);
    expect(sorted.at(-1)! - sorted[0]!).toBe(9);
  });

  it('shows the identity card number in full to the volunteer and city admins, masked to organisers', async () => {
    // Another card than the one above: one document is one volunteer in a city.
    const OTHER_CARD = idCard('35020319851231456');
    const vol = await citizen(p, 'alpha', '林志愿', { profile: true, idCardNumber: OTHER_CARD });
    const masked = `${OTHER_CARD.slice(0, 4)}**********${OTHER_CARD.slice(-4)}`;
    expect(await mainOf(await vol.client.get(`/volunteers/${vol.id}`))).toContain(OTHER_CARD);
    expect(await mainOf(await vol.client.get('/volunteer/profile'))).toContain(OTHER_CARD);
    const { client: admin } = await signedIn(p, 'alpha', 'admin@alpha.test');
    expect(await mainOf(await admin.get(`/volunteers/${vol.id}`))).toContain(OTHER_CARD);

    const organiser = await citizen(p, 'alpha', '组织者');
    const orgId = await organisation(p, 'alpha', organiser.id);
    const activityId = await activity(p, 'alpha', await project(p, 'alpha', orgId, organiser.id), organiser.id);
    expect((await vol.client.post(`/activities/${activityId}/signup`)).status).toBe(303);
    const roster = await mainOf(await organiser.client.get(`/activities/${activityId}/manage`));
    expect(roster).toContain('林志愿');
    expect(roster).toContain(masked);
    expect(roster).not.toContain(OTHER_CARD);
    // Another volunteer may not open someone's card at all.
    const other = await citizen(p, 'alpha', '旁人', { profile: true });
    expect((await other.client.get(`/volunteers/${vol.id}`)).status).toBe(403);
    expect((await new TestClient(p.app, 'http://alpha.localhost').get(`/volunteers/${vol.id}`)).status).toBe(303);
  });
});
