import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountCodes } from '../../../plugins/charity-fund/accounts.ts';
import { createFund } from '../../../plugins/charity-fund/funds.ts';
import { chinaYear } from '../../../plugins/charity-fund/receipts.ts';
import { fieldError, fieldValue, mainOf, type Person, type PluginKit } from '../../support/plugin-kit/index.ts';
import { accountBalance, donationCount, donationIdOf, donationRow, fund, fundBalance, P, startCharityKit, transfersLike } from './fixtures.ts';

let kit: PluginKit;
beforeAll(async () => {
  kit = await startCharityKit('offline');
});
afterAll(() => kit.close());

const give = (client: Person['client'], fundId: string, form: Record<string, string>) =>
  client.post(`${P}/funds/${fundId}/donate`, { donor_name: '黄志愿', visibility: 'masked', message: '', project: '', ...form });

describe(`donations with the offline provider (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('takes a pledge, posts it only when staff confirm the money arrived, and gives it the next receipt number', async () => {
    const fundId = await fund(kit);
    const donor = await kit.person('alpha', '黄志愿');
    const staff = await kit.person('alpha', '站点员', { roles: ['charity-fund.station_staff'] });
    const res = await give(donor.client, fundId, { amount: '50', message: '祝福社区' });
    expect(res.status).toBe(303);
    const id = donationIdOf(res);
    const page = await mainOf(await donor.client.follow(res));
    expect(page).toContain('认捐已登记');
    expect(page).toContain('¥50.00');
    expect(await fundBalance(kit, 'alpha', fundId)).toBe(0);
    expect(await transfersLike(kit, 'alpha', `charity-fund:donation:${id}`)).toHaveLength(0);

    const desk = await mainOf(await staff.client.get(`${P}/staff`));
    expect(desk).toContain(`/donations/${id}/confirm`);
    const confirmed = await staff.client.post(`${P}/donations/${id}/confirm`);
    const year = chinaYear(new Date());
    expect(await mainOf(await staff.client.follow(confirmed))).toContain(`收据编号 ${year}-000001`);
    expect(await fundBalance(kit, 'alpha', fundId)).toBe(5000);
    expect(await accountBalance(kit, 'alpha', accountCodes.donors)).toBe(-5000);
    // Confirming again (a double click) posts nothing more and keeps the number.
    await staff.client.post(`${P}/donations/${id}/confirm`);
    expect(await transfersLike(kit, 'alpha', `charity-fund:donation:${id}`)).toHaveLength(1);
    expect((await donationRow(kit, 'alpha', id))!.receiptNumber).toBe(`${year}-000001`);

    const mine = await mainOf(await donor.client.get(`${P}/mine`));
    expect(mine).toContain(`${year}-000001`);
    const receipt = await mainOf(await donor.client.get(`${P}/receipts/${id}`));
    expect(receipt).toContain('公益捐赠收据');
    expect(receipt).toContain(`${year}-000001`);
    expect(receipt).toContain('黄志愿');
    expect(receipt).toContain('¥50.00');
    expect(receipt).toContain('class="certificate card receipt"');
    // Someone else's receipt is not theirs to see.
    const stranger = await kit.person('alpha', '路人');
    expect((await stranger.client.get(`${P}/receipts/${id}`)).status).toBe(403);
    expect((await stranger.client.get(`${P}/donations/${id}`)).status).toBe(403);
    expect((await kit.ledger.verify('alpha')).ok).toBe(true);
  });

  it('numbers receipts per city and year without gaps, cancelled pledges taking no number', async () => {
    const fundId = await fund(kit);
    const donor = await kit.person('alpha', '赵捐赠');
    const staff = await kit.person('alpha', '站点员', { roles: ['charity-fund.station_staff'] });
    const ids: string[] = [];
    for (const amount of ['1', '2', '3']) ids.push(donationIdOf(await give(donor.client, fundId, { amount })));
    await staff.client.post(`${P}/donations/${ids[1]}/cancel`);
    await staff.client.post(`${P}/donations/${ids[2]}/confirm`);
    await staff.client.post(`${P}/donations/${ids[0]}/confirm`);
    const refused = await staff.client.follow(staff.client.post(`${P}/donations/${ids[1]}/confirm`));
    expect(await mainOf(refused)).toContain('这笔认捐已取消，不能再确认。');
    const numbers = await Promise.all(ids.map(async (id) => (await donationRow(kit, 'alpha', id))!.receiptNumber));
    const n = (s: string | null | undefined) => Number(s!.slice(5));
    expect(numbers[1]).toBeNull();
    expect(n(numbers[0])).toBe(n(numbers[2]) + 1);
    expect(await transfersLike(kit, 'alpha', `charity-fund:donation:${ids[1]}`)).toHaveLength(0);
  });

  it('keeps 0.01 and 9,999,999.99 yuan exact from the form to the ledger and the pages', async () => {
    const fundId = await fund(kit);
    const donor = await kit.person('alpha', '钱多多');
    const staff = await kit.person('alpha', '站点员', { roles: ['charity-fund.station_staff'] });
    const small = donationIdOf(await give(donor.client, fundId, { amount: '0.01' }));
    const large = donationIdOf(await give(donor.client, fundId, { amount: '¥9,999,999.99' }));
    expect((await donationRow(kit, 'alpha', small))!.amountFen).toBe(1);
    expect((await donationRow(kit, 'alpha', large))!.amountFen).toBe(999_999_999);
    for (const id of [small, large]) await staff.client.post(`${P}/donations/${id}/confirm`);
    expect(await fundBalance(kit, 'alpha', fundId)).toBe(1_000_000_000);
    const page = await mainOf(await donor.client.get(`${P}/funds/${fundId}`));
    expect(page).toContain('¥10,000,000.00');
    const disclosure = await mainOf(await kit.visitor('alpha').get(`${P}/funds/${fundId}/disclosure`));
    expect(disclosure).toContain('¥0.01');
    expect(disclosure).toContain('¥9,999,999.99');
  });

  it('refuses bad amounts beside the field, keeps what was typed and writes nothing', async () => {
    const fundId = await fund(kit);
    const donor = await kit.person('alpha', '孙错填');
    const before = await donationCount(kit, 'alpha');
    for (const amount of ['', '0', '0.00', '-5', '1.001', 'abc', '1e3', '100000000.01', '12.3.4']) {
      const res = await give(donor.client, fundId, { amount });
      expect(res.status, amount).toBe(400);
      const html = await res.text();
      expect(fieldError(html, 'amount'), amount).toContain('请填写金额');
      expect(fieldValue(html, 'amount') ?? '', amount).toBe(amount);
    }
    const noName = await give(donor.client, fundId, { amount: '10', donor_name: ' ' });
    expect(fieldError(await noName.text(), 'donor_name')).toBe('此项必填。');
    const badChoice = await give(donor.client, fundId, { amount: '10', visibility: 'everyone' });
    expect(fieldError(await badChoice.text(), 'visibility')).toBe('请从列表中选择。');
    expect(await donationCount(kit, 'alpha')).toBe(before);
  });

  it('refuses a project that is not approved and a fund outside its dates', async () => {
    const fundId = await fund(kit);
    const donor = await kit.person('alpha', '周捐赠');
    const before = await donationCount(kit, 'alpha');
    const res = await give(donor.client, fundId, { amount: '10', project: '01900000-0000-7000-8000-000000000000' });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'project')).toContain('还没有通过审核');

    const admin = await kit.person('alpha', '管理', { roles: ['city_admin'] });
    const ended = await kit.work('alpha', (w) =>
      createFund(w, admin.id, { name: '去年的基金', community: '社区', hostCharity: '慈善会', purpose: '用途', targetFen: 100, startsOn: '2020-01-01', endsOn: '2020-12-31' }),
    );
    const endedId = ended.ok ? ended.id : '';
    const closed = await give(donor.client, endedId, { amount: '10' });
    expect(closed.status).toBe(400);
    expect(await mainOf(closed)).toContain('这个基金现在不在募捐期内。');
    const form = await mainOf(await donor.client.follow(donor.client.get(`${P}/funds/${endedId}/donate`)));
    expect(form).toContain('这个基金现在不在募捐期内。');
    expect(form).not.toContain('我要捐赠');
    expect(await donationCount(kit, 'alpha')).toBe(before);
  });
});
