import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerTransfers } from '../../../core/ledger/schema.ts';
import { messages } from '../../../core/messages/schema.ts';
import { users } from '../../../core/db/schema/identity.ts';
import { confirmDonation } from '../../../plugins/charity-fund/donations.ts';
import { messagesTo } from '../../support/outbox.ts';
import type { TestPlatform } from '../../support/platform.ts';
import { donationIdOf, donationRow, fund, inCity, member, P, startCharityPlatform } from './fixtures.ts';
import { charityFundPlugin } from '../../../plugins/charity-fund/index.ts';
import { pluginWork } from '../../support/plugin-work.ts';

let p: TestPlatform;
let fundId: string;
let staff: Awaited<ReturnType<typeof member>>;
beforeAll(async () => {
  p = await startCharityPlatform('offline');
  fundId = await fund(p, 'alpha', '幸福社区基金');
  staff = await member(p, 'alpha', '站点员', ['charity-fund.station_staff']);
});
afterAll(() => p.close());

async function pledge(donor: Awaited<ReturnType<typeof member>>, amount: string) {
  const res = await donor.client.post(`${P}/funds/${fundId}/donate`, { donor_name: donor.name, visibility: 'masked', message: '', project: '', amount });
  expect(res.status).toBe(303);
  return donationIdOf(res);
}
const receipts = async (email: string) => (await messagesTo(p, email)).filter((m) => m.kind === 'charity-fund.donation-receipt');
const seqOf = async (transferId: string) =>
  (await inCity(p, 'alpha', (tx, t) => tx.select({ seq: ledgerTransfers.seq }).from(ledgerTransfers).where(and(eq(ledgerTransfers.tenantId, t), eq(ledgerTransfers.id, transferId)))))[0]!.seq;

describe(`charity fund: a donation receipt (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('sends the donor one receipt when the money is confirmed: yuan from fen, the fund, the receipt number and ledger place', async () => {
    const donor = await member(p, 'alpha', '黄志愿');
    const id = await pledge(donor, '1234.5');
    expect(await receipts(donor.email)).toEqual([]); // a pledge is not money received
    await staff.client.post(`${P}/donations/${id}/confirm`);
    await staff.client.post(`${P}/donations/${id}/confirm`); // a double click
    const row = (await donationRow(p, 'alpha', id))!;
    const got = await receipts(donor.email);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ channel: 'email', subject: `【${p.cities.alpha!.names['zh-CN']}】捐赠收据 ${row.receiptNumber}` });
    expect(got[0]!.text).toContain('感谢您向“幸福社区基金”捐赠 ¥1,234.50，款项已由市慈善会收到');
    expect(got[0]!.text).toContain(`收据编号：${row.receiptNumber}`);
    expect(got[0]!.text).toContain(`账本记录：本市账本第 ${await seqOf(row.transferId!)} 笔`);
  });

  it('in English for an English reader', async () => {
    const donor = await member(p, 'alpha', 'Ann');
    await inCity(p, 'alpha', (tx, t) => tx.update(users).set({ locale: 'en' }).where(and(eq(users.tenantId, t), eq(users.id, donor.id))));
    const id = await pledge(donor, '0.01');
    await staff.client.post(`${P}/donations/${id}/confirm`);
    const row = (await donationRow(p, 'alpha', id))!;
    const got = await receipts(donor.email);
    expect(got.map((m) => m.subject)).toEqual([`${p.cities.alpha!.names.en}: donation receipt ${row.receiptNumber}`]);
    expect(got[0]!.text).toContain('Thank you for giving ¥0.01 to "幸福社区基金"; 市慈善会 received it');
  });

  it('a confirmation rolled back sends no receipt', async () => {
    const donor = await member(p, 'alpha', '回滚');
    const id = await pledge(donor, '20');
    await expect(
      inCity(p, 'alpha', async (tx, t) => {
        expect((await confirmDonation(pluginWork(charityFundPlugin, tx, t), id, { confirmedBy: staff.id })).ok).toBe(true);
        throw new Error('the request failed after confirming');
      }),
    ).rejects.toThrow('the request failed after confirming');
    expect(await receipts(donor.email)).toEqual([]);
    const queued = await p.db.platform((tx) => tx.select().from(messages).where(eq(messages.idempotencyKey, `charity-fund:donation-receipt:${id}`)));
    expect(queued).toEqual([]);
  });
});
