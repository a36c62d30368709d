import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { volunteerProfiles } from '../../../core/volunteering/volunteers/schema.ts';
import { hashIdNumber, idNumberKeys, loadIdNumberKeys, openIdNumber, sealIdNumber, sealedWithOldKey } from '../../../core/volunteering/volunteers/id-number-keys.ts';
import { resealIdNumbers, saveProfileUnlessTaken } from '../../../core/volunteering/volunteers/service.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { auditLog } from '../../../core/db/schema/audit.ts';
import { citizen, fieldError, idCard, inCity, mainOf, organisation, signedIn, tenantOf } from '../fixtures.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const rowOf = async (slug: string, userId: string) =>
  (await inCity(p, slug, (tx, t) => tx.select().from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, t), eq(volunteerProfiles.userId, userId)))))[0] ?? null;
const form = (extra: Record<string, string | string[]>) => ({
  real_name: '实名人',
  mobile: '13800138000',
  service_areas: ['城东区'],
  availability: ['weekend'],
  id_type: '',
  id_number: '',
  next: '/volunteer/profile',
  ...extra,
});
const key = () => randomBytes(32).toString('base64');

describe(`real-name identity (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('takes a passport and the Hong Kong/Macao and Taiwan permits in their formats, and refuses a wrong one beside the number with nothing saved', async () => {
    const c = await citizen(p, 'alpha', '港澳人');
    const cases: [string, string, string][] = [
      ['passport', 'E1', '护照号码应为 5 至 17 位字母或数字。'],
      ['hk_macao_permit', 'X12345678', '港澳通行证号码应为 H 或 M 加 8 位'],
      ['taiwan_permit', '1234567', '台湾居民来往大陆通行证号码应为 8 位'],
      ['', 'H12345678', '请选择证件类型。'],
      ['passport', '', '选择了证件类型，请填写证件号码。'],
    ];
    for (const [type, number, message] of cases) {
      const res = await c.client.post('/volunteer/profile', form({ id_type: type, id_number: number }));
      expect(res.status).toBe(400);
      const html = await res.text();
      const field = type === '' ? 'id_type' : 'id_number';
      expect(fieldError(html, field)).toContain(message);
    }
    expect(await rowOf('alpha', c.id)).toBeNull();

    const saved = await c.client.post('/volunteer/profile', form({ id_type: 'hk_macao_permit', id_number: 'h 1234 5678' }));
    expect(saved.status).toBe(303);
    const row = await rowOf('alpha', c.id);
    expect(row!.idType).toBe('hk_macao_permit');
    expect(row!.birthDate).toBeNull(); // a travel permit carries no birth date
    expect(JSON.stringify(row)).not.toContain('12345678');
    const page = await mainOf(await c.client.get('/volunteer/profile'));
    expect(page).toContain('value="H12345678"');
    expect(page).toMatch(/value="hk_macao_permit" selected/);
  });

  it('refuses the same document twice in one city beside the field and changes nothing, while another city may hold it', async () => {
    const number = idCard('44010119850615123');
    const first = await citizen(p, 'alpha', '第一人');
    expect((await first.client.post('/volunteer/profile', form({ id_type: 'resident_id', id_number: number }))).status).toBe(303);

    const second = await citizen(p, 'alpha', '第二人');
    const refused = await second.client.post('/volunteer/profile', form({ real_name: '第二人', id_type: 'resident_id', id_number: number.toLowerCase() }));
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(fieldError(html, 'id_number')).toBe('本市已有志愿者使用这个证件登记。如有疑问，请联系城市管理员。');
    expect(await rowOf('alpha', second.id)).toBeNull();

    // Saving one's own document again is no duplicate.
    expect((await first.client.post('/volunteer/profile', form({ real_name: '第一人改', id_type: 'resident_id', id_number: number }))).status).toBe(303);
    expect((await rowOf('alpha', first.id))!.realName).toBe('第一人改');

    const elsewhere = await citizen(p, 'beta', '外市人');
    expect((await elsewhere.client.post('/volunteer/profile', form({ service_areas: ['城西区'], id_type: 'resident_id', id_number: number }))).status).toBe(303);
  });

  it('gives the second of two saves of one document at the same instant the taken answer, not an error, and its unit goes on', async () => {
    // The same instant, made certain: the second save skips any look-up and meets the unique index.
    const number = idCard('35020319900307456');
    const first = await citizen(p, 'alpha', '先到者');
    const second = await citizen(p, 'alpha', '后到者');
    const input = (realName: string) => ({ realName, mobile: '13800138001', skills: [], serviceAreas: ['城东区'], availability: ['weekend'], idDocument: { type: 'resident_id' as const, number } });
    const outcome = await inCity(p, 'alpha', async (tx) => {
      const won = await saveProfileUnlessTaken(tx, tenantOf(p, 'alpha'), first.id, input('先到者'));
      const lost = await saveProfileUnlessTaken(tx, tenantOf(p, 'alpha'), second.id, input('后到者'));
      // The transaction is still usable after the refused insert.
      const [row] = await tx.select({ n: volunteerProfiles.volunteerNumber }).from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, tenantOf(p, 'alpha').id), eq(volunteerProfiles.userId, first.id)));
      return { won: won?.created, lost, number: row?.n };
    });
    expect(outcome.won).toBe(true);
    expect(outcome.lost).toBeNull();
    expect(outcome.number).toBeTruthy();
    expect(await rowOf('alpha', second.id)).toBeNull();
  });

  it('shows other document types masked to organisers and in full to the city admin', async () => {
    const vol = await citizen(p, 'alpha', '护照人');
    await vol.client.post('/volunteer/profile', form({ real_name: '护照人', id_type: 'passport', id_number: 'E87654321' }));
    const { client: admin } = await signedIn(p, 'alpha', 'admin@alpha.test');
    const card = await mainOf(await admin.get(`/volunteers/${vol.id}`));
    expect(card).toContain('护照 E87654321');
  });

  it('lets an organiser mark a document verified after seeing it, audits it without the number, and a changed document is unverified again', async () => {
    const number = idCard('44010119920228001');
    const vol = await citizen(p, 'alpha', '待核验');
    await vol.client.post('/volunteer/profile', form({ real_name: '待核验', id_type: 'resident_id', id_number: number }));
    expect(await mainOf(await vol.client.get(`/volunteers/${vol.id}`))).toContain('未核验');
    // The volunteer cannot verify themselves, nor can another volunteer.
    expect((await vol.client.post(`/volunteers/${vol.id}/identity/verify`)).status).toBe(403);
    expect((await rowOf('alpha', vol.id))!.idVerifiedAt).toBeNull();

    const organiser = await citizen(p, 'alpha', '核验员');
    await organisation(p, 'alpha', organiser.id);
    const card = await mainOf(await organiser.client.get(`/volunteers/${vol.id}`));
    expect(card).toContain(`${number.slice(0, 4)}**********${number.slice(-4)}`);
    expect(card).not.toContain(number);
    expect(card).toContain(`action="/volunteers/${vol.id}/identity/verify"`);
    const done = await organiser.client.post(`/volunteers/${vol.id}/identity/verify`);
    expect(done.status).toBe(303);
    const row = await rowOf('alpha', vol.id);
    expect(row!.idVerifiedBy).toBe(organiser.id);
    expect(await mainOf(await vol.client.get(`/volunteers/${vol.id}`))).toMatch(/已于 .+ 核验/);
    const audit = await inCity(p, 'alpha', (tx, t) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.target, `user:${vol.id}`))));
    expect(audit.map((a) => a.action)).toContain('volunteer.identity_verified');
    expect(JSON.stringify(audit)).not.toContain(number.slice(6, 14));

    // Saving the same document keeps the verification; another one loses it.
    await vol.client.post('/volunteer/profile', form({ real_name: '待核验', id_type: 'resident_id', id_number: number }));
    expect((await rowOf('alpha', vol.id))!.idVerifiedAt).not.toBeNull();
    await vol.client.post('/volunteer/profile', form({ real_name: '待核验', id_type: 'passport', id_number: 'E11223344' }));
    expect((await rowOf('alpha', vol.id))!.idVerifiedAt).toBeNull();
    // Nothing to verify: a volunteer without a document.
    const bare = await citizen(p, 'alpha', '无证件', { profile: true });
    expect((await organiser.client.post(`/volunteers/${bare.id}/identity/verify`)).status).toBe(404);
  });

  it('reseals a city\'s ID numbers with a new first key, after which the old key may go', async () => {
    const vol = await citizen(p, 'beta', '换钥人');
    expect((await vol.client.post('/volunteer/profile', form({ service_areas: ['城北区'], id_type: 'taiwan_permit', id_number: '87654321' }))).status).toBe(303);
    const current = idNumberKeys();
    const newKey = { id: 'next', key: randomBytes(32) };
    const rotated = { sealing: newKey, opening: new Map([...current.opening, [newKey.id, newKey.key]]), hashKey: current.hashKey };
    const resealed = await inCity(p, 'beta', (tx, t) => resealIdNumbers(tx, t, rotated));
    expect(resealed).toBeGreaterThanOrEqual(1);
    const row = await rowOf('beta', vol.id);
    expect(row!.idNumberSealed!.startsWith('next.')).toBe(true);
    const newOnly = { ...rotated, opening: new Map([[newKey.id, newKey.key]]) };
    expect(openIdNumber(row!.idNumberSealed!, newOnly)).toBe('87654321');
    expect(await inCity(p, 'beta', (tx, t) => resealIdNumbers(tx, t, rotated))).toBe(0);
  });
});

describe('ID number keys', () => {
  it('seals with authenticated encryption: a changed byte does not open', () => {
    const sealed = sealIdNumber('E87654321');
    expect(sealed).not.toContain('E87654321');
    expect(sealIdNumber('E87654321')).not.toBe(sealed); // a fresh nonce each time
    expect(openIdNumber(sealed)).toBe('E87654321');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => openIdNumber([...parts.slice(0, 3), body.toString('base64url')].join('.'))).toThrow();
  });

  it('rotates: the first key seals, every listed key opens, and old seals are found for resealing', () => {
    const [oldKey, newKey, hashKey] = [key(), key(), key()];
    const before = loadIdNumberKeys({ ID_NUMBER_KEYS: JSON.stringify([{ id: 'k1', key: oldKey }]), ID_NUMBER_HASH_KEY: hashKey });
    const after = loadIdNumberKeys({ ID_NUMBER_KEYS: JSON.stringify([{ id: 'k2', key: newKey }, { id: 'k1', key: oldKey }]), ID_NUMBER_HASH_KEY: hashKey });
    const old = sealIdNumber('12345678', before);
    expect(openIdNumber(old, after)).toBe('12345678');
    expect(sealedWithOldKey(old, after)).toBe(true);
    expect(sealedWithOldKey(sealIdNumber('12345678', after), after)).toBe(false);
    // The hash key does not rotate, so duplicates are still found after a rotation.
    expect(hashIdNumber('taiwan_permit', '12345678', before)).toBe(hashIdNumber('taiwan_permit', '12345678', after));
    expect(hashIdNumber('taiwan_permit', '12345678', after)).not.toBe(hashIdNumber('passport', '12345678', after));
    const dropped = loadIdNumberKeys({ ID_NUMBER_KEYS: JSON.stringify([{ id: 'k2', key: newKey }]), ID_NUMBER_HASH_KEY: hashKey });
    expect(() => openIdNumber(old, dropped)).toThrow('not configured');
  });

  it('refuses to start in production without keys, and refuses malformed keys anywhere', () => {
    expect(() => loadIdNumberKeys({ NODE_ENV: 'production' })).toThrow('must be set in production');
    expect(() => loadIdNumberKeys({ ID_NUMBER_KEYS: 'nope', ID_NUMBER_HASH_KEY: key() })).toThrow('JSON list');
    expect(() => loadIdNumberKeys({ ID_NUMBER_KEYS: JSON.stringify([{ id: 'k', key: 'c2hvcnQ=' }]), ID_NUMBER_HASH_KEY: key() })).toThrow('32 bytes');
    expect(() => loadIdNumberKeys({ ID_NUMBER_KEYS: JSON.stringify([{ id: 'k', key: key() }]) })).toThrow('both');
  });
});
