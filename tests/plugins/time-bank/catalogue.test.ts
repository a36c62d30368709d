import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItem } from '../../../plugins/time-bank/catalogue.ts';
import { timeBankItems, timeBankRedemptions } from '../../../plugins/time-bank/schema.ts';
import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';
import { fieldError, flashOf, idCard, mainOf, startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';
import { lotsTotal, position } from './helpers.ts';

let kit: PluginKit;
beforeAll(async () => {
  kit = await startPluginKit(timeBankPlugin, { enabledIn: ['alpha'] });
});
afterAll(() => kit.close());

const item = (input: Partial<Parameters<typeof createItem>[1]> = {}) =>
  kit.work('alpha', (w) => createItem(w, { kind: 'goods', name: '大米 5 公斤', description: '爱心超市捐赠', donor: '爱心超市', price: 200, stock: 5, ...input }));
const stockOf = async (id: string) => (await kit.inCity('alpha', (tx, t) => tx.select().from(timeBankItems).where(and(eq(timeBankItems.tenantId, t), eq(timeBankItems.id, id)))))[0]!.stock;
const redemptionsOf = (memberId: string) => kit.inCity('alpha', (tx, t) => tx.select().from(timeBankRedemptions).where(and(eq(timeBankRedemptions.tenantId, t), eq(timeBankRedemptions.memberId, memberId))));

/** A member who earned `hours` credits. */
async function earner(hours: number, name = '兑换人', idCardNumber?: string) {
  const o = await kit.organiser();
  const member = await kit.person('alpha', name, { profile: true, idCardNumber });
  await kit.verifiedService(o, member.id, hours * 60);
  return member;
}

describe(`time for resources (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('redeems for a code, the station hands it over once, and cancelling a second one returns credits and stock', async () => {
    const member = await earner(5);
    const itemId = await item();
    const res = await member.client.post(`/p/time-bank/catalogue/${itemId}/redeem`);
    const mine = await member.client.follow(res);
    const flash = flashOf(await mine.text())!;
    const code = /兑换码 ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(flash)?.[1];
    expect(code).toBeTruthy();
    expect(await position(kit, member.id)).toEqual({ balance: 300, owed: 0 });
    expect(await stockOf(itemId)).toBe(4);

    const staff = await kit.person('alpha', '站点工作人员');
    expect((await staff.client.get('/p/time-bank/station')).status).toBe(403);
    const admin = await kit.cityAdmin('alpha');
    await admin.client.post(`/admin/members/${staff.id}/roles`, { roles: ['time-bank.station_staff'] });
    const unknown = await staff.client.get('/p/time-bank/station?code=ZZZZ-ZZZZ');
    expect(unknown.status).toBe(400);
    expect(fieldError(await unknown.text(), 'code')).toBe('没有这个兑换码。');
    const looked = await mainOf(await staff.client.get(`/p/time-bank/station?code=${code!.toLowerCase()}`));
    expect(looked).toContain('大米 5 公斤');
    expect(looked).toContain('兑换人');
    const fulfilled = await staff.client.follow(staff.client.post('/p/time-bank/station/fulfil', { code: code! }));
    expect(flashOf(await fulfilled.text())).toBe('已发放：大米 5 公斤（兑换人）。');
    const again = await staff.client.follow(staff.client.post('/p/time-bank/station/fulfil', { code: code! }));
    expect(flashOf(await again.text())).toBe('这个兑换码已领取或已取消。');

    await member.client.post(`/p/time-bank/catalogue/${itemId}/redeem`);
    const second = (await redemptionsOf(member.id)).find((r) => r.status === 'issued')!;
    expect(await position(kit, member.id)).toEqual({ balance: 100, owed: 0 });
    const cancelled = await member.client.follow(member.client.post(`/p/time-bank/redemptions/${second.id}/cancel`));
    expect(flashOf(await cancelled.text())).toBe('已取消，积分和库存已退回。');
    expect(await position(kit, member.id)).toEqual({ balance: 300, owed: 0 });
    expect(await lotsTotal(kit, member.id)).toBe(300);
    expect(await stockOf(itemId)).toBe(4);
    const other = await kit.person('alpha', '别人');
    expect((await other.client.post(`/p/time-bank/redemptions/${second.id}/cancel`)).status).toBe(404);
  });

  it('writes the statement CSV through the one CSV writer: a spend stays a negative number, hostile item names stay text', async () => {
    const member = await earner(5);
    const itemId = await item({ name: '=HYPERLINK("http://evil.example","点我")', price: 150 });
    await member.client.post(`/p/time-bank/catalogue/${itemId}/redeem`);
    const csv = (await (await member.client.get('/p/time-bank/statement.csv')).text()).replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2},"兑换物资或服务：=HYPERLINK\(""http:\/\/evil\.example"",""点我""\)",-1\.5,3\.5,/);
    expect(csv).not.toMatch(/(^|,|\n)"?[=+@\t]/);
  });

  it('refuses an item out of stock and takes nothing', async () => {
    const member = await earner(3);
    const itemId = await item({ stock: 0, name: '公交卡充值' });
    const res = await member.client.follow(member.client.post(`/p/time-bank/catalogue/${itemId}/redeem`));
    expect(flashOf(await res.text())).toBe('这件物品已兑完，没有扣除积分。');
    expect(await position(kit, member.id)).toEqual({ balance: 300, owed: 0 });
    expect(await redemptionsOf(member.id)).toEqual([]);
  });

  it('refuses a redemption beyond the balance with both figures', async () => {
    const member = await earner(1);
    const itemId = await item({ price: 250 });
    const res = await member.client.follow(member.client.post(`/p/time-bank/catalogue/${itemId}/redeem`));
    expect(flashOf(await res.text())).toBe('积分不足：需要 2.5 时间币，你现有 1 时间币。');
    expect(await stockOf(itemId)).toBe(5);
  });

  it('never overdraws under concurrent redemptions: exactly as many succeed as the balance pays for', async () => {
    const member = await earner(5); // 5 credits, item costs 2: two succeed
    const itemId = await item({ stock: 50 });
    const results = await Promise.all(Array.from({ length: 6 }, () => member.client.post(`/p/time-bank/catalogue/${itemId}/redeem`)));
    expect(results.every((r) => r.status === 303)).toBe(true);
    expect((await redemptionsOf(member.id)).length).toBe(2);
    expect(await position(kit, member.id)).toEqual({ balance: 100, owed: 0 });
    expect(await lotsTotal(kit, member.id)).toBe(100);
    expect(await stockOf(itemId)).toBe(48);
  });

  it('withdraws elder care only from the withdrawal age, by the identity card or a declared birth date', async () => {
    const elderCare = await item({ kind: 'elder_care', name: '上门助浴', price: 100 });
    const young = await earner(2, '年轻人');
    const noDate = await young.client.follow(young.client.post(`/p/time-bank/catalogue/${elderCare}/redeem`));
    expect(flashOf(await noDate.text())).toContain('请先在“出生日期”页登记');
    const badDate = await young.client.post('/p/time-bank/profile', { birth_date: '1990-02-30' });
    expect(badDate.status).toBe(400);
    expect(fieldError(await badDate.text(), 'birth_date')).toBe('请填写有效日期（年-月-日）。');
    await young.client.post('/p/time-bank/profile', { birth_date: '1990-05-01' });
    expect(await mainOf(await young.client.get('/p/time-bank/profile'))).toContain('已登记：1990-05-01');
    const tooYoung = await young.client.follow(young.client.post(`/p/time-bank/catalogue/${elderCare}/redeem`));
    expect(flashOf(await tooYoung.text())).toMatch(/养老服务需年满 60 周岁才能兑换，你现在 3\d 周岁/);
    expect((await position(kit, young.id)).balance).toBe(200);

    const elder = await earner(2, '老人', idCard('11010119500101001'));
    expect(await mainOf(await elder.client.get('/p/time-bank/profile'))).toContain('根据身份证：1950-01-01');
    const ok = await elder.client.follow(elder.client.post(`/p/time-bank/catalogue/${elderCare}/redeem`));
    expect(flashOf(await ok.text())).toContain('兑换成功');
    expect((await position(kit, elder.id)).balance).toBe(100);
  });
});
