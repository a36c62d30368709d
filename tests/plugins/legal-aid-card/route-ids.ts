import { activateCard } from '../../../plugins/legal-aid-card/activation.ts';
import { applyForAid, decideCase, designateLawyer, confirmNoConflict } from '../../../plugins/legal-aid-card/applications.ts';
import { addDeadline } from '../../../plugins/legal-aid-card/case-deadlines.ts';
import { legalAidCaseDeadlines } from '../../../plugins/legal-aid-card/schema.ts';
import { and, eq } from 'drizzle-orm';
import { addToThread, askQuestion } from '../../../plugins/legal-aid-card/consultations.ts';
import { legalAidCardPlugin } from '../../../plugins/legal-aid-card/index.ts';
import { enterHours, hoursOf } from '../../../plugins/legal-aid-card/lawyer-hours.ts';
import { publishLesson } from '../../../plugins/legal-aid-card/lessons.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { batch } from './fixtures.ts';

/**
 * One row of each id kind the legal-aid card declares (plugins/legal-aid-card/index.ts),
 * in city `slug`, each on a page its admin can open: the attack suites send these
 * ids to every route. The plugin must be enabled in the city.
 */
export async function rowsOfEachKind(kit: PluginKit, slug: string, adminId: string): Promise<Record<string, string>> {
  const made = await batch(kit, slug, adminId);
  const holder = await kit.person(slug, '持卡攻击测试', { profile: true });
  const lawyer = await kit.person(slug, '律师攻击测试', { roles: ['legal-aid-card.lawyer'] });
  const asLawyer = { id: lawyer.id, can: (permission: string) => permission === 'legal-aid-card.answer' };
  const card = made.cards[0]!;
  const rows = await kit.work(slug, async (w) => {
    const activated = await activateCard(w, holder.id, { number: card.number, code: card.code, address: null }, new Date());
    if (!activated.ok) throw new Error('legal-aid card set-up failed');
    const asked = await askQuestion(w, holder.id, { category: 'labour', description: '老板拖欠三个月工资', preferredContact: 'site', contactPhone: null, urgency: 'normal' }, { responseHours: 24, urgentResponseHours: 4 }, new Date());
    const applied = await applyForAid(w, holder.id, { category: 'labour', matter: '追讨欠薪', adverseParty: '某建筑公司', exemptGroup: 'migrant_worker_wages', hardshipStatement: null, emergencyGround: 'limitation_within_7_days' }, { decisionDays: 7, designationDays: 3 }, new Date());
    if (!asked.ok || !applied.ok) throw new Error('legal-aid card set-up failed');
    if ((await addToThread(w, asLawyer, asked.id, '可以申请劳动仲裁。', new Date())) !== 'ok') throw new Error('legal-aid card set-up failed');
    if ((await enterHours(w, asLawyer, 'consultation', asked.id, 45, new Date())) !== 'ok') throw new Error('legal-aid card set-up failed');
    const [hours] = await hoursOf(w, lawyer.id);
    // An approved case designated to the lawyer, who cleared it and gave it a deadline: the deadline kind's row.
    const asCoordinator = { id: adminId, can: (permission: string) => permission === 'legal-aid-card.coordinate' };
    const steps = [
      await decideCase(w, asCoordinator, applied.id, { approve: true, reasons: '符合条件' }, { decisionDays: 7, designationDays: 3 }, new Date()),
      await designateLawyer(w, asCoordinator, applied.id, lawyer.id, new Date(), 'http://localhost'),
      await confirmNoConflict(w, asLawyer, applied.id, new Date()),
      await addDeadline(w, asLawyer, applied.id, { kind: 'hearing', dueAt: new Date(Date.now() + 86_400_000), title: '开庭' }, new Date()),
    ];
    if (steps.some((s) => s !== 'ok')) throw new Error('legal-aid card set-up failed');
    const [deadline] = await w.tx.select({ id: legalAidCaseDeadlines.id }).from(legalAidCaseDeadlines).where(and(eq(legalAidCaseDeadlines.tenantId, w.tenantId), eq(legalAidCaseDeadlines.applicationId, applied.id)));
    const session = await publishLesson(w, adminId, { kind: 'session', category: 'elder', title: '防范养老诈骗讲座', body: '识别常见骗局', startsAt: new Date(), place: '社区活动室' });
    return { question: asked.id, application: applied.id, session, hours: hours!.id, deadline: deadline!.id };
  }, legalAidCardPlugin);
  return { 'legal-aid-card.batch': made.batch.id, 'legal-aid-card.consultation': rows.question, 'legal-aid-card.case': rows.application, 'legal-aid-card.session': rows.session, 'legal-aid-card.hours': rows.hours, 'legal-aid-card.deadline': rows.deadline };
}
