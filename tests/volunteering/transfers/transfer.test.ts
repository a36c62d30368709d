import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccount } from '../../../core/ledger/accounts.ts';
import { verifyLedger } from '../../../core/ledger/verify.ts';
import { issueCertificates } from '../../../core/volunteering/certificates/service.ts';
import { SERVICE_MINUTES, volunteerAccountCode } from '../../../core/volunteering/records/verification.ts';
import { saveStarHours, starsOf } from '../../../core/volunteering/stars/service.ts';
import { COMPLETE_TRANSFER } from '../../../core/volunteering/transfers/jobs.ts';
import { volunteerTransfersIn } from '../../../core/volunteering/transfers/schema.ts';
import { volunteerProfiles } from '../../../core/volunteering/volunteers/schema.ts';
import { toLocalDateInput } from '../../../core/volunteering/shared/time.ts';
import { ACCOUNTS, TIME_CREDIT } from '../../../plugins/time-bank/credits.ts';
import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';
import { messagesTo } from '../../support/outbox.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { enableEveryPlugin } from '../../support/route-ids.ts';
import { changedTables, rowCounts } from '../../support/routes.ts';
import { citizen, fieldError, idCard, inCity, mainOf, organisation, project, serviceRecord, signedIn, userIdOf, verify } from '../fixtures.ts';

const ID = idCard('44010419850615123');
const DAY = 86_400_000;

let p: TestPlatform;
let alphaVolunteer: Awaited<ReturnType<typeof citizen>>;
let betaVolunteer: Awaited<ReturnType<typeof citizen>>;
let records: string[];
let certificateCode: string;
let transferCode: string;
let organiser: Awaited<ReturnType<typeof citizen>>;
const balance = (slug: string, code: string, unit = SERVICE_MINUTES) => inCity(p, slug, async (tx, t) => (await findAccount(tx, t, unit, code))?.balance ?? 0);
const numberOf = (slug: string, userId: string) =>
  inCity(p, slug, async (tx, t) => (await tx.select().from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, t), eq(volunteerProfiles.userId, userId))))[0]!.volunteerNumber);
const admin = async (slug: string) => (await signedIn(p, slug, `admin@${slug}.test`)).client;
const transferIdIn = (html: string) => /\/admin\/transfers\/([0-9a-f-]{36})\/approve/.exec(html)?.[1];
const codeIn = (html: string) => /id="transfer-code">([0-9A-Z-]+)</.exec(html)?.[1];

beforeAll(async () => {
  p = await startTestPlatform({ plugins: [timeBankPlugin] });
  await enableEveryPlugin(p, ['alpha', 'beta']);
  for (const slug of ['alpha', 'beta']) {
    const adminId = await userIdOf(p, slug, `admin@${slug}.test`);
    await inCity(p, slug, (tx, t) => saveStarHours(tx, t, [1, 2, 3, 4, 5], { id: adminId, address: null }));
  }
  // She served in Alpha: two records verified (3 h 30 min), one certificate issued.
  organiser = await citizen(p, 'alpha', '组织者');
  const orgId = await organisation(p, 'alpha', organiser.id, '甲社工中心');
  const elder = await project(p, 'alpha', orgId, organiser.id, { name: '长者陪伴', category: 'elder_care' });
  alphaVolunteer = await citizen(p, 'alpha', '王芳', { profile: true, idCardNumber: ID });
  records = [
    await serviceRecord(p, 'alpha', alphaVolunteer.id, elder, { minutes: 150, startedAt: new Date(Date.now() - 3 * DAY) }),
    await serviceRecord(p, 'alpha', alphaVolunteer.id, elder, { minutes: 60, startedAt: new Date(Date.now() - 2 * DAY) }),
  ];
  await verify(p, 'alpha', orgId, organiser.id, records);
  const issued = await inCity(p, 'alpha', (tx, t) => issueCertificates(tx, { id: t, slug: 'alpha' }, alphaVolunteer.id, toLocalDateInput(new Date(Date.now() - 7 * DAY)), toLocalDateInput(new Date())));
  if (!issued.ok) throw new Error('set-up failed');
  certificateCode = issued.certificates[0]!.code;
  // She moved to Beta and registered there with the same document: a new account, a number of Beta's.
  betaVolunteer = await citizen(p, 'beta', '王芳', { profile: true, idCardNumber: ID });
}, 60_000);
afterAll(() => p.close());

describe(`transfer between cities (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('refuses a request without a destination of the platform, or without an ID document, beside the field, and writes nothing', async () => {
    const before = await rowCounts(p);
    const self = await alphaVolunteer.client.post('/volunteer/transfer', { destination: 'alpha' });
    expect(self.status).toBe(400);
    expect(fieldError(await self.text(), 'destination')).toBe('请从列表中选择平台上的另一个城市。');
    const nobody = await citizen(p, 'alpha', '李四', { profile: true });
    const noId = await nobody.client.post('/volunteer/transfer', { destination: 'beta' });
    expect(fieldError(await noId.text(), 'destination')).toContain('请先在志愿者资料中登记身份证件');
    expect(changedTables(before, await rowCounts(p)).filter((t) => t !== 'users' && t !== 'volunteer_profiles' && t !== 'sessions' && t !== 'user_roles' && t !== 'volunteer_number_counters' && t !== 'audit_log')).toEqual([]);
  });

  it('lets the origin’s admin refuse a request with a reason the volunteer reads, and requires that reason', async () => {
    const page = await mainOf(await alphaVolunteer.client.get('/volunteer/transfer'));
    expect(page).toContain('<option value="beta">乙市</option>');
    expect(page).not.toContain('<option value="alpha">');
    expect((await alphaVolunteer.client.post('/volunteer/transfer', { destination: 'beta' })).status).toBe(303);
    const alphaAdmin = await admin('alpha');
    const id = transferIdIn(await mainOf(await alphaAdmin.get('/admin/transfers')))!;
    const blank = await alphaAdmin.post(`/admin/transfers/${id}/refuse`, { reason: ' ' });
    expect(blank.status).toBe(400);
    expect(fieldError(await blank.text(), `reason-${id}`)).toBe('请填写原因，志愿者会看到。');
    expect((await alphaAdmin.post(`/admin/transfers/${id}/refuse`, { reason: '尚有待核实的记录' })).status).toBe(303);
    const told = (await messagesTo(p, alphaVolunteer.email)).find((m) => m.kind === 'volunteering.transfer-refused');
    expect(told?.text).toContain('原因：尚有待核实的记录');
    const own = await mainOf(await alphaVolunteer.client.get('/volunteer/transfer'));
    expect(own).toContain('未获批准');
    expect(own).toContain('尚有待核实的记录');
    // Refused is final: approving it now changes nothing.
    await alphaAdmin.post(`/admin/transfers/${id}/approve`);
    expect(await mainOf(await alphaVolunteer.client.get('/volunteer/transfer'))).not.toContain('id="transfer-code"');
  });

  it('moves the history and the hours once: approved in the origin, accepted in the destination by the same person, both ledgers verify', async () => {
    const alphaNumber = await numberOf('alpha', alphaVolunteer.id);
    expect(await numberOf('beta', betaVolunteer.id)).not.toBe(alphaNumber);
    expect(await inCity(p, 'alpha', (tx, t) => starsOf(tx, t, alphaVolunteer.id))).toBe(3);
    const alphaCredits = await balance('alpha', ACCOUNTS.member(alphaVolunteer.id), TIME_CREDIT);
    expect(alphaCredits).toBeGreaterThan(0);

    expect((await alphaVolunteer.client.post('/volunteer/transfer', { destination: 'beta' })).status).toBe(303);
    const alphaAdmin = await admin('alpha');
    const id = transferIdIn(await mainOf(await alphaAdmin.get('/admin/transfers')))!;
    expect((await alphaAdmin.post(`/admin/transfers/${id}/approve`)).status).toBe(303);
    expect((await messagesTo(p, alphaVolunteer.email)).map((m) => m.kind)).toContain('volunteering.transfer-approved');
    const code = (transferCode = codeIn(await mainOf(await alphaVolunteer.client.get('/volunteer/transfer')))!);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(JSON.stringify(await messagesTo(p, alphaVolunteer.email))).not.toContain(code);
    await p.jobs.drain();

    // A wrong code, or the right one typed by someone whose document differs, changes nothing.
    const before = await rowCounts(p);
    const wrong = await betaVolunteer.client.post('/volunteer/transfer/accept', { code: 'ABCD-EFGH-JKMN' });
    expect(wrong.status).toBe(400);
    expect(fieldError(await wrong.text(), 'code')).toBe('转移码不正确，或已使用。');
    const stranger = await citizen(p, 'beta', '张三', { profile: true, idCardNumber: idCard('11010519491231002') });
    const afterStranger = await rowCounts(p);
    const theirs = await stranger.client.post('/volunteer/transfer/accept', { code });
    expect(fieldError(await theirs.text(), 'code')).toBe('您在本市登记的身份证件与原城市的不一致。');
    expect(changedTables(afterStranger, await rowCounts(p))).toEqual([]);
    expect(changedTables(before, afterStranger).every((t) => ['users', 'volunteer_profiles', 'sessions', 'user_roles', 'volunteer_number_counters', 'audit_log'].includes(t))).toBe(true);

    const accepted = await betaVolunteer.client.post('/volunteer/transfer/accept', { code: code.toLowerCase() });
    expect(accepted.status).toBe(303);
    await p.jobs.drain();

    // The unified number follows her; the hours count in Beta and no longer in Alpha.
    expect(await numberOf('beta', betaVolunteer.id)).toBe(alphaNumber);
    expect(await balance('beta', volunteerAccountCode(betaVolunteer.id))).toBe(210);
    expect(await balance('alpha', volunteerAccountCode(alphaVolunteer.id))).toBe(0);
    expect(await inCity(p, 'beta', (tx, t) => starsOf(tx, t, betaVolunteer.id))).toBe(3);
    expect(await inCity(p, 'alpha', (tx, t) => starsOf(tx, t, alphaVolunteer.id))).toBe(0);
    // The time bank saw none of it verified in Beta: no credits there; Alpha's are Alpha's.
    expect(await balance('beta', ACCOUNTS.member(betaVolunteer.id), TIME_CREDIT)).toBe(0);
    expect(await balance('alpha', ACCOUNTS.member(alphaVolunteer.id), TIME_CREDIT)).toBe(alphaCredits);
    for (const slug of ['alpha', 'beta']) expect(await inCity(p, slug, (tx, t) => verifyLedger(tx, t))).toMatchObject({ ok: true });

    // Each record arrives with its origin: the city, the organisation, the original record number.
    const hours = await mainOf(await betaVolunteer.client.get('/volunteer/hours'));
    expect(hours).toContain('3小时30分钟');
    expect(hours).toContain('从其他城市或系统转入的记录');
    for (const r of records) expect(hours).toContain(`alpha/${r}`);
    expect(hours).toContain('甲社工中心');
    expect(hours).toContain('甲市');
    expect(await mainOf(await alphaVolunteer.client.get('/volunteer/hours'))).toContain('<strong><span class="duration">0分钟</span></strong>');
    expect((await messagesTo(p, betaVolunteer.email)).find((m) => m.kind === 'volunteering.transfer-arrived')?.text).toContain('2 条志愿服务记录（共 3小时30分钟）');
    expect(await mainOf(await alphaVolunteer.client.get('/volunteer/transfer'))).toContain('已转出（2 条记录）');
    // Beta's admin finds the arrival among the imports, named in the reader's language.
    const betaAdmin = await admin('beta');
    expect(await mainOf(await betaAdmin.get('/admin/imports'))).toContain('转移接续：甲市');
    await betaAdmin.post('/locale', { locale: 'en' });
    expect(await mainOf(await betaAdmin.get('/admin/imports'))).toContain('Transfer from Alpha City');
    await betaAdmin.post('/locale', { locale: 'zh-CN' });

    // The certificate issued in Alpha before the move is still valid at its code.
    const check = await alphaVolunteer.client.get(`/verify/${certificateCode}`);
    expect(check.status).toBe(200);
    expect(await mainOf(check)).toContain('有效');

    // A record that left with her can no longer be revoked in Alpha: its hours count in Beta.
    const beforeRevoking = await rowCounts(p);
    const revoked = await organiser.client.follow(organiser.client.post(`/records/${records[0]}/revoke`, { revocation_reason: '核查有误' }));
    expect(await revoked.text()).toContain('这条记录的时长已随志愿者转移接续到其他城市');
    expect(changedTables(beforeRevoking, await rowCounts(p))).toEqual([]);
  });

  it('is safe to repeat: the completion job again, or the code again, adds nothing', async () => {
    const [arrival] = await inCity(p, 'beta', (tx, t) => tx.select().from(volunteerTransfersIn).where(eq(volunteerTransfersIn.tenantId, t)));
    const before = await rowCounts(p);
    await p.jobs.send(COMPLETE_TRANSFER, { destinationTenantId: p.cities.beta!.id, arrivalId: arrival!.id });
    await p.jobs.drain();
    const again = await betaVolunteer.client.post('/volunteer/transfer/accept', { code: transferCode });
    expect(fieldError(await again.text(), 'code')).toBe('转移码不正确，或已使用。');
    expect(changedTables(before, await rowCounts(p))).toEqual([]);
    expect(await balance('beta', volunteerAccountCode(betaVolunteer.id))).toBe(210);
  });

  it('counts records imported from a file for star levels, but the time bank does not credit them', async () => {
    const other = idCard('44010419900101002');
    const organiser = await citizen(p, 'alpha', '组织者乙');
    const orgId = await organisation(p, 'alpha', organiser.id);
    const projectId = await project(p, 'alpha', orgId, organiser.id, { category: 'elder_care' });
    const she = await citizen(p, 'alpha', '李梅', { profile: true, idCardNumber: other });
    await verify(p, 'alpha', orgId, organiser.id, [await serviceRecord(p, 'alpha', she.id, projectId, { minutes: 90 })]);
    const day = toLocalDateInput(new Date());
    const file = await (await (await admin('alpha')).get(`/admin/exchange/file?from=${toLocalDateInput(new Date(Date.now() - 7 * DAY))}&to=${day}&format=json`)).text();
    const beta = await citizen(p, 'beta', '李梅', { profile: true, idCardNumber: other });
    const betaAdmin = await admin('beta');
    const uploaded = await betaAdmin.postFile('/admin/imports', 'file', { name: 'alpha.json', type: 'application/json', content: file });
    await betaAdmin.post(`${uploaded.headers.get('location')}/run`);
    await p.jobs.drain();
    expect(await balance('beta', volunteerAccountCode(beta.id))).toBe(90);
    expect(await inCity(p, 'beta', (tx, t) => starsOf(tx, t, beta.id))).toBe(1);
    expect(await balance('beta', ACCOUNTS.member(beta.id), TIME_CREDIT)).toBe(0);
  });
});
