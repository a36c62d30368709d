import { defineMessageKind, queueMessage, type PluginContext } from '../../core/plugin-api.ts';
import { alertCaseDeadlines } from './applications.ts';
import { alertDeadlineDates } from './case-deadlines.ts';
import { alertOverdueQuestions } from './consultations.ts';

/**
 * Coordinators hear of what ran past its deadline since the last run: questions
 * past their answer target, applications past the decision deadline, approved
 * ones past the designation deadline. A message carries counts and where to look,
 * never a party, a matter or an applicant.
 */

type Counts = { questions: number; decisions: number; designations: number; queue: string; cases: string };

const COORDINATOR_ROLE = 'legal-aid-card.coordinator';

export const deadlineAlertKind = defineMessageKind<Counts>({
  id: 'legal-aid-card.deadlines',
  essential: true,
  sensitive: true,
  channels: ['email', 'sms'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: `【${city['zh-CN']}】法律援助有事项超过期限`,
          text: `新超过期限的事项：法律咨询超过答复时限 ${p.questions} 个，法律援助申请超过决定期限 ${p.decisions} 件，超过指派律师期限 ${p.designations} 件。\n咨询队列：${p.queue}\n法律援助案件：${p.cases}`,
        }
      : {
          subject: `${city.en}: legal-aid deadlines passed`,
          text: `Newly past their deadline: ${p.questions} consultations past the answer target, ${p.decisions} aid applications past the decision deadline, ${p.designations} past the designation deadline.\nConsultation queue: ${p.queue}\nLegal-aid cases: ${p.cases}`,
        },
  sms: {
    template: 'legal-aid-card.deadlines',
    params: (p) => ({ questions: String(p.questions), decisions: String(p.decisions), designations: String(p.designations) }),
    text: (p, locale, city) =>
      locale === 'zh-CN'
        ? `【${city['zh-CN']}】法律援助：${p.questions}个咨询超时未答复，${p.decisions}件申请超过决定期限，${p.designations}件超过指派期限，请登录网站查看。`
        : `[${city.en}] Legal aid: ${p.questions} consultations unanswered past target, ${p.decisions} applications past the decision deadline, ${p.designations} past the designation deadline. Sign in to see them.`,
  },
});

type DeadlineNotice = { soon: number; overdue: number; days: number; cases: string };

/** Case deadlines (hearings, filings, tasks) coming within the warning days or passed: counts and the cases page only. */
export const caseDeadlineKind = defineMessageKind<DeadlineNotice>({
  id: 'legal-aid-card.case-deadlines',
  essential: true,
  sensitive: true,
  channels: ['email', 'sms'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? { subject: `【${city['zh-CN']}】法律援助案件期限提醒`, text: `${p.days} 日内到期的案件期限 ${p.soon} 个，已超过的 ${p.overdue} 个。\n法律援助案件：${p.cases}` }
      : { subject: `${city.en}: legal-aid case deadlines`, text: `${p.soon} case deadlines due within ${p.days} days, ${p.overdue} passed.\nLegal-aid cases: ${p.cases}` },
  sms: {
    template: 'legal-aid-card.case-deadlines',
    params: (p) => ({ soon: String(p.soon), overdue: String(p.overdue), days: String(p.days) }),
    text: (p, locale, city) =>
      locale === 'zh-CN'
        ? `【${city['zh-CN']}】法律援助：${p.days}日内到期的案件期限${p.soon}个，已超期${p.overdue}个，请登录网站查看。`
        : `[${city.en}] Legal aid: ${p.soon} case deadlines due within ${p.days} days, ${p.overdue} passed. Sign in to see them.`,
  },
});

/**
 * The job's run: marks (once each) what newly passed its deadline, then sends each
 * coordinator one message with the counts. A failed run rolls back marks and
 * messages together, so a retry sends them once.
 */
export async function alertCoordinators(ctx: PluginContext, now: Date): Promise<Omit<Counts, 'queue' | 'cases'> & { deadlinesSoon: number; deadlinesOverdue: number }> {
  return ctx.work(async (w) => {
    const questions = await alertOverdueQuestions(w, now);
    const { decision: decisions, designation: designations } = await alertCaseDeadlines(w, now);
    const base = `${ctx.city.siteUrl}/p/legal-aid-card`;
    const { deadlinesSoon, deadlinesOverdue } = await warnOfCaseDeadlines(ctx, w, now, `${base}/cases`);
    if (questions + decisions + designations === 0) return { questions, decisions, designations, deadlinesSoon, deadlinesOverdue };
    const counts: Counts = { questions, decisions, designations, queue: `${base}/queue`, cases: `${base}/cases` };
    for (const coordinator of await w.people.withRole(COORDINATOR_ROLE)) {
      await queueMessage(w.tx, w.tenantId, deadlineAlertKind, { userId: coordinator.id }, counts, `legal-aid-card:deadlines:${coordinator.id}:${now.toISOString()}`);
    }
    return { questions, decisions, designations, deadlinesSoon, deadlinesOverdue };
  });
}

/** Each designated lawyer hears of their own case deadlines, each coordinator of the city's: counts and the cases page. */
async function warnOfCaseDeadlines(ctx: PluginContext, w: Parameters<Parameters<PluginContext['work']>[0]>[0], now: Date, cases: string) {
  const days = (ctx.settings as { deadlineWarningDays?: number }).deadlineWarningDays ?? 3;
  const byLawyer = await alertDeadlineDates(w, now, days);
  let deadlinesSoon = 0;
  let deadlinesOverdue = 0;
  for (const [lawyer, c] of byLawyer) {
    deadlinesSoon += c.soon;
    deadlinesOverdue += c.overdue;
    if (lawyer) await queueMessage(w.tx, w.tenantId, caseDeadlineKind, { userId: lawyer }, { ...c, days, cases }, `legal-aid-card:case-deadlines:${lawyer}:${now.toISOString()}`);
  }
  if (deadlinesSoon + deadlinesOverdue > 0) {
    for (const coordinator of await w.people.withRole(COORDINATOR_ROLE)) {
      await queueMessage(w.tx, w.tenantId, caseDeadlineKind, { userId: coordinator.id }, { soon: deadlinesSoon, overdue: deadlinesOverdue, days, cases }, `legal-aid-card:case-deadlines:${coordinator.id}:${now.toISOString()}`);
    }
  }
  return { deadlinesSoon, deadlinesOverdue };
}
