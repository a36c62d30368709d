import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerTransfers } from '../../../core/ledger/schema.ts';
import { verifyLedger } from '../../../core/ledger/verify.ts';
import { verifiedServiceRecords } from '../../../core/volunteering/records/verification.ts';
import { earnForRecords } from '../../../plugins/time-bank/earning.ts';
import { settingsSchema } from '../../../plugins/time-bank/settings.ts';
import type { TestPlatform } from '../../support/platform.ts';
import { citizen, fieldError, inCity, mainOf, serviceRecord, signedIn, tenantOf } from '../../volunteering/fixtures.ts';
import { flashOf, lotsTotal, organiserOf, position, served, timeBankPlatform } from './helpers.ts';
import { pluginWork } from '../../support/plugin-work.ts';
import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await timeBankPlatform();
});
afterAll(() => p.close());

const transfersKeyed = (key: string) =>
  inCity(p, 'alpha', (tx, t) => tx.select().from(ledgerTransfers).where(and(eq(ledgerTransfers.tenantId, t), eq(ledgerTransfers.idempotencyKey, key))));

describe(`earning time credits from verified hours (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('earns when the organiser verifies on the queue page: elder care at 150%, shown on the member’s page and statement', async () => {
    const o = await organiserOf(p, 'elder_care');
    const volunteer = await citizen(p, 'alpha', '李阿姨', { profile: true });
    const recordId = await serviceRecord(p, 'alpha', volunteer.id, o.projectId, { minutes: 120 });
    const res = await o.client.post(`/organisations/${o.orgId}/records/verify`, { record_id: [recordId], status: 'pending', page: '1' });
    expect(res.status).toBe(303);

    expect(await position(p, volunteer.id)).toEqual({ balance: 300, owed: 0 });
    expect(await transfersKeyed(`time-bank:earn:${recordId}`)).toHaveLength(1);
    expect(await lotsTotal(p, volunteer.id)).toBe(300);
    const home = await mainOf(await volunteer.client.get('/p/time-bank/'));
    expect(home).toContain('3 时间币');
    const statement = await mainOf(await volunteer.client.get('/p/time-bank/statement'));
    expect(statement).toContain('志愿服务获得积分');
    expect(statement).toContain('+<span class="credits">3 时间币</span>');

    const csv = await volunteer.client.get('/p/time-bank/statement.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',志愿服务获得积分,3,3,');
  });

  it('earns for records verified together in one posting: the time bank hears one event and writes the ledger once', async () => {
    const o = await organiserOf(p);
    const volunteers = [await citizen(p, 'alpha', '甲', { profile: true }), await citizen(p, 'alpha', '乙', { profile: true }), await citizen(p, 'alpha', '丙', { profile: true })];
    const ids: string[] = [];
    for (const v of volunteers) ids.push(await serviceRecord(p, 'alpha', v.id, o.projectId, { minutes: 60 }));
    const res = await o.client.post(`/organisations/${o.orgId}/records/verify`, { record_id: ids, status: 'pending', page: '1' });
    expect(res.status).toBe(303);
    for (const v of volunteers) expect((await position(p, v.id)).balance).toBe(100);
    // Rows written by one statement share its command id (cmin): one posting wrote all three earnings.
    const written = await inCity(p, 'alpha', (tx, t) =>
      tx
        .select({ command: sql<string>`cmin::text` })
        .from(ledgerTransfers)
        .where(and(eq(ledgerTransfers.tenantId, t), inArray(ledgerTransfers.idempotencyKey, ids.map((id) => `time-bank:earn:${id}`)))),
    );
    expect(written).toHaveLength(3);
    expect(new Set(written.map((w) => w.command)).size).toBe(1);
  });

  it('states the category multipliers in the rules, so 1.5 h of elder care earning 2.25 credits can be followed', async () => {
    const o = await organiserOf(p, 'elder_care');
    const volunteer = await citizen(p, 'alpha', '周阿姨', { profile: true });
    await served(p, o, volunteer.id, 90);
    expect((await position(p, volunteer.id)).balance).toBe(225);
    const home = await mainOf(await volunteer.client.get('/p/time-bank/'));
    expect(home).toContain('2.25 时间币');
    expect(home).toContain('本市规则：每核实 1 小时志愿服务获得 1 时间币，再乘以服务类别的倍数：助老服务 ×1.5，其他类别 ×1。');
    const en = await mainOf(await volunteer.client.get('/p/time-bank/', { 'accept-language': 'en' }));
    expect(en).toContain('times the multiplier of its category: Elder care ×1.5, other categories ×1.');
  });

  it('never earns twice for one record: the seed catching up and a repeated event post nothing more', async () => {
    const o = await organiserOf(p);
    const volunteer = await citizen(p, 'alpha', '王伯', { profile: true });
    const recordId = await served(p, o, volunteer.id, 90);
    expect((await position(p, volunteer.id)).balance).toBe(150);
    const again = await inCity(p, 'alpha', async (tx, t) => {
      const events = (await verifiedServiceRecords(tx, t)).filter((e) => e.recordId === recordId);
      return earnForRecords(pluginWork(timeBankPlugin, tx, t), settingsSchema.parse({}), [...events, ...events]);
    });
    expect(again).toBe(0);
    expect((await position(p, volunteer.id)).balance).toBe(150);
    expect(await transfersKeyed(`time-bank:earn:${recordId}`)).toHaveLength(1);
  });

  it('takes a revoked record’s credits back, records the shortfall when they were spent, and collects it from later earnings', async () => {
    const o = await organiserOf(p);
    const volunteer = await citizen(p, 'alpha', '赵叔', { profile: true });
    const first = await served(p, o, volunteer.id, 120); // 2 credits
    const second = await served(p, o, volunteer.id, 60); // 1 credit
    expect((await position(p, volunteer.id)).balance).toBe(300);

    // Revoke the first after the volunteer spent most of the balance (a gift to nobody: spend through the ledger directly).
    const { spendCredits } = await import('../../../plugins/time-bank/spending.ts');
    const { cityAccounts } = await import('../../../plugins/time-bank/accounts.ts');
    await inCity(p, 'alpha', async (tx, t) => spendCredits(pluginWork(timeBankPlugin, tx, t), volunteer.id, 250, { accountId: (await cityAccounts(pluginWork(timeBankPlugin, tx, t))).redemptions.id, idempotencyKey: `test:${first}`, kind: 'time-bank.redeemed', memo: {} }, new Date()));
    expect((await position(p, volunteer.id)).balance).toBe(50);

    const revoke = await o.client.post(`/records/${first}/revoke`, { revocation_reason: '重复登记' });
    expect(revoke.status).toBe(303);
    expect(await position(p, volunteer.id)).toEqual({ balance: 0, owed: 150 });
    expect(await transfersKeyed(`time-bank:clawback:${first}`)).toHaveLength(1);
    expect(await lotsTotal(p, volunteer.id)).toBe(0);
    const home = await mainOf(await volunteer.client.get('/p/time-bank/'));
    expect(home).toContain('因服务记录撤销尚欠 1.5 时间币');

    await served(p, o, volunteer.id, 120); // 2 credits: 1.5 settles the shortfall, 0.5 to spend
    expect(await position(p, volunteer.id)).toEqual({ balance: 50, owed: 0 });
    expect(await lotsTotal(p, volunteer.id)).toBe(50);
    const statement = await mainOf(await volunteer.client.get('/p/time-bank/statement'));
    expect(statement).toContain('服务记录撤销，余额不足部分记为欠额');
    expect(statement).toContain('从新获得的积分中扣回欠额');
    expect(second).toBeTruthy();
    const check = await inCity(p, 'alpha', (tx, t) => verifyLedger(tx, t));
    expect(check.ok).toBe(true);
  });

  it('shows a negative net balance when the city allows it', async () => {
    const admin = await signedIn(p, 'alpha', 'admin@alpha.test');
    const current = (await import('../../../core/plugins/enablement.ts')).listEnablements;
    const stored = (await inCity(p, 'alpha', (tx, t) => current(tx, t))).find((e) => e.pluginId === 'time-bank')!.settings as Record<string, unknown>;
    const form = Object.fromEntries(Object.entries({ ...stored, allowNegativeBalance: true }).filter(([, v]) => v !== false).map(([k, v]) => [k, v === true ? 'on' : String(v)]));
    expect((await admin.client.post('/admin/plugins/time-bank', form)).status).toBe(303);
    const o = await organiserOf(p);
    const volunteer = await citizen(p, 'alpha', '钱姐', { profile: true });
    const recordId = await served(p, o, volunteer.id, 60);
    const { spendCredits } = await import('../../../plugins/time-bank/spending.ts');
    const { cityAccounts } = await import('../../../plugins/time-bank/accounts.ts');
    await inCity(p, 'alpha', async (tx, t) => spendCredits(pluginWork(timeBankPlugin, tx, t), volunteer.id, 100, { accountId: (await cityAccounts(pluginWork(timeBankPlugin, tx, t))).redemptions.id, idempotencyKey: `test:${recordId}`, kind: 'time-bank.redeemed', memo: {} }, new Date()));
    await o.client.post(`/records/${recordId}/revoke`, { revocation_reason: '记录有误' });
    const home = await mainOf(await volunteer.client.get('/p/time-bank/'));
    expect(home).toContain('净余额（含欠额）');
    expect(home).toContain('<span class="credits negative">-1 时间币</span>');
    await admin.client.post('/admin/plugins/time-bank', Object.fromEntries(Object.entries(form).filter(([k]) => k !== 'allowNegativeBalance')));
  });

  it('edits the rules on the admin settings page: a multiplier per category, rounding; bad input is refused beside the field', async () => {
    const admin = await signedIn(p, 'alpha', 'admin@alpha.test');
    const page = await (await admin.client.get('/admin/plugins/time-bank')).text();
    expect(page).toContain('name="multiplier_elder_care"');
    expect(page).toContain('倍率（%）：助老服务');
    // Choices read as words, the stored values stay the plain keys.
    expect(page).toContain('<option value="hundredth" selected="">保留两位小数</option>');
    expect(page).toContain('<option value="down">向下取整</option>');
    const bad = await admin.client.post('/admin/plugins/time-bank', { creditName: '时间币', creditsPerHour: '0', multiplier_culture: 'abc', rounding: 'hundredth' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(fieldError(html, 'creditsPerHour')).toBeTruthy();
    expect(fieldError(html, 'multiplier_culture')).toBeTruthy();

    const ok = await admin.client.post('/admin/plugins/time-bank', { creditName: '爱心币', creditsPerHour: '2', multiplier_culture: '50', rounding: 'down', familyTransferLimit: '50', withdrawalAge: '60', expiryYears: '0' });
    expect(ok.status).toBe(303);
    const o = await organiserOf(p, 'culture');
    const volunteer = await citizen(p, 'alpha', '孙老师', { profile: true });
    await served(p, o, volunteer.id, 100); // 100 min × 2 × 50% = 1.67 credits, rounded down to 1
    expect((await position(p, volunteer.id)).balance).toBe(100);
    expect(await mainOf(await volunteer.client.get('/p/time-bank/'))).toContain('1 爱心币');
    expect(flashOf(await (await admin.client.follow(ok)).text())).toBeTruthy();
    // Put the defaults back for the other tests of this file.
    await admin.client.post('/admin/plugins/time-bank', { creditName: '时间币', creditsPerHour: '1', rounding: 'hundredth', familyTransferLimit: '50', withdrawalAge: '60', expiryYears: '0' });
    expect(tenantOf(p, 'alpha')).toBeTruthy();
  });
});
