import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmDonation } from '../../../plugins/charity-fund/donations.ts';
import type { Person, PluginKit } from '../../support/plugin-kit/index.ts';
import { donationIdOf, donationRow, fund, P, startCharityKit } from './fixtures.ts';

let kit: PluginKit;
let fundId: string;
let staff: Person;
beforeAll(async () => {
  kit = await startCharityKit('offline');
  fundId = await fund(kit, 'alpha', '幸福社区基金');
  staff = await kit.person('alpha', '站点员', { roles: ['charity-fund.station_staff'] });
});
afterAll(() => kit.close());

async function pledge(donor: Person, amount: string) {
  const res = await donor.client.post(`${P}/funds/${fundId}/donate`, { donor_name: donor.name, visibility: 'masked', message: '', project: '', amount });
  expect(res.status).toBe(303);
  return donationIdOf(res);
}
const receipts = async (email: string) => (await kit.messagesTo(email)).filter((m) => m.kind === 'charity-fund.donation-receipt');
const seqOf = async (transferId: string) => (await kit.ledger.transfers('alpha')).find((t) => t.id === transferId)!.seq;

describe(`charity fund: a donation receipt (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('sends the donor one receipt when the money is confirmed: yuan from fen, the fund, the receipt number and ledger place', async () => {
    const donor = await kit.person('alpha', '黄志愿');
    const id = await pledge(donor, '1234.5');
    expect(await receipts(donor.email)).toEqual([]); // a pledge is not money received
    await staff.client.post(`${P}/donations/${id}/confirm`);
    await staff.client.post(`${P}/donations/${id}/confirm`); // a double click
    const row = (await donationRow(kit, 'alpha', id))!;
    const got = await receipts(donor.email);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ channel: 'email', subject: `【${kit.city('alpha').names['zh-CN']}】捐赠收据 ${row.receiptNumber}` });
    expect(got[0]!.text).toContain('感谢您向“幸福社区基金”捐赠 ¥1,234.50，款项已由市慈善会收到');
    expect(got[0]!.text).toContain(`收据编号：${row.receiptNumber}`);
    expect(got[0]!.text).toContain(`账本记录：本市账本第 ${await seqOf(row.transferId!)} 笔`);
  });

  it('in English for an English reader', async () => {
    const donor = await kit.person('alpha', 'Ann');
    await kit.readsIn('alpha', donor.id, 'en');
    const id = await pledge(donor, '0.01');
    await staff.client.post(`${P}/donations/${id}/confirm`);
    const row = (await donationRow(kit, 'alpha', id))!;
    const got = await receipts(donor.email);
    expect(got.map((m) => m.subject)).toEqual([`${kit.city('alpha').names.en}: donation receipt ${row.receiptNumber}`]);
    expect(got[0]!.text).toContain('Thank you for giving ¥0.01 to "幸福社区基金"; 市慈善会 received it');
  });

  it('a confirmation rolled back sends no receipt', async () => {
    const donor = await kit.person('alpha', '回滚');
    const id = await pledge(donor, '20');
    await expect(
      kit.work('alpha', async (w) => {
        expect((await confirmDonation(w, id, { confirmedBy: staff.id })).ok).toBe(true);
        throw new Error('the request failed after confirming');
      }),
    ).rejects.toThrow('the request failed after confirming');
    expect(await receipts(donor.email)).toEqual([]);
  });
});
