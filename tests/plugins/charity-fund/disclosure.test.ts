import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFen } from '../../../core/plugin-api.ts';
import { accountCodes } from '../../../plugins/charity-fund/accounts.ts';
import { monthOf } from '../../../plugins/charity-fund/disclosure.ts';
import { confirmPledge, recordStationCash, startDonation } from '../../../plugins/charity-fund/donations.ts';
import { decideExpense, proposeExpense } from '../../../plugins/charity-fund/expenses.ts';
import { createStation, recordGift } from '../../../plugins/charity-fund/stations.ts';
import { fieldError, mainOf, type PluginKit } from '../../support/plugin-kit/index.ts';
import { fund, P, startCharityKit, today } from './fixtures.ts';

let kit: PluginKit;
let fundId: string;
const visitor = () => kit.visitor('alpha');

beforeAll(async () => {
  kit = await startCharityKit();
  fundId = await fund(kit);
  const a = await kit.person('alpha', '经理甲', { roles: ['charity-fund.manager'] });
  const b = await kit.person('alpha', '经理乙', { roles: ['charity-fund.manager'] });
  const donor = await kit.person('alpha', '黄志愿');
  await kit.work('alpha', async (w) => {
    const station = await createStation(w, a.id, { name: '阳光社工站', address: '幸福路 1 号' });
    if (!station.ok) throw new Error('station');
    const cash = (donorName: string, amountFen: number, visibility: 'masked' | 'named' | 'anonymous') =>
      recordStationCash(w, station.id, a.id, { fundId, amountFen, donorName, visibility, message: '' }, today(), null);
    await cash('王建国', 20_000, 'masked');
    await cash('爱心企业', 500_000, 'named');
    await cash('李秘密', 5_000, 'anonymous');
    const pledge = await startDonation(w, { fundId, projectId: null, donorUserId: donor.id, donorName: '黄志愿', visibility: 'masked', message: '加油', amountFen: 1, channel: 'online', provider: 'offline' }, today());
    if (pledge.ok) await confirmPledge(w, pledge.donation.id, b.id, null);
    // A pending pledge is not money yet and must not appear.
    await startDonation(w, { fundId, projectId: null, donorUserId: donor.id, donorName: '黄未付', visibility: 'named', message: '', amountFen: 77_700, channel: 'online', provider: 'offline' }, today());
    const expense = await proposeExpense(w, fundId, a.id, { projectId: null, purpose: '节日慰问品', payee: '社区超市', amountFen: 33_333, documentRef: 'FP-2026-0001' });
    if (expense.ok) await decideExpense(w, expense.id, b.id, { approve: true });
    await recordGift(w, station.id, a.id, { fundId, item: '棉被', unit: '床', quantity: 10, estimatedFen: 150_000, donorName: '张善人', visibility: 'masked' });
  });
});
afterAll(() => kit.close());

const shown = (html: string, attr: string) => new RegExp(`${attr}"><span class="money">([^<]+)<`).exec(html)?.[1];

describe('public disclosure of a fund', () => {
  it('shows raised, spent and balance equal to the ledger, every confirmed donation with the donor masked as chosen, and every expense, without sign-in', async () => {
    const res = await visitor().get(`${P}/funds/${fundId}/disclosure`);
    expect(res.status).toBe(200);
    const html = await mainOf(res);
    const account = await kit.ledger.account('alpha', accountCodes.fund(fundId));
    const raised = 20_000 + 500_000 + 5_000 + 1;
    expect(account!.balance).toBe(raised - 33_333);
    expect(shown(html, 'data-total="raised')).toBe(formatFen(raised, 'zh-CN'));
    expect(shown(html, 'data-total="spent')).toBe(formatFen(33_333, 'zh-CN'));
    expect(shown(html, 'data-total="balance')).toBe(formatFen(account!.balance, 'zh-CN'));
    expect(shown(html, 'data-month="raised')).toBe(formatFen(raised, 'zh-CN'));
    expect(html).toContain('王*国');
    expect(html).not.toContain('王建国');
    expect(html).toContain('爱心企业');
    expect(html).toContain('匿名');
    expect(html).not.toContain('李秘密');
    expect(html).toContain('黄*愿');
    expect(html).not.toContain('黄未付');
    expect(html).toContain('¥0.01');
    expect(html).toContain('社区超市');
    expect(html).toContain('FP-2026-0001');
    expect(html).toContain('棉被');
    expect(html).toContain('张*人');
    expect(html).toContain('¥1,500.00');
    // Every posted amount links to its transfer on the city's public ledger; the gifts were never posted.
    const posted = await kit.ledger.transfers('alpha', { keyPrefix: 'charity-fund:' });
    expect(posted).toHaveLength(5);
    for (const t of posted) expect(html).toContain(`href="/ledger?at=${t.seq}#t-${t.seq}"`);
    expect(html.match(/href="\/ledger\?at=/g)).toHaveLength(6); // and the month's chain head
  });

  it('gives the city’s ledger hash at the end of the period and says how to check it', async () => {
    const check = await kit.ledger.verify('alpha');
    if (!check.ok) throw new Error(check.problem);
    const now = await mainOf(await visitor().get(`${P}/funds/${fundId}/disclosure?month=${monthOf(new Date())}`));
    expect(now).toContain(check.headHash);
    expect(now).toContain(`href="/ledger?at=${check.transfers}#t-${check.transfers}"`);
    expect(now).toContain('在公开账本中核验');
    // A month before anything was posted: the chain had not started.
    const before = await mainOf(await visitor().get(`${P}/funds/${fundId}/disclosure?month=2020-01`));
    expect(before).toContain('0'.repeat(64));
    expect(before).toContain('本月结束');
    expect(before).not.toContain('王*国');
  });

  it('downloads the month as CSV with a byte-order mark, masked donors and exact yuan', async () => {
    const res = await visitor().get(`${P}/funds/${fundId}/disclosure.csv?month=${monthOf(new Date())}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain('类别,日期,编号');
    expect(csv).toContain('王*国');
    expect(csv).not.toContain('王建国');
    expect(csv).toContain('匿名');
    expect(csv).toContain(',5000.00,');
    expect(csv).toContain(',0.01,');
    expect(csv).toContain(',333.33,');
    expect(csv).toContain(`本月筹得,,,,,${(20_000 + 500_000 + 5_000 + 1) / 100},`);
  });

  it('writes hostile text into the CSV as inert text: a donor named =HYPERLINK(...) never becomes a live formula, amounts stay numbers', async () => {
    const hostileFund = await fund(kit);
    const manager = await kit.person('alpha', '经理丙', { roles: ['charity-fund.manager'] });
    const approver = await kit.person('alpha', '经理丁', { roles: ['charity-fund.manager'] });
    await kit.work('alpha', async (w) => {
      const pledge = await startDonation(w, { fundId: hostileFund, projectId: null, donorUserId: manager.id, donorName: '=HYPERLINK("http://evil.example","点我")', visibility: 'named', message: '@SUM(1+1)', amountFen: 1_234, channel: 'online', provider: 'offline' }, today());
      if (!pledge.ok) throw new Error('pledge');
      await confirmPledge(w, pledge.donation.id, approver.id, null);
      const expense = await proposeExpense(w, hostileFund, manager.id, { projectId: null, purpose: '-2+3', payee: '+cmd|" /C calc"!A0', amountFen: 1_000, documentRef: '\tFP-1' });
      if (!expense.ok) throw new Error('expense');
      await decideExpense(w, expense.id, approver.id, { approve: true });
    });
    const csv = await (await visitor().get(`${P}/funds/${hostileFund}/disclosure.csv?month=${monthOf(new Date())}`)).text();
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example"",""点我"")",`);
    expect(csv).toContain(",12.34,'@SUM(1+1)\n");
    expect(csv).toContain(`,"'+cmd|"" /C calc""!A0",`);
    expect(csv).toContain(",10.00,'-2+3\n");
    expect(csv).toContain(",'\tFP-1,");
    // No cell of the file starts a formula.
    expect(csv).not.toMatch(/(^|,|\n)"?[=+@\t]/);
  });

  it('refuses a month that is not one beside the field', async () => {
    const res = await visitor().get(`${P}/funds/${fundId}/disclosure?month=2026-13`);
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'month')).toContain('请按 年-月');
    expect((await visitor().get(`${P}/funds/${fundId}/disclosure.csv?month=abc`)).status).toBe(400);
  });
});
