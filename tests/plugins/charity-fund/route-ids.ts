import { charityFundPlugin } from '../../../plugins/charity-fund/index.ts';
import { recordStationCash, startDonation } from '../../../plugins/charity-fund/donations.ts';
import { proposeExpense } from '../../../plugins/charity-fund/expenses.ts';
import { createFund } from '../../../plugins/charity-fund/funds.ts';
import { proposeGrant } from '../../../plugins/charity-fund/grants.ts';
import { reviewProposal, submitProposal } from '../../../plugins/charity-fund/proposals.ts';
import { createStation, recordGift } from '../../../plugins/charity-fund/stations.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { today } from './fixtures.ts';

/**
 * One row of each id kind the charity fund declares (plugins/charity-fund/index.ts),
 * in city `slug`, each on a page its admin can open: the attack suites send these
 * ids to every route. The charity fund must be enabled in the city.
 */
export async function rowsOfEachKind(kit: PluginKit, slug: string, adminId: string): Promise<Record<string, string>> {
  const applicant = await kit.person(slug, '项目申请人');
  const day = today();
  const year = Number(day.slice(0, 4));
  return kit.work(slug, async (w) => {
    const fund = await createFund(w, adminId, { name: '攻击测试基金', community: '幸福社区', hostCharity: '市慈善会', purpose: '帮助社区', targetFen: 10_000_000, startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` });
    if (!fund.ok) throw new Error('charity fund set-up failed');
    const station = await createStation(w, adminId, { name: '攻击测试捐赠站', address: '社工站一楼' });
    if (!station.ok) throw new Error('charity fund set-up failed');
    const cash = await recordStationCash(w, station.id, adminId, { fundId: fund.id, amountFen: 500_000, donorName: '王建国', visibility: 'masked', message: '' }, day, null);
    const donation = (provider: 'offline' | 'sandbox', donorUserId: string) =>
      startDonation(w, { fundId: fund.id, projectId: null, donorUserId, donorName: '捐赠人', visibility: 'named', message: '', amountFen: 1_000, channel: 'online', provider }, day);
    const pledge = await donation('offline', applicant.id);
    const sandbox = await donation('sandbox', adminId);
    const project = await submitProposal(w, fund.id, applicant.id, { kind: 'micro_venture', title: '长者午餐', applicant: '社区', need: '做饭困难', beneficiaries: '老人', budgetFen: 300_000 });
    await reviewProposal(w, project, adminId, { approveFen: 200_000 });
    const grant = await proposeGrant(w, fund.id, adminId, { projectId: project, amountFen: 100_000, note: '第一期' });
    const expense = await proposeExpense(w, fund.id, adminId, { projectId: null, purpose: '食材', payee: '惠民菜店', amountFen: 10_000, documentRef: 'FP-1' });
    const gift = await recordGift(w, station.id, adminId, { fundId: fund.id, item: '大米', unit: '袋', quantity: 10, estimatedFen: 60_000, donorName: '粮油店', visibility: 'named' });
    if (!cash.ok || !pledge.ok || !sandbox.ok || !grant.ok || !expense.ok || !gift.ok) throw new Error('charity fund set-up failed');
    return {
      'charity-fund.fund': fund.id,
      'charity-fund.project': project,
      'charity-fund.donation': pledge.donation.id,
      'charity-fund.confirmed-donation': cash.donation.id,
      'charity-fund.sandbox-donation': sandbox.donation.id,
      'charity-fund.grant': grant.id,
      'charity-fund.expense': expense.id,
      'charity-fund.station': station.id,
      'charity-fund.gift': gift.id,
    };
  }, charityFundPlugin);
}
