import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earnForRecords } from '../../../plugins/time-bank/earning.ts';
import { expireLots } from '../../../plugins/time-bank/lots.ts';
import { settingsSchema } from '../../../plugins/time-bank/settings.ts';
import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';
import { DAY_MS, fieldError, flashOf, mainOf, startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';
import { lotsTotal, position } from './helpers.ts';

let kit: PluginKit;
beforeAll(async () => {
  kit = await startPluginKit(timeBankPlugin, { enabledIn: ['alpha'], settings: { familyTransferLimit: 3, expiryYears: 1 } });
});
afterAll(() => kit.close());

describe(`family gifts (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('links two members once both agree, gives within the yearly limit and refuses beyond it', async () => {
    const o = await kit.organiser();
    const child = await kit.person('alpha', '女儿', { profile: true });
    const parent = await kit.person('alpha', '母亲');
    await kit.verifiedService(o, child.id, 300); // 5 credits

    const unknown = await child.client.post('/p/time-bank/family/link', { login: 'nobody@citizens.test', relation: '母亲' });
    expect(unknown.status).toBe(400);
    expect(fieldError(await unknown.text(), 'login')).toBe('本市没有这个手机号或邮箱的用户。');
    const notYet = await child.client.post('/p/time-bank/family/give', { to: parent.id, amount: '1' });
    expect(notYet.status).toBe(400);
    expect(fieldError(await notYet.text(), 'to')).toBe('请从已确认的家人中选择。');

    await child.client.post('/p/time-bank/family/link', { login: parent.email, relation: '母亲' });
    const twice = await parent.client.post('/p/time-bank/family/link', { login: child.email, relation: '女儿' });
    expect(fieldError(await twice.text(), 'login')).toBe('你们之间已有关联或关联请求。');
    const page = await mainOf(await parent.client.get('/p/time-bank/family'));
    expect(page).toContain('请求与你关联');
    const linkId = /family\/([0-9a-f-]{36})\/confirm/.exec(page)![1]!;
    expect((await child.client.post(`/p/time-bank/family/${linkId}/confirm`)).status).toBe(404); // only the one asked confirms
    await parent.client.post(`/p/time-bank/family/${linkId}/confirm`);

    const given = await child.client.follow(child.client.post('/p/time-bank/family/give', { to: parent.id, amount: '2' }));
    expect(flashOf(await given.text())).toBe('已转赠 2 时间币 给母亲。');
    expect(await position(kit, parent.id)).toEqual({ balance: 200, owed: 0 });
    expect(await lotsTotal(kit, parent.id)).toBe(200);

    const over = await child.client.post('/p/time-bank/family/give', { to: parent.id, amount: '1.5' });
    expect(over.status).toBe(400);
    const html = await over.text();
    expect(fieldError(html, 'amount')).toBe('超出今年的转赠额度，今年还可转赠 1 时间币。');
    expect(html).toContain('value="1.5"');
    expect(await position(kit, child.id)).toEqual({ balance: 300, owed: 0 });
    expect(await mainOf(await parent.client.get('/p/time-bank/statement'))).toContain('收到家人转赠');
  });
});

describe(`expiry (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('spends the soonest-expiring credits first, expires the rest by the daily job, and says so', async () => {
    const o = await kit.organiser();
    const member = await kit.person('alpha', '老会员', { profile: true });
    const now = new Date();
    const older = await kit.serviceRecord(o, member.id, 120);
    const settings = settingsSchema.parse({ expiryYears: 1 });
    const event = { recordId: older, volunteerUserId: member.id, organisationId: o.orgId, projectId: o.projectId, activityId: null, category: 'community_service', minutes: 120, serviceDate: '2026-01-01' };
    await kit.work('alpha', (w) => earnForRecords(w, settings, [event], new Date(now.getTime() - 200 * DAY_MS)));
    await kit.verifiedService(o, member.id, 120); // 2 more, expiring a year from now
    expect(await position(kit, member.id)).toEqual({ balance: 400, owed: 0 });
    const home = await mainOf(await member.client.get('/p/time-bank/'));
    expect(home.match(/到期 2 时间币/g)).toHaveLength(2);

    // Spending 1 credit takes it from the older lot (expires first).
    const other = await kit.person('alpha', '邻居');
    const { moveCredits } = await import('../../../plugins/time-bank/spending.ts');
    await kit.work('alpha', (w) => moveCredits(w, member.id, other.id, 100, { idempotencyKey: `test:${older}`, kind: 'time-bank.exchange', memo: {}, source: 'exchange', ref: older }, now));

    const nothingYet = await kit.work('alpha', (w) => expireLots(w, now));
    expect(nothingYet.amount).toBe(0);
    const later = new Date(now.getTime() + 200 * DAY_MS);
    const expired = await kit.work('alpha', (w) => expireLots(w, later));
    expect(expired).toEqual({ members: 2, amount: 200 }); // the member's older lot and what the neighbour got from it
    expect(await position(kit, member.id)).toEqual({ balance: 200, owed: 0 });
    expect(await lotsTotal(kit, member.id)).toBe(200);
    // The neighbour got credits carrying the older lot's expiry: they expired too.
    expect(await position(kit, other.id)).toEqual({ balance: 0, owed: 0 });
    expect(await kit.work('alpha', (w) => expireLots(w, later))).toEqual({ members: 0, amount: 0 });
    const statement = await mainOf(await member.client.get('/p/time-bank/statement'));
    expect(statement).toMatch(/积分到期失效（\d{4}-\d{2}-\d{2} 到期）/);
    expect(statement).toContain('<span class="credits negative">-1 时间币</span>');
  });
});
