import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertCaseDeadlines } from '../../../plugins/legal-aid-card/applications.ts';
import { legalAidApplications } from '../../../plugins/legal-aid-card/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { batch, member, P, startLegalAidKit } from './fixtures.ts';
import { fieldError, mainOf } from '../../support/plugin-kit/index.ts';

type Person = Awaited<ReturnType<typeof member>>;
let kit: PluginKit;
let applicant: Person;
let coordinator: Person;
let conflicted: Person;
let lawyer: Person;
const DAY = 24 * 3600_000;
beforeAll(async () => {
  kit = await startLegalAidKit();
  const admin = await member(kit, 'alpha', '甲管理', ['city_admin']);
  const cards = (await batch(kit, 'alpha', admin.id, { cardCount: 3 })).cards;
  applicant = await member(kit, 'alpha', '符大姐');
  expect((await applicant.client.post(`${P}/activate`, cards[0]!)).status).toBe(303);
  coordinator = await member(kit, 'alpha', '协调员', ['legal-aid-card.coordinator']);
  conflicted = await member(kit, 'alpha', '冲突律师', ['legal-aid-card.lawyer']);
  lawyer = await member(kit, 'alpha', '海律师', ['legal-aid-card.lawyer']);
});
afterAll(() => kit.close());

const application = { category: 'labour', matter: '在椰林建筑公司工地打工半年，被拖欠工资两万元。', adverse_party: '椰林建筑有限公司', exempt_group: '', hardship_statement: '家里四口人，只有我一人打零工，月收入约一千五百元。', commitment: 'yes', emergency_ground: 'limitation_within_7_days' };
const caseRow = async (id: string) => (await kit.inCity('alpha', (tx, t) => tx.select().from(legalAidApplications).where(and(eq(legalAidApplications.tenantId, t), eq(legalAidApplications.id, id)))))[0]!;
const caseCount = async () => (await kit.inCity('alpha', (tx, t) => tx.select().from(legalAidApplications).where(eq(legalAidApplications.tenantId, t)))).length;
const auditOf = async (id: string) => (await kit.auditEntries('alpha', 'legal-aid-card.case_%')).filter((e) => e.target === `legal-aid-card:case:${id}`);
const idOf = (res: Response) => res.headers.get('location')!.split('/').pop()!;

describe('priority legal aid', () => {
  let id: string;

  it('takes hardship by declaration and commitment, or an exempt group, and nothing else', async () => {
    const form = await mainOf(await applicant.client.get(`${P}/aid/new`));
    expect(form).toContain('个人诚信承诺');
    expect(form).not.toMatch(/type="file"/);
    for (const [values, field] of [[{ ...application, hardship_statement: '' }, 'hardship_statement'], [{ ...application, commitment: '' }, 'commitment'], [{ ...application, adverse_party: '' }, 'adverse_party'], [{ ...application, exempt_group: 'rich' }, 'exempt_group']] as const) {
      const res = await applicant.client.post(`${P}/aid/new`, values);
      expect(res.status, field).toBe(400);
      expect(fieldError(await res.text(), field), field).toBeTruthy();
    }
    expect(await caseCount()).toBe(0);
    // The form offers the matters not limited by hardship (Art. 32) and the groups not checked (Art. 42).
    for (const group of ['abuse_victim', 'martyr_relative', 'migrant_worker_wages', 'dependent_without_income']) expect(form).toContain(`value="${group}"`);
    expect(form).toContain('家庭暴力');
    // Either needs neither statement nor commitment.
    const exempt = await applicant.client.post(`${P}/aid/new`, { ...application, exempt_group: 'abuse_victim', hardship_statement: '', commitment: '', emergency_ground: '' });
    expect(exempt.status).toBe(303);
    expect(await caseRow(idOf(exempt))).toMatchObject({ exemptGroup: 'abuse_victim', hardshipStatement: null, committedAt: null });

    const res = await applicant.client.post(`${P}/aid/new`, application);
    expect(res.status).toBe(303);
    id = idOf(res);
    const row = await caseRow(id);
    expect(row.status).toBe('submitted');
    expect(row.committedAt).not.toBeNull();
    expect(row.decisionDueAt.getTime() - row.submittedAt.getTime()).toBe(7 * DAY);
  });

  it('alerts once when the decision deadline passes', async () => {
    const { submittedAt } = await caseRow(id);
    expect((await kit.work('alpha', (w) => alertCaseDeadlines(w, new Date(submittedAt.getTime() + 6 * DAY)))).decision).toBe(0);
    expect((await kit.work('alpha', (w) => alertCaseDeadlines(w, new Date(submittedAt.getTime() + 8 * DAY)))).decision).toBe(2);
    expect((await kit.work('alpha', (w) => alertCaseDeadlines(w, new Date(submittedAt.getTime() + 9 * DAY)))).decision).toBe(0);
    expect((await auditOf(id)).filter((a) => a.action === 'legal-aid-card.case_decision_overdue')).toHaveLength(1);
    expect(await mainOf(await coordinator.client.get(`${P}/cases`))).toContain('已提醒协调员');
  });

  it('lets the coordinator serve before deciding, then decide in writing with reasons', async () => {
    expect((await coordinator.client.post(`${P}/cases/${id}/emergency`)).status).toBe(303);
    expect((await caseRow(id)).emergencyServiceAt).not.toBeNull();
    expect((await coordinator.client.post(`${P}/cases/${id}/emergency`)).status).toBe(409);
    const noReasons = await coordinator.client.post(`${P}/cases/${id}/decision`, { decision: 'approve', reasons: '' });
    expect(noReasons.status).toBe(400);
    expect(fieldError(await noReasons.text(), 'reasons')).toBeTruthy();
    expect((await caseRow(id)).status).toBe('submitted');
    // The applicant cannot decide their own case.
    expect((await applicant.client.post(`${P}/cases/${id}/decision`, { decision: 'approve', reasons: '我自己批准' })).status).toBe(403);
    expect((await coordinator.client.post(`${P}/cases/${id}/decision`, { decision: 'approve', reasons: '符合经济困难条件，事项属于追索劳动报酬。' })).status).toBe(303);
    const row = await caseRow(id);
    expect(row).toMatchObject({ status: 'approved', decidedBy: coordinator.id });
    expect(row.designationDueAt!.getTime() - row.decidedAt!.getTime()).toBe(3 * DAY);
    const seen = await mainOf(await applicant.client.get(`${P}/cases/${id}`));
    expect(seen).toContain('已先行提供法律援助');
    expect(seen).toContain('符合经济困难条件');
  });

  it('alerts once when the designation deadline passes without a lawyer', async () => {
    const { decidedAt } = await caseRow(id);
    expect((await kit.work('alpha', (w) => alertCaseDeadlines(w, new Date(decidedAt!.getTime() + 2 * DAY)))).designation).toBe(0);
    expect((await kit.work('alpha', (w) => alertCaseDeadlines(w, new Date(decidedAt!.getTime() + 4 * DAY)))).designation).toBe(1);
    expect((await auditOf(id)).filter((a) => a.action === 'legal-aid-card.case_designation_overdue')).toHaveLength(1);
  });

  it('refuses to designate a lawyer whose declared conflicts match the adverse party', async () => {
    expect((await conflicted.client.post(`${P}/conflicts`, { firm: '琼海律所', parties: '某银行\n椰林建筑公司' })).status).toBe(303);
    const res = await coordinator.client.post(`${P}/cases/${id}/designation`, { lawyer: conflicted.id });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'lawyer')).toContain('利益冲突');
    expect((await caseRow(id)).lawyerUserId).toBeNull();
    expect((await conflicted.client.get(`${P}/cases/${id}`)).status).toBe(403);
    // A lawyer of the same firm who declared no party of their own is refused too: the firm's conflict is theirs.
    const colleague = await member(kit, 'alpha', '同所律师', ['legal-aid-card.lawyer']);
    expect((await colleague.client.post(`${P}/conflicts`, { firm: '琼海 律所', parties: '' })).status).toBe(303);
    const refused = await coordinator.client.post(`${P}/cases/${id}/designation`, { lawyer: colleague.id });
    expect(refused.status).toBe(400);
    expect(fieldError(await refused.text(), 'lawyer')).toContain('利益冲突');
    expect((await caseRow(id)).lawyerUserId).toBeNull();
  });

  it('shows the designated lawyer only a summary until they confirm no conflict', async () => {
    expect((await coordinator.client.post(`${P}/cases/${id}/designation`, { lawyer: lawyer.id })).status).toBe(303);
    const summary = await mainOf(await lawyer.client.get(`${P}/cases/${id}`));
    expect(summary).toContain('确认与对方当事人没有利益冲突');
    expect(summary).not.toContain('椰林建筑');
    expect(summary).not.toContain('两万元');
    expect(summary).not.toContain('符大姐');
    expect((await lawyer.client.post(`${P}/cases/${id}/notes`, { note: '先看材料' })).status).toBe(403);

    expect((await lawyer.client.post(`${P}/cases/${id}/no-conflict`)).status).toBe(303);
    const full = await mainOf(await lawyer.client.get(`${P}/cases/${id}`));
    expect(full).toContain('椰林建筑有限公司');
    expect(full).toContain('两万元');
    expect((await lawyer.client.post(`${P}/cases/${id}/notes`, { note: '已向劳动仲裁委提交申请，开庭日期待定。' })).status).toBe(303);
    // A referral out must say where to: refused beside the field, the case still open.
    const unnamed = await lawyer.client.post(`${P}/cases/${id}/close`, { outcome: 'referred_out', referred_to: ' ' });
    expect(unnamed.status).toBe(400);
    expect(fieldError(await unnamed.text(), 'referred_to')).toBeTruthy();
    expect((await caseRow(id)).status).toBe('approved');
    expect((await lawyer.client.post(`${P}/cases/${id}/close`, { outcome: 'mediated', referred_to: '' })).status).toBe(303);
    expect(await caseRow(id)).toMatchObject({ status: 'closed', outcome: 'mediated' });
    const followed = await mainOf(await applicant.client.get(`${P}/cases/${id}`));
    expect(followed).toContain('调解或和解');
    expect(followed).toContain('劳动仲裁委');
  });

  it('keeps the case from anyone else, and has every read and write of it in the audit log', async () => {
    const neighbour = await member(kit, 'alpha', '邻居');
    expect((await neighbour.client.get(`${P}/cases/${id}`)).status).toBe(403);
    expect((await neighbour.client.get(`${P}/cases`)).status).toBe(403);
    const actions = (await auditOf(id)).map((a) => `${a.action} ${a.actor}`);
    const count = (action: string, who: Person) => actions.filter((a) => a === `legal-aid-card.${action} user:${who.id}`).length;
    expect(count('case_submitted', applicant)).toBe(1);
    expect(count('case_read', applicant)).toBe(2);
    expect(count('case_summary_read', lawyer)).toBe(1);
    expect(count('case_read', lawyer)).toBe(1);
    for (const [action, who] of [['case_emergency_service', coordinator], ['case_approved', coordinator], ['case_designated', coordinator], ['case_conflict_cleared', lawyer], ['case_note_added', lawyer], ['case_closed', lawyer]] as const) {
      expect(count(action, who), action).toBe(1);
    }
    // Nobody denied left a read behind, and no entry carries the matter or the parties.
    expect(actions.some((a) => a.endsWith(`user:${neighbour.id}`) || a.endsWith(`user:${conflicted.id}`))).toBe(false);
    expect(JSON.stringify(await auditOf(id))).not.toContain('椰林');
  });

  it('exports cases to coordinators only, without the applicant, the matter or the parties, each case exported in the audit log', async () => {
    for (const who of [applicant, lawyer, await member(kit, 'alpha', '路人')]) expect((await who.client.get(`${P}/cases.csv`)).status, who.name).toBe(403);
    expect(await kit.auditEntries('alpha', 'legal-aid-card.case%exported')).toHaveLength(0);
    expect(await mainOf(await coordinator.client.get(`${P}/cases`))).toContain(`${P}/cases.csv`);
    const res = await coordinator.client.get(`${P}/cases.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csv = await res.text();
    expect(csv).toContain(id);
    expect(csv).toContain('调解或和解');
    expect(csv).toContain('海律师');
    for (const personal of ['符大姐', '椰林', '两万元', '一千五百元']) expect(csv).not.toContain(personal);
    const exported = (await kit.auditEntries('alpha', 'legal-aid-card.case_exported')).filter((e) => e.actor === `user:${coordinator.id}`);
    const allCases = await kit.inCity('alpha', (tx, t) => tx.select({ id: legalAidApplications.id }).from(legalAidApplications).where(eq(legalAidApplications.tenantId, t)));
    expect(exported.map((e) => e.target).sort()).toEqual(allCases.map((r) => `legal-aid-card:case:${r.id}`).sort());
  });

  it('reports to the sponsor and the public in figures only', async () => {
    const visitor = kit.visitor('alpha');
    const res = await visitor.get(`${P}/report`);
    expect(res.status).toBe(200);
    const report = await mainOf(res);
    const row = /<tbody>([\s\S]*?)<\/tbody>/.exec(report)![1]!;
    // 3 cards issued, 1 activated, no questions, 2 applications, 1 closed by mediation, no lawyer hours verified.
    expect(row.replace(/<[^>]+>/g, '|').split('|').filter((x) => x.trim())).toEqual(['测试公益基金会', '3', '1', '0', '2', '调解或和解 1', '0分钟']);
    for (const personal of ['符大姐', '椰林', '两万元', '海律师']) expect(report).not.toContain(personal);
  });
});
