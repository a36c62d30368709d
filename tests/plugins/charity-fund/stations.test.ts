import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charityDistributions } from '../../../plugins/charity-fund/schema.ts';
import { fieldError, mainOf, type PluginKit } from '../../support/plugin-kit/index.ts';
import { fund, fundBalance, P, startCharityKit } from './fixtures.ts';

let kit: PluginKit;
beforeAll(async () => {
  kit = await startCharityKit();
});
afterAll(() => kit.close());

async function station() {
  const admin = await kit.person('alpha', '管理', { roles: ['city_admin'] });
  const res = await admin.client.post(`${P}/stations`, { name: `站${Math.random().toString(36).slice(2, 8)}`, address: '幸福路' });
  expect(res.status).toBe(303);
  const staff = await kit.person('alpha', '站员', { roles: ['charity-fund.station_staff'] });
  return { id: res.headers.get('location')!.split('/').pop()!, staff, admin };
}

describe('donation stations', () => {
  it('records cash with an immediate receipt to print for the donor', async () => {
    const fundId = await fund(kit);
    const { id, staff } = await station();
    const res = await staff.client.post(`${P}/stations/${id}/cash`, { fund: fundId, amount: '200', donor_name: '王建国', visibility: 'masked', message: '' });
    expect(res.headers.get('location')).toMatch(/\/receipts\/[0-9a-f-]{36}$/);
    const receipt = await mainOf(await staff.client.follow(res));
    expect(receipt).toContain('公益捐赠收据');
    expect(receipt).toContain('王建国');
    expect(receipt).toContain('捐赠站');
    expect(await fundBalance(kit, 'alpha', fundId)).toBe(20_000);
    const bad = await staff.client.post(`${P}/stations/${id}/cash`, { fund: fundId, amount: '0.001', donor_name: '王建国', visibility: 'masked', message: '' });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'amount')).toContain('请填写金额');
    expect(await fundBalance(kit, 'alpha', fundId)).toBe(20_000);
  });

  it('keeps in-kind gifts out of the ledger, tracks their stock and refuses handing out more than is left', async () => {
    const fundId = await fund(kit);
    const { id, staff } = await station();
    const transfersBefore = (await kit.ledger.transfers('alpha')).length;
    const recorded = await staff.client.follow(staff.client.post(`${P}/stations/${id}/gifts`, { fund: fundId, item: '大米', unit: '袋', quantity: '20', estimated: '1200', donor_name: '爱心粮油店', visibility: 'named' }));
    const page = await mainOf(recorded);
    expect(page).toContain('物资已登记。');
    expect(page).toContain('20 / 20 袋');
    expect((await kit.ledger.transfers('alpha')).length).toBe(transfersBefore);
    expect(await fundBalance(kit, 'alpha', fundId)).toBe(0);
    const giftId = /\/gifts\/([0-9a-f-]{36})\/distribute/.exec(page)![1]!;
    const handed = await mainOf(await staff.client.follow(staff.client.post(`${P}/gifts/${giftId}/distribute`, { quantity: '5', beneficiary: '困难家庭' })));
    expect(handed).toContain('15 / 20 袋');
    expect(handed).toContain('困难家庭');
    const over = await staff.client.post(`${P}/gifts/${giftId}/distribute`, { quantity: '16', beneficiary: '某家庭' });
    expect(over.status).toBe(400);
    const html = await over.text();
    expect(html).toContain('库存不足：这批物资只剩 15。');
    expect(html).toContain('value="16"');
    const zero = await staff.client.post(`${P}/gifts/${giftId}/distribute`, { quantity: '0', beneficiary: '某家庭' });
    expect(zero.status).toBe(400);
    expect(await zero.text()).toContain('请填写 1 到 1000000 之间的整数。');
    const badGift = await staff.client.post(`${P}/stations/${id}/gifts`, { fund: fundId, item: '', unit: '袋', quantity: '2.5', estimated: '-1', donor_name: 'x', visibility: 'masked' });
    expect(badGift.status).toBe(400);
    const text = await badGift.text();
    expect(fieldError(text, 'item')).toBe('此项必填。');
    expect(fieldError(text, 'quantity')).toContain('整数');
    expect(fieldError(text, 'estimated')).toContain('请填写金额');
    expect((await kit.inCity('alpha', (tx, t) => tx.select().from(charityDistributions).where(eq(charityDistributions.tenantId, t)))).length).toBe(1);
  });
});
