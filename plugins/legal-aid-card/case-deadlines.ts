import { and, asc, eq, gte, inArray, isNull, lt, lte } from 'drizzle-orm';
import { type CityWork, newId } from '../../core/plugin-api.ts';
import { canOnCase, type Viewer } from './access.ts';
import { type CaseDeadline, type CaseRefusal, findCase } from './applications.ts';
import { legalAidApplications, legalAidCaseDeadlines } from './schema.ts';

/**
 * Dated steps of a case (hearings, filing deadlines, tasks), kept by the designated
 * lawyer after clearing conflicts and by coordinators. The title is shown on the case
 * only: warnings carry counts and a link, never a title or a case.
 */
export const DEADLINE_KINDS = ['hearing', 'filing', 'task'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export type UpcomingDeadline = Pick<CaseDeadline, 'id' | 'applicationId' | 'kind' | 'dueAt' | 'title'>;

const target = (id: string) => `legal-aid-card:case:${id}`;
const DAY_MS = 24 * 60 * 60 * 1000;
const ofCity = (tenantId: string) => eq(legalAidCaseDeadlines.tenantId, tenantId);

export async function addDeadline(w: CityWork, viewer: Viewer, caseId: string, deadline: { kind: DeadlineKind; dueAt: Date; title: string }, now: Date): Promise<'ok' | CaseRefusal> {
  const found = await findCase(w, caseId);
  if (!found) return 'not_found';
  if (!canOnCase(viewer, 'note', found)) return 'forbidden';
  const id = newId();
  await w.tx.insert(legalAidCaseDeadlines).values({ tenantId: w.tenantId, id, applicationId: caseId, ...deadline, createdBy: viewer.id, createdAt: now });
  await w.audit({ actor: `user:${viewer.id}`, action: 'legal-aid-card.case_deadline_added', target: target(caseId), detail: { deadline: id, kind: deadline.kind } });
  return 'ok';
}

/** Marks a deadline met; a second time changes nothing. */
export async function completeDeadline(w: CityWork, viewer: Viewer, caseId: string, deadlineId: string, now: Date): Promise<'ok' | CaseRefusal> {
  const found = await findCase(w, caseId);
  if (!found) return 'not_found';
  if (!canOnCase(viewer, 'note', found)) return 'forbidden';
  const done = await w.tx
    .update(legalAidCaseDeadlines)
    .set({ doneAt: now, doneBy: viewer.id })
    .where(and(ofCity(w.tenantId), eq(legalAidCaseDeadlines.applicationId, caseId), eq(legalAidCaseDeadlines.id, deadlineId), isNull(legalAidCaseDeadlines.doneAt)))
    .returning({ id: legalAidCaseDeadlines.id });
  if (done.length === 0) {
    const [exists] = await w.tx.select({ id: legalAidCaseDeadlines.id }).from(legalAidCaseDeadlines).where(and(ofCity(w.tenantId), eq(legalAidCaseDeadlines.applicationId, caseId), eq(legalAidCaseDeadlines.id, deadlineId)));
    return exists ? 'wrong_state' : 'not_found';
  }
  await w.audit({ actor: `user:${viewer.id}`, action: 'legal-aid-card.case_deadline_done', target: target(caseId), detail: { deadline: deadlineId } });
  return 'ok';
}

/** Cases still open, as a subquery: deadlines of closed cases warn nobody. */
const openCases = (w: CityWork, lawyerId?: string) =>
  w.tx
    .select({ id: legalAidApplications.id })
    .from(legalAidApplications)
    .where(and(eq(legalAidApplications.tenantId, w.tenantId), eq(legalAidApplications.status, 'approved'), lawyerId ? eq(legalAidApplications.lawyerUserId, lawyerId) : undefined));

/** A lawyer's open deadlines on their open cases (only a cleared lawyer can add one), soonest first, overdue ones too, for `/cases`. */
export async function upcomingDeadlinesOf(w: CityWork, lawyerId: string): Promise<UpcomingDeadline[]> {
  const cleared = openCases(w, lawyerId);
  return w.tx
    .select({ id: legalAidCaseDeadlines.id, applicationId: legalAidCaseDeadlines.applicationId, kind: legalAidCaseDeadlines.kind, dueAt: legalAidCaseDeadlines.dueAt, title: legalAidCaseDeadlines.title })
    .from(legalAidCaseDeadlines)
    .where(and(ofCity(w.tenantId), isNull(legalAidCaseDeadlines.doneAt), inArray(legalAidCaseDeadlines.applicationId, cleared)))
    .orderBy(asc(legalAidCaseDeadlines.dueAt));
}

/** Per lawyer, how many deadlines newly came within the warning days, and how many newly passed. */
export type DeadlineCounts = { soon: number; overdue: number };

/**
 * Marks, once each, open deadlines of open cases that came within `warningDays`
 * and those that passed; answers the counts per designated lawyer (the case id only
 * goes to the audit log).
 */
export async function alertDeadlineDates(w: CityWork, now: Date, warningDays: number): Promise<Map<string, DeadlineCounts>> {
  const { tx, tenantId } = w;
  const pending = and(ofCity(tenantId), isNull(legalAidCaseDeadlines.doneAt), inArray(legalAidCaseDeadlines.applicationId, openCases(w)));
  const overdue = await tx
    .update(legalAidCaseDeadlines)
    .set({ overdueAlertedAt: now, soonAlertedAt: now })
    .where(and(pending, isNull(legalAidCaseDeadlines.overdueAlertedAt), lt(legalAidCaseDeadlines.dueAt, now)))
    .returning({ caseId: legalAidCaseDeadlines.applicationId });
  const soon = await tx
    .update(legalAidCaseDeadlines)
    .set({ soonAlertedAt: now })
    .where(and(pending, isNull(legalAidCaseDeadlines.soonAlertedAt), gte(legalAidCaseDeadlines.dueAt, now), lte(legalAidCaseDeadlines.dueAt, new Date(now.getTime() + warningDays * DAY_MS))))
    .returning({ caseId: legalAidCaseDeadlines.applicationId });
  const counts = new Map<string, DeadlineCounts>();
  const caseIds = [...new Set([...overdue, ...soon].map((r) => r.caseId))];
  if (caseIds.length === 0) return counts;
  const lawyers = new Map(
    (await tx.select({ id: legalAidApplications.id, lawyer: legalAidApplications.lawyerUserId }).from(legalAidApplications).where(and(eq(legalAidApplications.tenantId, tenantId), inArray(legalAidApplications.id, caseIds)))).map((r) => [r.id, r.lawyer ?? '']),
  );
  const add = (caseId: string, key: keyof DeadlineCounts) => {
    const lawyer = lawyers.get(caseId) ?? '';
    const c = counts.get(lawyer) ?? { soon: 0, overdue: 0 };
    c[key]++;
    counts.set(lawyer, c);
  };
  for (const r of overdue) add(r.caseId, 'overdue');
  for (const r of soon) add(r.caseId, 'soon');
  for (const r of overdue) await w.audit({ actor: 'platform:job', action: 'legal-aid-card.case_deadline_overdue', target: target(r.caseId) });
  for (const r of soon) await w.audit({ actor: 'platform:job', action: 'legal-aid-card.case_deadline_soon', target: target(r.caseId) });
  return counts;
}
