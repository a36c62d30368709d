import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountCodes } from '../../../plugins/charity-fund/accounts.ts';
import { recordStationCash } from '../../../plugins/charity-fund/donations.ts';
import { decideExpense, proposeExpense } from '../../../plugins/charity-fund/expenses.ts';
import { decideGrant, proposeGrant } from '../../../plugins/charity-fund/grants.ts';
import { createStation } from '../../../plugins/charity-fund/stations.ts';
import { fieldError, mainOf, type PluginKit } from '../../support/plugin-kit/index.ts';
import { accountBalance, approvedProject, fund, fundBalance, P, startCharityKit, today, transfersLike } from './fixtures.ts';

let kit: PluginKit;
beforeAll(async () => {
  kit = await startCharityKit();
});
afterAll(() => kit.close());

/** A fund holding `fen` (given as cash at a station), an approved project, and two managers. */
async function setup(fen = 100_000, approveFen = 60_000) {
  const fundId = await fund(kit);
  const a = await kit.person('alpha', '经理甲', { roles: ['charity-fund.manager'] });
  const b = await kit.person('alpha', '经理乙', { roles: ['charity-fund.manager'] });
  await kit.work('alpha', async (w) => {
    const station = await createStation(w, a.id, { name: `站${fundId.slice(-6)}`, address: '社区' });
    if (station.ok) await recordStationCash(w, station.id, a.id, { fundId, amountFen: fen, donorName: '捐赠人', visibility: 'masked', message: '' }, today(), null);
  });
  const projectId = await approvedProject(kit, 'alpha', fundId, approveFen);
  return { fundId, projectId, a, b };
}
const grantIdFrom = (html: string) => /\/grants\/([0-9a-f-]{36})\/approve/.exec(html)?.[1] ?? '';
const expenseIdFrom = (html: string) => /\/expenses\/([0-9a-f-]{36})\/approve/.exec(html)?.[1] ?? '';

describe('grants and expenses under the two-person rule', () => {
  it('lets one manager propose a grant and only another approve it; the approval posts fund → project', async () => {
    const { fundId, projectId, a, b } = await setup();
    const proposed = await a.client.follow(a.client.post(`${P}/funds/${fundId}/grants`, { project: projectId, amount: '500.50', note: '首期' }));
    const page = await mainOf(proposed);
    expect(page).toContain('拨款已提出，请另一位管理人审批。');
    expect(page).toContain('等待另一位管理人审批');
    expect(page).not.toContain('/approve'); // the proposer gets no approve button
    const grantId = grantIdFrom(await mainOf(await b.client.get(`${P}/funds/${fundId}/manage`)));
    expect(grantId).not.toBe('');

    // The proposer posts the approval anyway: refused, nothing posted.
    const own = await mainOf(await a.client.follow(a.client.post(`${P}/grants/${grantId}/approve`)));
    expect(own).toContain('提出人不能自己审批，请由另一位管理人审批。');
    expect(await transfersLike(kit, 'alpha', `charity-fund:grant:${grantId}`)).toHaveLength(0);
    expect(await fundBalance(kit, 'alpha', fundId)).toBe(100_000);
    // And through the service itself.
    expect(await kit.work('alpha', (w) => decideGrant(w, grantId, a.id, { approve: true }))).toEqual({ ok: false, reason: 'same_person' });

    const approved = await mainOf(await b.client.follow(b.client.post(`${P}/grants/${grantId}/approve`)));
    expect(approved).toContain('拨款已审批并入账。');
    expect(await fundBalance(kit, 'alpha', fundId)).toBe(100_000 - 50_050);
    expect(await accountBalance(kit, 'alpha', accountCodes.project(projectId))).toBe(50_050);
    const [transfer] = await transfersLike(kit, 'alpha', `charity-fund:grant:${grantId}`);
    expect(transfer!.memo).toMatchObject({ proposedBy: a.id, approvedBy: b.id });
    // Approving again changes nothing.
    await b.client.post(`${P}/grants/${grantId}/approve`);
    expect(await transfersLike(kit, 'alpha', `charity-fund:grant:${grantId}`)).toHaveLength(1);
  });

  it('refuses grants beyond the approved amount and bad input beside the field', async () => {
    const { fundId, projectId, a } = await setup(100_000, 30_000);
    const over = await a.client.post(`${P}/funds/${fundId}/grants`, { project: projectId, amount: '300.01', note: '' });
    expect(over.status).toBe(400);
    expect(fieldError(await over.text(), 'amount')).toBe('资助总额不能超过项目核准的金额。');
    const bad = await a.client.post(`${P}/funds/${fundId}/grants`, { project: projectId, amount: '1.234', note: '' });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'amount')).toContain('请填写金额');
    expect(await mainOf(await a.client.get(`${P}/funds/${fundId}/manage`))).toContain('还没有拨款。');
  });

  it('refuses at proposal a grant larger than the fund can pay, beside the amount, counting grants already waiting', async () => {
    const { fundId, projectId, a, b } = await setup(50_000, 80_000);
    const over = await a.client.post(`${P}/funds/${fundId}/grants`, { project: projectId, amount: '500.01', note: '' });
    expect(over.status).toBe(400);
    expect(fieldError(await over.text(), 'amount')).toBe('基金目前可拨付 ¥500.00（余额减去待审批的拨款），拨款金额不能超过它。');
    expect(await mainOf(await a.client.get(`${P}/funds/${fundId}/manage`))).toContain('还没有拨款。');

    expect((await a.client.post(`${P}/funds/${fundId}/grants`, { project: projectId, amount: '300', note: '' })).status).toBe(303);
    const second = await b.client.post(`${P}/funds/${fundId}/grants`, { project: projectId, amount: '200.01', note: '' }, { 'accept-language': 'en' });
    expect(second.status).toBe(400);
    expect(fieldError(await second.text(), 'amount')).toBe('The fund can grant ¥200.00 now (its balance less the grants awaiting approval); the grant cannot be larger.');
    expect((await b.client.post(`${P}/funds/${fundId}/grants`, { project: projectId, amount: '200', note: '' })).status).toBe(303);
    expect(await fundBalance(kit, 'alpha', fundId)).toBe(50_000);
  });

  it('runs expenses the same way, from the project’s grant, and refuses one the account cannot pay, writing nothing', async () => {
    const { fundId, projectId, a, b } = await setup();
    const grant = await kit.work('alpha', (w) => proposeGrant(w, fundId, a.id, { projectId, amountFen: 40_000, note: '' }));
    await kit.work('alpha', (w) => decideGrant(w, grant.ok ? grant.id : '', b.id, { approve: true }));

    const form = { source: projectId, purpose: '午餐食材', payee: '惠民菜店', amount: '150', document_ref: 'FP-0001' };
    await b.client.post(`${P}/funds/${fundId}/expenses`, form);
    const expenseId = expenseIdFrom(await mainOf(await a.client.get(`${P}/funds/${fundId}/manage`)));
    expect(await mainOf(await b.client.follow(b.client.post(`${P}/expenses/${expenseId}/approve`)))).toContain('提出人不能自己审批');
    expect(await mainOf(await a.client.follow(a.client.post(`${P}/expenses/${expenseId}/approve`)))).toContain('支出已审批并入账。');
    expect(await accountBalance(kit, 'alpha', accountCodes.project(projectId))).toBe(25_000);
    expect(await accountBalance(kit, 'alpha', accountCodes.paidOut(expenseId))).toBe(15_000);

    // More than the project holds: refused at approval, no paid-out account left behind.
    const big = await kit.work('alpha', (w) => proposeExpense(w, fundId, a.id, { projectId, purpose: '设备', payee: '商店', amountFen: 25_001, documentRef: 'FP-0002' }));
    const bigId = big.ok ? big.id : '';
    expect(await mainOf(await b.client.follow(b.client.post(`${P}/expenses/${bigId}/approve`)))).toContain('账户余额不足');
    const sinks = await kit.ledger.accounts('alpha');
    expect(sinks.some((s) => s.code === accountCodes.paidOut(bigId))).toBe(false);
    expect(await kit.work('alpha', (w) => decideExpense(w, bigId, a.id, { approve: true }))).toEqual({ ok: false, reason: 'same_person' });

    // Rejecting needs a reason, shown beside the field; with one, the expense is closed unpaid.
    const noReason = await b.client.post(`${P}/expenses/${bigId}/reject`, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(fieldError(await noReason.text(), 'reason')).toBe('此项必填。');
    expect(await mainOf(await b.client.follow(b.client.post(`${P}/expenses/${bigId}/reject`, { reason: '超出预算' })))).toContain('支出已驳回。');
    const missing = await a.client.post(`${P}/funds/${fundId}/expenses`, { ...form, document_ref: '', payee: '' });
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(fieldError(html, 'document_ref')).toBe('此项必填。');
    expect(fieldError(html, 'payee')).toBe('此项必填。');
    expect((await kit.ledger.verify('alpha')).ok).toBe(true);
  });

  it('reviews proposals: submitted by a resident, refused to its own submitter, approved with an amount', async () => {
    const fundId = await fund(kit);
    const resident = await kit.person('alpha', '居民');
    const bad = await resident.client.post(`${P}/funds/${fundId}/propose`, { kind: 'micro_venture', title: '助餐', applicant: '居民', need: '需要', beneficiaries: '老人', budget: '0' });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'budget')).toContain('请填写金额');
    const res = await resident.client.post(`${P}/funds/${fundId}/propose`, { kind: 'micro_venture', title: '助餐', applicant: '居民', need: '需要', beneficiaries: '老人', budget: '3,000' });
    const projectPath = res.headers.get('location')!;
    expect(await mainOf(await resident.client.get(projectPath))).toContain('待审核');
    // Strangers do not see an unapproved proposal.
    expect((await (await kit.person('alpha', '路人')).client.get(projectPath)).status).toBe(403);
    const manager = await kit.person('alpha', '经理', { roles: ['charity-fund.manager'] });
    expect(await mainOf(await manager.client.get(`${P}/review`))).toContain('助餐');
    const noAmount = await manager.client.post(`${projectPath}/approve`, { approve_amount: 'x' });
    expect(noAmount.status).toBe(400);
    expect(fieldError(await noAmount.text(), 'approve_amount')).toContain('请填写金额');
    expect(await mainOf(await manager.client.follow(manager.client.post(`${projectPath}/approve`, { approve_amount: '2500' })))).toContain('提案已通过。');
    expect(await mainOf(await resident.client.get(projectPath))).toContain('¥2,500.00');
    // A manager's own proposal must go to someone else.
    const own = await manager.client.post(`${P}/funds/${fundId}/propose`, { kind: 'branded', title: '自提', applicant: '经理', need: '需要', beneficiaries: '儿童', budget: '100' });
    const ownPath = own.headers.get('location')!;
    expect(await mainOf(await manager.client.follow(manager.client.post(`${ownPath}/approve`, { approve_amount: '100' })))).toContain('不能审核自己提交的提案');
  });
});
