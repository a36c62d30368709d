import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earnForRecords } from '../../../plugins/time-bank/earning.ts';
import { settingsSchema } from '../../../plugins/time-bank/settings.ts';
import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';
import { fieldError, flashOf, mainOf, startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';
import { lotsTotal, position } from './helpers.ts';

let kit: PluginKit;
beforeAll(async () => {
  kit = await startPluginKit(timeBankPlugin, { enabledIn: ['alpha'] });
});
afterAll(() => kit.close());

const transfersKeyed = (key: string) => kit.ledger.transfers('alpha', { key });

describe(`earning time credits from verified hours (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('earns when the organiser verifies on the queue page: elder care at 150%, shown on the member’s page and statement', async () => {
    const o = await kit.organiser('alpha', 'elder_care');
    const volunteer = await kit.person('alpha', '李阿姨', { profile: true });
    const recordId = await kit.serviceRecord(o, volunteer.id, 120);
    const res = await o.client.post(`/organisations/${o.orgId}/records/verify`, { record_id: [recordId], status: 'pending', page: '1' });
    expect(res.status).toBe(303);

    expect(await position(kit, volunteer.id)).toEqual({ balance: 300, owed: 0 });
    expect(await transfersKeyed(`time-bank:earn:${recordId}`)).toHaveLength(1);
    expect(await lotsTotal(kit, volunteer.id)).toBe(300);
    const home = await mainOf(await volunteer.client.get('/p/time-bank/'));
    expect(home).toContain('3 时间币');
    const statement = await mainOf(await volunteer.client.get('/p/time-bank/statement'));
    expect(statement).toContain('志愿服务获得积分');
    expect(statement).toContain('+<span class="credits">3 时间币</span>');
    // The line links to its transfer on the public ledger; the member's account reference is beside the statement.
    const [earned] = await transfersKeyed(`time-bank:earn:${recordId}`);
    expect(statement).toContain(`href="/ledger?at=${earned!.seq}#t-${earned!.seq}"`);
    const account = await kit.ledger.account('alpha', `member:${volunteer.id}`, 'TIME_CREDIT');
    expect(statement).toContain(`href="/ledger?account=${account!.publicRef}"`);

    const csv = await volunteer.client.get('/p/time-bank/statement.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',志愿服务获得积分,3,3,');
  });

  it('earns for records verified together in one posting: the time bank hears one event and writes the ledger once', async () => {
    const o = await kit.organiser();
    const volunteers = [await kit.person('alpha', '甲', { profile: true }), await kit.person('alpha', '乙', { profile: true }), await kit.person('alpha', '丙', { profile: true })];
    const ids: string[] = [];
    for (const v of volunteers) ids.push(await kit.serviceRecord(o, v.id, 60));
    const res = await o.client.post(`/organisations/${o.orgId}/records/verify`, { record_id: ids, status: 'pending', page: '1' });
    expect(res.status).toBe(303);
    for (const v of volunteers) expect((await position(kit, v.id)).balance).toBe(100);
    // Rows written by one statement share its command id (cmin): one posting wrote all three earnings.
    const written = await kit.ledger.commandsOf('alpha', ids.map((id) => `time-bank:earn:${id}`));
    expect(written).toHaveLength(3);
    expect(new Set(written).size).toBe(1);
  });

  it('states the category multipliers in the rules, so 1.5 h of elder care earning 2.25 credits can be followed', async () => {
    const o = await kit.organiser('alpha', 'elder_care');
    const volunteer = await kit.person('alpha', '周阿姨', { profile: true });
    await kit.verifiedService(o, volunteer.id, 90);
    expect((await position(kit, volunteer.id)).balance).toBe(225);
    const home = await mainOf(await volunteer.client.get('/p/time-bank/'));
    expect(home).toContain('2.25 时间币');
    expect(home).toContain('本市规则：每核实 1 小时志愿服务获得 1 时间币，再乘以服务类别的倍数：助老服务 ×1.5，其他类别 ×1。');
    const en = await mainOf(await volunteer.client.get('/p/time-bank/', { 'accept-language': 'en' }));
    expect(en).toContain('times the multiplier of its category: Elder care ×1.5, other categories ×1.');
  });

  it('never earns twice for one record: the seed catching up and a repeated event post nothing more', async () => {
    const o = await kit.organiser();
    const volunteer = await kit.person('alpha', '王伯', { profile: true });
    const recordId = await kit.verifiedService(o, volunteer.id, 90);
    expect((await position(kit, volunteer.id)).balance).toBe(150);
    const again = await kit.work('alpha', async (w) => {
      const events = (await w.people.verifiedServiceRecords()).filter((e) => e.recordId === recordId);
      return earnForRecords(w, settingsSchema.parse({}), [...events, ...events]);
    });
    expect(again).toBe(0);
    expect((await position(kit, volunteer.id)).balance).toBe(150);
    expect(await transfersKeyed(`time-bank:earn:${recordId}`)).toHaveLength(1);
  });

  it('takes a revoked record’s credits back, records the shortfall when they were spent, and collects it from later earnings', async () => {
    const o = await kit.organiser();
    const volunteer = await kit.person('alpha', '赵叔', { profile: true });
    const first = await kit.verifiedService(o, volunteer.id, 120); // 2 credits
    const second = await kit.verifiedService(o, volunteer.id, 60); // 1 credit
    expect((await position(kit, volunteer.id)).balance).toBe(300);

    // Revoke the first after the volunteer spent most of the balance (a gift to nobody: spend through the ledger directly).
    const { spendCredits } = await import('../../../plugins/time-bank/spending.ts');
    const { cityAccounts } = await import('../../../plugins/time-bank/accounts.ts');
    await kit.work('alpha', async (w) => spendCredits(w, volunteer.id, 250, { accountId: (await cityAccounts(w)).redemptions.id, idempotencyKey: `test:${first}`, kind: 'time-bank.redeemed', memo: {} }, new Date()));
    expect((await position(kit, volunteer.id)).balance).toBe(50);

    const revoke = await o.client.post(`/records/${first}/revoke`, { revocation_reason: '重复登记' });
    expect(revoke.status).toBe(303);
    expect(await position(kit, volunteer.id)).toEqual({ balance: 0, owed: 150 });
    expect(await transfersKeyed(`time-bank:clawback:${first}`)).toHaveLength(1);
    expect(await lotsTotal(kit, volunteer.id)).toBe(0);
    const home = await mainOf(await volunteer.client.get('/p/time-bank/'));
    expect(home).toContain('因服务记录撤销尚欠 1.5 时间币');

    await kit.verifiedService(o, volunteer.id, 120); // 2 credits: 1.5 settles the shortfall, 0.5 to spend
    expect(await position(kit, volunteer.id)).toEqual({ balance: 50, owed: 0 });
    expect(await lotsTotal(kit, volunteer.id)).toBe(50);
    const statement = await mainOf(await volunteer.client.get('/p/time-bank/statement'));
    expect(statement).toContain('服务记录撤销，余额不足部分记为欠额');
    expect(statement).toContain('从新获得的积分中扣回欠额');
    expect(second).toBeTruthy();
    const check = await kit.ledger.verify('alpha');
    expect(check.ok).toBe(true);
  });

  it('shows a negative net balance when the city allows it', async () => {
    const admin = await kit.cityAdmin('alpha');
    const stored = await kit.settingsOf('alpha');
    const form = Object.fromEntries(Object.entries({ ...stored, allowNegativeBalance: true }).filter(([, v]) => v !== false).map(([k, v]) => [k, v === true ? 'on' : String(v)]));
    expect((await admin.client.post('/admin/plugins/time-bank', form)).status).toBe(303);
    const o = await kit.organiser();
    const volunteer = await kit.person('alpha', '钱姐', { profile: true });
    const recordId = await kit.verifiedService(o, volunteer.id, 60);
    const { spendCredits } = await import('../../../plugins/time-bank/spending.ts');
    const { cityAccounts } = await import('../../../plugins/time-bank/accounts.ts');
    await kit.work('alpha', async (w) => spendCredits(w, volunteer.id, 100, { accountId: (await cityAccounts(w)).redemptions.id, idempotencyKey: `test:${recordId}`, kind: 'time-bank.redeemed', memo: {} }, new Date()));
    await o.client.post(`/records/${recordId}/revoke`, { revocation_reason: '记录有误' });
    const home = await mainOf(await volunteer.client.get('/p/time-bank/'));
    expect(home).toContain('净余额（含欠额）');
    expect(home).toContain('<span class="credits negative">-1 时间币</span>');
    await admin.client.post('/admin/plugins/time-bank', Object.fromEntries(Object.entries(form).filter(([k]) => k !== 'allowNegativeBalance')));
  });

  it('edits the rules on the admin settings page: a multiplier per category, rounding; bad input is refused beside the field', async () => {
    const admin = await kit.cityAdmin('alpha');
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
    const o = await kit.organiser('alpha', 'culture');
    const volunteer = await kit.person('alpha', '孙老师', { profile: true });
    await kit.verifiedService(o, volunteer.id, 100); // 100 min × 2 × 50% = 1.67 credits, rounded down to 1
    expect((await position(kit, volunteer.id)).balance).toBe(100);
    expect(await mainOf(await volunteer.client.get('/p/time-bank/'))).toContain('1 爱心币');
    expect(flashOf(await (await admin.client.follow(ok)).text())).toBeTruthy();
    // Put the defaults back for the other tests of this file.
    await admin.client.post('/admin/plugins/time-bank', { creditName: '时间币', creditsPerHour: '1', rounding: 'hundredth', familyTransferLimit: '50', withdrawalAge: '60', expiryYears: '0' });
    expect(kit.city('alpha')).toBeTruthy();
  });
});
