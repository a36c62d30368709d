import { count, eq } from 'drizzle-orm';
import { type CityWork, type PluginContext, toLocalDateInput } from '../../core/plugin-api.ts';
import { confirmPledge, recordStationCash, startDonation } from './donations.ts';
import { decideExpense, proposeExpense } from './expenses.ts';
import { createFund } from './funds.ts';
import { decideGrant, proposeGrant } from './grants.ts';
import { reviewProposal, submitProposal } from './proposals.ts';
import { charityFunds } from './schema.ts';
import { createStation, distributeGift, recordGift } from './stations.ts';

/**
 * Demo data through the same services the pages use: a fund with gifts online
 * and at a station, a micro-venture approved and granted money, an expense paid
 * out of it, and goods in stock. Needs the city admin and a second manager (the
 * two-person rule); a city without them gets nothing. Runs once per city.
 */
export function seedCharityFund(city: PluginContext): Promise<void> {
  return city.work((w) => seedCity(w, city.city.names['zh-CN']));
}

async function seedCity(w: CityWork, city: string): Promise<void> {
  const { tx, tenantId } = w;
  const [seeded] = await tx.select({ n: count() }).from(charityFunds).where(eq(charityFunds.tenantId, tenantId));
  if ((seeded?.n ?? 0) > 0) return;
  const [admin] = await w.people.withRole('city_admin');
  const manager = (await w.people.withRole('charity-fund.manager')).find((m) => m.id !== admin?.id);
  if (!admin || !manager) return;
  const [donor] = await w.people.withRole('volunteer');
  const today = toLocalDateInput(new Date());
  const year = Number(today.slice(0, 4));

  const fund = await createFund(w, admin.id, {
    name: `${city}社区慈善基金`,
    community: `${city}各社区`,
    hostCharity: `${city}慈善会`,
    purpose: '资助社区长者助餐、困境儿童关爱和邻里互助项目，取之于社区、用之于社区。',
    targetFen: 50_000_000,
    startsOn: `${year}-01-01`,
    endsOn: `${year + 1}-12-31`,
  });
  if (!fund.ok) return;
  const station = await createStation(w, admin.id, { name: '社工站捐赠点', address: `${city}社会工作服务站一楼` });
  if (!station.ok) return;

  for (const [name, fen, visibility] of [['王建国', 20_000, 'masked'], ['爱心企业', 500_000, 'named'], ['李阿姨', 5_000, 'anonymous']] as const) {
    await recordStationCash(w, station.id, admin.id, { fundId: fund.id, amountFen: fen, donorName: name, visibility, message: '' }, today, null);
  }
  if (donor) {
    const pledge = await startDonation(w, { fundId: fund.id, projectId: null, donorUserId: donor.id, donorName: donor.name, visibility: 'masked', message: '一点心意', amountFen: 10_001, channel: 'online', provider: 'offline' }, today);
    if (pledge.ok) await confirmPledge(w, pledge.donation.id, admin.id, null);
    await startDonation(w, { fundId: fund.id, projectId: null, donorUserId: donor.id, donorName: donor.name, visibility: 'named', message: '', amountFen: 8_800, channel: 'online', provider: 'offline' }, today);
  }

  const projectId = await submitProposal(w, fund.id, manager.id, {
    kind: 'micro_venture',
    title: '长者爱心午餐',
    applicant: '社区长者服务站',
    need: '社区里独居和高龄老人做饭困难，希望每周三次提供热乎的午餐。',
    beneficiaries: '辖区 80 岁以上独居老人约 40 人',
    budgetFen: 300_000,
  });
  await reviewProposal(w, projectId, admin.id, { approveFen: 250_000 });
  const grant = await proposeGrant(w, fund.id, admin.id, { projectId, amountFen: 200_000, note: '第一期资助' });
  if (grant.ok) await decideGrant(w, grant.id, manager.id, { approve: true });
  const expense = await proposeExpense(w, fund.id, manager.id, { projectId, purpose: '三月份长者午餐食材', payee: '社区惠民菜店', amountFen: 68_050, documentRef: `FP-${year}-0318` });
  if (expense.ok) await decideExpense(w, expense.id, admin.id, { approve: true });

  const gift = await recordGift(w, station.id, admin.id, { fundId: fund.id, item: '大米（5 公斤装）', unit: '袋', quantity: 20, estimatedFen: 120_000, donorName: '爱心粮油店', visibility: 'named' });
  if (gift.ok) await distributeGift(w, gift.id, admin.id, { quantity: 5, beneficiary: '困难家庭 5 户' });
}
