import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import { type CityWork, newId } from '../../core/plugin-api.ts';
import { type CaseAction, canOnCase, MAY_COORDINATE, type Viewer } from './access.ts';
import { activeCardOf, cardGivesBenefits } from './cards.ts';
import { conflictingParties, partiesOfLawyerAndFirm } from './conflicts.ts';
import { notifyDesignated } from './case-notices.ts';
import type { Category } from './consultations.ts';
import { legalAidApplications, legalAidCaseDeadlines, legalAidCaseNotes } from './schema.ts';

export type Application = typeof legalAidApplications.$inferSelect;
export type CaseNote = typeof legalAidCaseNotes.$inferSelect;
export type CaseDeadline = typeof legalAidCaseDeadlines.$inferSelect;
/** What a list, or a lawyer before clearing conflicts, sees of a case: no parties, no matter. */
export type CaseSummary = Pick<Application, 'id' | 'category' | 'status' | 'submittedAt' | 'decisionDueAt' | 'designationDueAt' | 'lawyerUserId' | 'conflictClearedAt' | 'offeredAt' | 'district' | 'emergencyGround' | 'emergencyServiceAt' | 'decisionAlertedAt' | 'designationAlertedAt' | 'outcome' | 'decidedAt' | 'designatedAt' | 'closedAt'>;

/**
 * Applicants who make no hardship statement: Art. 32, matters where aid is not
 * limited by economic hardship at all, and Art. 42, groups whose hardship is not checked.
 */
export const EXEMPT_GROUPS = ['martyr_relative', 'good_samaritan', 'retrial_acquittal', 'abuse_victim', 'dependent_without_income', 'assistance_recipient', 'migrant_worker_wages'] as const;
/** Art. 44: when the agency may serve before deciding. */
export const EMERGENCY_GROUNDS = ['limitation_within_7_days', 'preservation_needed'] as const;
export const OUTCOMES = ['advice_given', 'mediated', 'judgment_won', 'judgment_lost', 'withdrawn', 'referred_out'] as const;

export type Deadlines = { decisionDays: number; designationDays: number };
export type AidRequest = {
  category: Category;
  matter: string;
  adverseParty: string;
  exemptGroup: (typeof EXEMPT_GROUPS)[number] | null;
  /** Required without an exempt group, with the commitment: never a hardship certificate. */
  hardshipStatement: string | null;
  emergencyGround: (typeof EMERGENCY_GROUNDS)[number] | null;
  district?: string | null;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const ofCity = (tenantId: string) => eq(legalAidApplications.tenantId, tenantId);
const target = (id: string) => `legal-aid-card:case:${id}`;
const summary = {
  id: legalAidApplications.id,
  category: legalAidApplications.category,
  status: legalAidApplications.status,
  submittedAt: legalAidApplications.submittedAt,
  decisionDueAt: legalAidApplications.decisionDueAt,
  designationDueAt: legalAidApplications.designationDueAt,
  lawyerUserId: legalAidApplications.lawyerUserId,
  conflictClearedAt: legalAidApplications.conflictClearedAt,
  offeredAt: legalAidApplications.offeredAt,
  district: legalAidApplications.district,
  emergencyGround: legalAidApplications.emergencyGround,
  emergencyServiceAt: legalAidApplications.emergencyServiceAt,
  decisionAlertedAt: legalAidApplications.decisionAlertedAt,
  designationAlertedAt: legalAidApplications.designationAlertedAt,
  outcome: legalAidApplications.outcome,
  decidedAt: legalAidApplications.decidedAt,
  designatedAt: legalAidApplications.designatedAt,
  closedAt: legalAidApplications.closedAt,
};

/** A holder of a usable card applies; the decision is due within the city's days (Art. 43: 7 by default). */
export async function applyForAid(w: CityWork, applicantId: string, request: AidRequest, deadlines: Deadlines, now: Date): Promise<{ ok: true; id: string } | { ok: false; reason: 'no_card' }> {
  const { tx, tenantId } = w;
  const held = await activeCardOf(w, applicantId);
  if (!held || !cardGivesBenefits(held, now)) return { ok: false, reason: 'no_card' };
  const id = newId();
  await tx.insert(legalAidApplications).values({
    tenantId,
    id,
    cardId: held.card.id,
    applicantUserId: applicantId,
    ...request,
    committedAt: request.exemptGroup ? null : now,
    submittedAt: now,
    decisionDueAt: new Date(now.getTime() + deadlines.decisionDays * DAY_MS),
  });
  await w.audit({ actor: `user:${applicantId}`, action: 'legal-aid-card.case_submitted', target: target(id) });
  return { ok: true, id };
}

export async function applicationsOf(w: CityWork, applicantId: string): Promise<CaseSummary[]> {
  const { tx, tenantId } = w;
  return tx.select(summary).from(legalAidApplications).where(and(ofCity(tenantId), eq(legalAidApplications.applicantUserId, applicantId))).orderBy(asc(legalAidApplications.submittedAt));
}

/** Coordinators: every case not closed, soonest deadline first. Lawyers: the cases designated to them. */
export async function casesFor(w: CityWork, viewer: Viewer): Promise<CaseSummary[]> {
  const { tx, tenantId } = w;
  const mine = viewer.can(MAY_COORDINATE) ? or(eq(legalAidApplications.status, 'submitted'), eq(legalAidApplications.status, 'approved')) : eq(legalAidApplications.lawyerUserId, viewer.id);
  return tx.select(summary).from(legalAidApplications).where(and(ofCity(tenantId), mine)).orderBy(asc(legalAidApplications.decisionDueAt));
}

export async function findCase(w: CityWork, id: string): Promise<Application | null> {
  const { tx, tenantId } = w;
  const [row] = await tx.select().from(legalAidApplications).where(and(ofCity(tenantId), eq(legalAidApplications.id, id))).for('update');
  return row ?? null;
}

export type CaseView = ({ full: true; application: Application; notes: CaseNote[]; deadlines: CaseDeadline[] } | { full: false; summary: CaseSummary }) & { actions: CaseStep[] };
export type CaseStep = 'decision' | 'emergency' | 'designation' | 'offer' | 'withdraw-offer' | 'no-conflict' | 'notes' | 'deadlines' | 'close';

/** The steps the viewer may take on the case now, as `canOnCase` and the case's state allow. */
export function stepsFor(viewer: Viewer, c: Application): CaseStep[] {
  const steps: CaseStep[] = [];
  const decides = canOnCase(viewer, 'decide', c);
  if (decides && c.status === 'submitted') steps.push('decision');
  if (decides && c.status === 'submitted' && c.emergencyGround && !c.emergencyServiceAt) steps.push('emergency');
  if (decides && c.status === 'approved') steps.push('designation');
  if (decides && c.status === 'approved' && !c.lawyerUserId) steps.push(c.offeredAt ? 'withdraw-offer' : 'offer');
  if (canOnCase(viewer, 'clear_conflict', c)) steps.push('no-conflict');
  if (canOnCase(viewer, 'note', c)) steps.push('notes', 'deadlines');
  if (canOnCase(viewer, 'close', c)) steps.push('close');
  return steps;
}

/**
 * The one way to read a case, each read in the audit log: the whole case for
 * those who may read it, the summary alone for a designated lawyer who has not
 * yet confirmed no conflict.
 */
export async function readCase(w: CityWork, viewer: Viewer, id: string, address: string | null): Promise<CaseView | 'not_found' | 'forbidden'> {
  const { tx, tenantId } = w;
  const [application] = await tx.select().from(legalAidApplications).where(and(ofCity(tenantId), eq(legalAidApplications.id, id)));
  if (!application) return 'not_found';
  if (canOnCase(viewer, 'read', application)) {
    const notes = await tx.select().from(legalAidCaseNotes).where(and(eq(legalAidCaseNotes.tenantId, tenantId), eq(legalAidCaseNotes.applicationId, id))).orderBy(asc(legalAidCaseNotes.createdAt), asc(legalAidCaseNotes.id));
    // The applicant follows the hearing dates; the lawyer and coordinators every deadline.
    const hearingsOnly = application.applicantUserId === viewer.id;
    const deadlines = await tx
      .select()
      .from(legalAidCaseDeadlines)
      .where(and(eq(legalAidCaseDeadlines.tenantId, tenantId), eq(legalAidCaseDeadlines.applicationId, id), hearingsOnly ? eq(legalAidCaseDeadlines.kind, 'hearing') : undefined))
      .orderBy(asc(legalAidCaseDeadlines.dueAt), asc(legalAidCaseDeadlines.id));
    await w.audit({ actor: `user:${viewer.id}`, action: 'legal-aid-card.case_read', target: target(id), address });
    return { full: true, application, notes, deadlines, actions: stepsFor(viewer, application) };
  }
  if (!canOnCase(viewer, 'read_summary', application)) return 'forbidden';
  await w.audit({ actor: `user:${viewer.id}`, action: 'legal-aid-card.case_summary_read', target: target(id), address });
  const { matter: _matter, adverseParty: _adverse, hardshipStatement: _hardship, exemptGroup: _group, decisionReasons: _reasons, ...rest } = application;
  return { full: false, summary: rest, actions: stepsFor(viewer, application) };
}

export type CaseRefusal = 'not_found' | 'forbidden' | 'wrong_state' | 'conflict' | 'not_a_lawyer' | 'no_match' | 'taken';

export async function changeCase(w: CityWork, viewer: Viewer, id: string, allowed: (c: Application) => boolean, change: (c: Application) => Promise<Partial<Application> | CaseRefusal>, action: string, detail?: Record<string, unknown>): Promise<'ok' | CaseRefusal> {
  const { tx, tenantId } = w;
  const found = await findCase(w, id);
  if (!found) return 'not_found';
  if (!allowed(found)) return 'forbidden';
  const set = await change(found);
  if (typeof set === 'string') return set;
  await tx.update(legalAidApplications).set(set).where(and(ofCity(tenantId), eq(legalAidApplications.id, id)));
  await w.audit({ actor: `user:${viewer.id}`, action: `legal-aid-card.${action}`, target: target(id), detail });
  return 'ok';
}

const STEP_RIGHTS: Record<CaseStep, CaseAction> = { decision: 'decide', emergency: 'decide', designation: 'decide', offer: 'decide', 'withdraw-offer': 'decide', 'no-conflict': 'clear_conflict', notes: 'note', deadlines: 'note', close: 'close' };

/** Whether the viewer may take this step on the case at all, asked before their form is read (nothing of the case is shown). */
export async function caseStepRight(w: CityWork, viewer: Viewer, id: string, step: CaseStep): Promise<'ok' | 'not_found' | 'forbidden'> {
  const { tx, tenantId } = w;
  const [found] = await tx.select().from(legalAidApplications).where(and(ofCity(tenantId), eq(legalAidApplications.id, id)));
  if (!found) return 'not_found';
  return canOnCase(viewer, STEP_RIGHTS[step], found) ? 'ok' : 'forbidden';
}

/** A written decision with its reasons (Art. 43); approval starts the designation deadline. */
export function decideCase(w: CityWork, viewer: Viewer, id: string, decision: { approve: boolean; reasons: string }, deadlines: Deadlines, now: Date) {
  return changeCase(w, viewer, id, (c) => canOnCase(viewer, 'decide', c), async (c) => {
    if (c.status !== 'submitted') return 'wrong_state';
    return { status: decision.approve ? 'approved' : 'rejected', decidedAt: now, decidedBy: viewer.id, decisionReasons: decision.reasons, designationDueAt: decision.approve ? new Date(now.getTime() + deadlines.designationDays * DAY_MS) : null };
  }, decision.approve ? 'case_approved' : 'case_rejected');
}

/** Service before the decision, on the ground the applicant gave (Art. 44). */
export function startEmergencyService(w: CityWork, viewer: Viewer, id: string, now: Date) {
  return changeCase(w, viewer, id, (c) => canOnCase(viewer, 'decide', c), async (c) => (c.status !== 'submitted' || !c.emergencyGround || c.emergencyServiceAt ? 'wrong_state' : { emergencyServiceAt: now }), 'case_emergency_service');
}

/** Designates a volunteer lawyer, unless their or their firm's declared conflicts match the adverse party. */
export function designateLawyer(w: CityWork, viewer: Viewer, id: string, lawyerId: string, now: Date, siteUrl: string) {
  return changeCase(w, viewer, id, (c) => canOnCase(viewer, 'decide', c), async (c) => {
    if (c.status !== 'approved' || c.closedAt) return 'wrong_state';
    if (!(await w.people.withRole('legal-aid-card.lawyer')).some((m) => m.id === lawyerId) || lawyerId === c.applicantUserId) return 'not_a_lawyer';
    if (conflictingParties(await partiesOfLawyerAndFirm(w, lawyerId), c.adverseParty).length > 0) return 'conflict';
    await notifyDesignated(w, c, lawyerId, siteUrl, now);
    return { lawyerUserId: lawyerId, designatedAt: now, conflictClearedAt: null, offeredAt: null, offeredBy: null };
  }, 'case_designated', { lawyer: lawyerId });
}

/** The designated lawyer confirms no conflict with the adverse party; only then are the details theirs to see. */
export function confirmNoConflict(w: CityWork, viewer: Viewer, id: string, now: Date) {
  return changeCase(w, viewer, id, (c) => canOnCase(viewer, 'clear_conflict', c), async (c) => {
    // Declarations made since the designation, theirs or their firm's, count too.
    if (conflictingParties(await partiesOfLawyerAndFirm(w, viewer.id), c.adverseParty).length > 0) return 'conflict';
    return { conflictClearedAt: now };
  }, 'case_conflict_cleared');
}

export async function addCaseNote(w: CityWork, viewer: Viewer, id: string, body: string, now: Date): Promise<'ok' | CaseRefusal> {
  const { tx, tenantId } = w;
  const found = await findCase(w, id);
  if (!found) return 'not_found';
  if (!canOnCase(viewer, 'note', found)) return 'forbidden';
  await tx.insert(legalAidCaseNotes).values({ tenantId, id: newId(), applicationId: id, authorUserId: viewer.id, body, createdAt: now });
  await w.audit({ actor: `user:${viewer.id}`, action: 'legal-aid-card.case_note_added', target: target(id) });
  return 'ok';
}

/** Closes a case with an outcome code; `referred_out` hands it to the service named in `referredTo`. */
export function closeCase(w: CityWork, viewer: Viewer, id: string, closing: { outcome: (typeof OUTCOMES)[number]; referredTo: string | null }, now: Date) {
  const referredTo = closing.outcome === 'referred_out' ? closing.referredTo : null;
  return changeCase(w, viewer, id, (c) => canOnCase(viewer, 'close', c), async () => ({ status: 'closed', closedAt: now, outcome: closing.outcome, referredTo }), 'case_closed', { outcome: closing.outcome });
}

/**
 * Cases past the decision deadline undecided, or past the designation deadline
 * without a lawyer: each alerted once, by id only, for the coordinators.
 */
export async function alertCaseDeadlines(w: CityWork, now: Date): Promise<{ decision: number; designation: number }> {
  const { tx, tenantId } = w;
  const decision = await tx
    .update(legalAidApplications)
    .set({ decisionAlertedAt: now })
    .where(and(ofCity(tenantId), eq(legalAidApplications.status, 'submitted'), isNull(legalAidApplications.decisionAlertedAt), lt(legalAidApplications.decisionDueAt, now)))
    .returning({ id: legalAidApplications.id });
  const designation = await tx
    .update(legalAidApplications)
    .set({ designationAlertedAt: now })
    .where(and(ofCity(tenantId), eq(legalAidApplications.status, 'approved'), isNull(legalAidApplications.lawyerUserId), isNull(legalAidApplications.designationAlertedAt), lt(legalAidApplications.designationDueAt, now)))
    .returning({ id: legalAidApplications.id });
  for (const { id } of decision) await w.audit({ actor: 'platform:job', action: 'legal-aid-card.case_decision_overdue', target: target(id) });
  for (const { id } of designation) await w.audit({ actor: 'platform:job', action: 'legal-aid-card.case_designation_overdue', target: target(id) });
  return { decision: decision.length, designation: designation.length };
}
