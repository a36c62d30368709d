import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccount } from '../../../core/ledger/accounts.ts';
import { verifyLedger } from '../../../core/ledger/verify.ts';
import { SERVICE_MINUTES, volunteerAccountCode } from '../../../core/volunteering/records/verification.ts';
import { DAY_MS } from '../../../core/volunteering/shared/time.ts';
import { approveTransfer } from '../../../core/volunteering/transfers/departures.ts';
import { HAND_OVER_TRANSFER } from '../../../core/volunteering/transfers/jobs.ts';
import { volunteerTransfersOut } from '../../../core/volunteering/transfers/schema.ts';
import { openIdNumber } from '../../../core/volunteering/volunteers/id-number-keys.ts';
import { findProfile } from '../../../core/volunteering/volunteers/service.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { changedTables, rowCounts } from '../../support/routes.ts';
import { citizen, fieldError, idCard, inCity, mainOf, organisation, project, serviceRecord, signedIn, userIdOf, verify } from '../fixtures.ts';

/**
 * A volunteer's second thoughts about a transfer between cities: withdrawing it, a
 * code left unused until it expires, the ID document the transfer relies on, and the
 * origin's name in the destination's English pages.
 */
const ID = idCard('44010419870304123');

let p: TestPlatform;
let alphaVolunteer: Awaited<ReturnType<typeof citizen>>;
let betaVolunteer: Awaited<ReturnType<typeof citizen>>;
const balance = (slug: string, userId: string) => inCity(p, slug, async (tx, t) => (await findAccount(tx, t, SERVICE_MINUTES, volunteerAccountCode(userId)))?.balance ?? 0);
const admin = async (slug: string) => (await signedIn(p, slug, `admin@${slug}.test`)).client;
const transferIdIn = (html: string) => /\/admin\/transfers\/([0-9a-f-]{36})\/approve/.exec(html)?.[1];
const codeIn = (html: string) => /id="transfer-code">([0-9A-Z-]+)</.exec(html)?.[1];
const ownPage = async () => mainOf(await alphaVolunteer.client.get('/volunteer/transfer'));
const withdrawPath = (html: string) => /action="([^"]*\/volunteer\/transfer\/[0-9a-f-]{36}\/withdraw)"/.exec(html)?.[1];
/** Tables a refused request may still touch: the sign-in of a new client, and the audit of it. */
const SIGN_IN = ['users', 'volunteer_profiles', 'sessions', 'user_roles', 'volunteer_number_counters', 'audit_log'];

/** Asked by the volunteer and approved by Alpha's admin through the pages; the hand-over has reached Beta. Returns the code. */
async function askedAndApproved(): Promise<string> {
  expect((await alphaVolunteer.client.post('/volunteer/transfer', { destination: 'beta' })).status).toBe(303);
  const alphaAdmin = await admin('alpha');
  const id = transferIdIn(await mainOf(await alphaAdmin.get('/admin/transfers')))!;
  expect((await alphaAdmin.post(`/admin/transfers/${id}/approve`)).status).toBe(303);
  await p.jobs.drain();
  return codeIn(await ownPage())!;
}

beforeAll(async () => {
  p = await startTestPlatform();
  const organiser = await citizen(p, 'alpha', '组织者');
  const orgId = await organisation(p, 'alpha', organiser.id, '甲社工中心');
  const elder = await project(p, 'alpha', orgId, organiser.id, { name: '长者陪伴', category: 'elder_care' });
  alphaVolunteer = await citizen(p, 'alpha', '陈静', { profile: true, idCardNumber: ID });
  await verify(p, 'alpha', orgId, organiser.id, [await serviceRecord(p, 'alpha', alphaVolunteer.id, elder, { minutes: 90, startedAt: new Date(Date.now() - 2 * DAY_MS) })]);
  betaVolunteer = await citizen(p, 'beta', '陈静', { profile: true, idCardNumber: ID });
}, 60_000);
afterAll(() => p.close());

describe(`a transfer withdrawn, expired, or holding the ID document (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lets the volunteer withdraw a request before the decision; the origin’s admin sees it withdrawn, no one else can withdraw it', async () => {
    expect((await alphaVolunteer.client.post('/volunteer/transfer', { destination: 'beta' })).status).toBe(303);
    const path = withdrawPath(await ownPage())!;
    expect(path).toBeTruthy();
    const before = await rowCounts(p);
    const other = await citizen(p, 'alpha', '路人', { profile: true });
    const afterOther = await rowCounts(p);
    expect((await other.client.post(path)).status).toBe(404);
    expect(changedTables(afterOther, await rowCounts(p))).toEqual([]);
    expect(changedTables(before, afterOther).every((t) => SIGN_IN.includes(t))).toBe(true);

    const withdrawn = await alphaVolunteer.client.follow(alphaVolunteer.client.post(path));
    expect(await withdrawn.text()).toContain('已撤回转移申请');
    const own = await ownPage();
    expect(own).toContain('已撤回');
    expect(own).toContain('name="destination"');
    const adminPage = await mainOf(await (await admin('alpha')).get('/admin/transfers'));
    expect(adminPage).toContain('已撤回');
    expect(transferIdIn(adminPage)).toBeUndefined();

    // Withdrawn is final: again changes nothing and says so.
    const again = await alphaVolunteer.client.follow(alphaVolunteer.client.post(path));
    expect(await again.text()).toContain('这项转移已无法撤回');
  });

  it('withdraws an approved transfer: the destination then refuses its code beside the field and changes nothing', async () => {
    const code = await askedAndApproved();
    expect(code).toBeTruthy();
    expect((await alphaVolunteer.client.post(withdrawPath(await ownPage())!)).status).toBe(303);
    await p.jobs.drain();
    expect(codeIn(await ownPage())).toBeUndefined();
    const before = await rowCounts(p);
    const refused = await betaVolunteer.client.post('/volunteer/transfer/accept', { code });
    expect(refused.status).toBe(400);
    expect(fieldError(await refused.text(), 'code')).toBe('这项转移已在原城市撤回。如仍要转移，请在原城市重新申请。');
    expect(changedTables(before, await rowCounts(p))).toEqual([]);
  });

  it('cancels an acceptance the origin no longer honours: withdrawn before the history left, nothing moves', async () => {
    const code = await askedAndApproved();
    expect((await betaVolunteer.client.post('/volunteer/transfer/accept', { code })).status).toBe(303);
    // The completion job has not run yet: the origin still holds the history, and the volunteer withdraws there.
    expect((await alphaVolunteer.client.post(withdrawPath(await ownPage())!)).status).toBe(303);
    await p.jobs.drain();
    expect(await mainOf(await betaVolunteer.client.get('/volunteer/transfer'))).toContain('已取消：原城市已撤回或转移码已过期');
    expect(await balance('alpha', alphaVolunteer.id)).toBe(90);
    expect(await balance('beta', betaVolunteer.id)).toBe(0);
    for (const slug of ['alpha', 'beta']) expect(await inCity(p, slug, (tx, t) => verifyLedger(tx, t))).toMatchObject({ ok: true });
  });

  it('holds the ID document while a transfer is under way: removing it is refused beside the field until the transfer is withdrawn', async () => {
    expect((await alphaVolunteer.client.post('/volunteer/transfer', { destination: 'beta' })).status).toBe(303);
    const profile = (await inCity(p, 'alpha', (tx, t) => findProfile(tx, t, alphaVolunteer.id)))!;
    const form = { real_name: profile.realName, mobile: profile.mobile, service_areas: profile.serviceAreas, availability: profile.availability, id_type: '', id_number: '' };
    const before = await rowCounts(p);
    const refused = await alphaVolunteer.client.post('/volunteer/profile', form);
    expect(refused.status).toBe(400);
    expect(fieldError(await refused.text(), 'id_number')).toContain('您有一项进行中的转移接续');
    expect(changedTables(before, await rowCounts(p))).toEqual([]);
    // Other details can still change; the document stays.
    expect((await alphaVolunteer.client.post('/volunteer/profile', { ...form, real_name: '陈静怡', id_type: 'resident_id', id_number: ID })).status).toBe(303);
    expect((await inCity(p, 'alpha', (tx, t) => findProfile(tx, t, alphaVolunteer.id)))!.idDocument?.number).toBe(ID);

    expect((await alphaVolunteer.client.post(withdrawPath(await ownPage())!)).status).toBe(303);
    expect((await alphaVolunteer.client.post('/volunteer/profile', form)).status).toBe(303);
    expect((await inCity(p, 'alpha', (tx, t) => findProfile(tx, t, alphaVolunteer.id)))!.idDocument).toBeNull();
    // Put back for the next tests: without it no transfer can be asked.
    expect((await alphaVolunteer.client.post('/volunteer/profile', { ...form, id_type: 'resident_id', id_number: ID })).status).toBe(303);
  });

  it('refuses a code past its expiry in the destination, shows it expired in the origin, and lets the volunteer ask again', async () => {
    expect((await alphaVolunteer.client.post('/volunteer/transfer', { destination: 'beta' })).status).toBe(303);
    const alphaAdmin = await admin('alpha');
    const id = transferIdIn(await mainOf(await alphaAdmin.get('/admin/transfers')))!;
    // Approved 31 days ago: its code was valid for 30.
    const adminId = await userIdOf(p, 'alpha', 'admin@alpha.test');
    const approvedAt = new Date(Date.now() - 31 * DAY_MS);
    await inCity(p, 'alpha', (tx, t) => approveTransfer(tx, t, id, { zh: '乙市', en: 'Beta City' }, { id: adminId, address: null }, approvedAt));
    await p.jobs.send(HAND_OVER_TRANSFER, { originTenantId: p.cities.alpha!.id, transferId: id });
    await p.jobs.drain();

    const own = await ownPage();
    expect(own).toContain('转移码已过期，未使用');
    expect(codeIn(own)).toBeUndefined();
    expect(own).toContain('name="destination"');
    expect(await mainOf(await alphaAdmin.get('/admin/transfers'))).toContain('转移码已过期，未使用');

    // The code itself, had the volunteer noted it: Beta refuses it with the date it expired.
    const out = volunteerTransfersOut;
    const code = await inCity(p, 'alpha', async (tx, t) => openIdNumber((await tx.select().from(out).where(and(eq(out.tenantId, t), eq(out.id, id))))[0]!.codeSealed!));
    const before = await rowCounts(p);
    const refused = await betaVolunteer.client.post('/volunteer/transfer/accept', { code });
    expect(refused.status).toBe(400);
    expect(fieldError(await refused.text(), 'code')).toMatch(/^转移码已于 .+ 过期。请在原城市的“转移接续”页面重新申请。$/);
    expect(changedTables(before, await rowCounts(p))).toEqual([]);

    expect((await alphaVolunteer.client.post('/volunteer/transfer', { destination: 'beta' })).status).toBe(303);
    const listed = await mainOf(await alphaAdmin.get('/admin/transfers'));
    expect(transferIdIn(listed)).not.toBe(id);
    expect(listed).toContain('转移码已过期，未使用');
  });

  it('keeps the origin’s names in both languages: the destination’s English page names it in English', async () => {
    const alphaAdmin = await admin('alpha');
    const id = transferIdIn(await mainOf(await alphaAdmin.get('/admin/transfers')))!;
    expect((await alphaAdmin.post(`/admin/transfers/${id}/approve`)).status).toBe(303);
    await p.jobs.drain();
    const own = await ownPage();
    expect(own).toMatch(/有效期至 .+，过期后需重新申请。/);
    expect((await betaVolunteer.client.post('/volunteer/transfer/accept', { code: codeIn(own)! })).status).toBe(303);
    await p.jobs.drain();
    expect(await balance('beta', betaVolunteer.id)).toBe(90);
    expect(await balance('alpha', alphaVolunteer.id)).toBe(0);

    const english = await mainOf(await betaVolunteer.client.get('/volunteer/transfer', { 'accept-language': 'en' }));
    expect(english).toContain('<td data-label="From">Alpha City</td>');
    expect(english).not.toContain('甲市');
    expect(await mainOf(await betaVolunteer.client.get('/volunteer/transfer'))).toContain('<td data-label="原城市">甲市</td>');
  });
});
