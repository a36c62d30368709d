import { and, asc, eq, isNull, lt, or, type Placeholder, sql } from 'drizzle-orm';
import { type CityWork, newId, selectBuiltOnce, type Tx } from '../../core/plugin-api.ts';
import { can, MAY_COORDINATE, type Viewer } from './access.ts';
import { activeCardOf, cardGivesBenefits } from './cards.ts';
import { practiceOf } from './conflicts.ts';
import { legalAidConsultationMessages, legalAidConsultations } from './schema.ts';
import { calendarOf, workingDaysLater } from './working-days.ts';

export type Consultation = typeof legalAidConsultations.$inferSelect;
export type ConsultationMessage = typeof legalAidConsultationMessages.$inferSelect;
/** What a list shows of a question: never its description or contact, which only an audited read reveals. */
export type ConsultationSummary = Pick<Consultation, 'id' | 'category' | 'district' | 'urgency' | 'status' | 'askedAt' | 'dueAt' | 'answeredAt' | 'overdueAlertedAt' | 'lawyerUserId'>;
/** A row of a lawyer's queue: a summary without the time asked, which the queue does not show. */
export type QueueRow = Omit<ConsultationSummary, 'askedAt'>;

export const CATEGORIES = ['family', 'labour', 'housing', 'contract', 'consumer', 'injury', 'elder', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CONTACTS = ['site', 'phone'] as const;
export const URGENCIES = ['normal', 'urgent'] as const;

/** The city's answer targets: urgent questions always in hours; the others in hours or working days (working-days.ts). */
export type ResponseTargets = { responseHours: number; urgentResponseHours: number; responseTargetMode?: 'hours' | 'working_days'; responseWorkingDays?: number; holidays?: string; makeUpWorkdays?: string };
export type Question = { category: Category; description: string; preferredContact: (typeof CONTACTS)[number]; contactPhone: string | null; urgency: (typeof URGENCIES)[number]; district?: string | null };

/** When a question asked at `now` is due. */
export function answerDueAt(targets: ResponseTargets, urgency: Question['urgency'], now: Date): Date {
  if (urgency === 'urgent') return new Date(now.getTime() + targets.urgentResponseHours * HOUR_MS);
  if (targets.responseTargetMode === 'working_days') return workingDaysLater(now, targets.responseWorkingDays ?? 1, calendarOf({ holidays: targets.holidays ?? '', makeUpWorkdays: targets.makeUpWorkdays ?? '' }));
  return new Date(now.getTime() + targets.responseHours * HOUR_MS);
}

const HOUR_MS = 60 * 60 * 1000;
// A timestamp read costs its parse into a Date (some 0.4 us): the queue reads only those it shows or decides by.
const queueRow = {
  id: legalAidConsultations.id,
  category: legalAidConsultations.category,
  district: legalAidConsultations.district,
  urgency: legalAidConsultations.urgency,
  status: legalAidConsultations.status,
  dueAt: legalAidConsultations.dueAt,
  answeredAt: legalAidConsultations.answeredAt,
  overdueAlertedAt: legalAidConsultations.overdueAlertedAt,
  lawyerUserId: legalAidConsultations.lawyerUserId,
};
const summary = { ...queueRow, askedAt: legalAidConsultations.askedAt };
const ofCity = (tenantId: string | Placeholder) => eq(legalAidConsultations.tenantId, tenantId);

/** A holder of a usable card asks; the question is due within the city's response-time target. */
export async function askQuestion(w: CityWork, holderId: string, question: Question, targets: ResponseTargets, now: Date): Promise<{ ok: true; id: string } | { ok: false; reason: 'no_card' }> {
  const { tx, tenantId } = w;
  const held = await activeCardOf(w, holderId);
  if (!held || !cardGivesBenefits(held, now)) return { ok: false, reason: 'no_card' };
  const id = newId();
  await tx.insert(legalAidConsultations).values({ tenantId, id, cardId: held.card.id, holderUserId: holderId, ...question, district: question.district ?? null, askedAt: now, dueAt: answerDueAt(targets, question.urgency, now) });
  await w.audit({ actor: `user:${holderId}`, action: 'legal-aid-card.consultation_asked', target: `legal-aid-card:consultation:${id}` });
  return { ok: true, id };
}

export async function questionsOf(w: CityWork, holderId: string): Promise<ConsultationSummary[]> {
  const { tx, tenantId } = w;
  return tx.select(summary).from(legalAidConsultations).where(and(ofCity(tenantId), eq(legalAidConsultations.holderUserId, holderId))).orderBy(asc(legalAidConsultations.askedAt));
}

/**
 * A lawyer's queue: questions no lawyer took yet, most urgent deadline first, and
 * their own open ones. Coordinators see every open question.
 */
export async function queueFor(w: CityWork, viewer: Viewer): Promise<{ waiting: QueueRow[]; mine: QueueRow[]; areas: string[] }> {
  const { tx, tenantId } = w;
  const coordinator = viewer.can(MAY_COORDINATE);
  // The three reads go out together (one write on postgres.js).
  const [waiting, mine, practice] = await Promise.all([
    (coordinator ? everyWaiting : waitingUntaken)(tx, { tenantId }),
    openOf(tx, { tenantId, lawyerId: viewer.id }),
    coordinator ? null : practiceOf(w, viewer.id),
  ]);
  const areas = practice?.areas ?? [];
  // A lawyer's practice areas first, each part still by deadline (the sort is stable).
  const inAreas = (q: QueueRow) => (areas.includes(q.category) ? 0 : 1);
  return { waiting: waiting.sort((a, b) => inAreas(a) - inAreas(b)), mine, areas };
}

// The queue's reads, built once: a lawyer reloads the queue all day.
const waitingIn = (tx: Tx, untakenOnly: boolean) =>
  tx
    .select(queueRow)
    .from(legalAidConsultations)
    .where(and(ofCity(sql.placeholder('tenantId')), eq(legalAidConsultations.status, 'waiting'), untakenOnly ? isNull(legalAidConsultations.lawyerUserId) : undefined))
    .orderBy(asc(legalAidConsultations.dueAt));
const everyWaiting = selectBuiltOnce((tx) => waitingIn(tx, false));
const waitingUntaken = selectBuiltOnce((tx) => waitingIn(tx, true));
const openOf = selectBuiltOnce((tx) =>
  tx
    .select(queueRow)
    .from(legalAidConsultations)
    .where(and(ofCity(sql.placeholder('tenantId')), or(eq(legalAidConsultations.status, 'waiting'), eq(legalAidConsultations.status, 'answered')), eq(legalAidConsultations.lawyerUserId, sql.placeholder('lawyerId'))))
    .orderBy(asc(legalAidConsultations.askedAt)),
);

async function findQuestion(w: CityWork, id: string): Promise<Consultation | null> {
  const { tx, tenantId } = w;
  const [row] = await tx.select().from(legalAidConsultations).where(and(ofCity(tenantId), eq(legalAidConsultations.id, id))).for('update');
  return row ?? null;
}

/** The one way to read a question and its thread: allowed by `can`, and written to the audit log. */
export async function readQuestion(w: CityWork, viewer: Viewer, id: string, address: string | null): Promise<{ question: Consultation; thread: ConsultationMessage[] } | 'not_found' | 'forbidden'> {
  const { tx, tenantId } = w;
  const [question] = await tx.select().from(legalAidConsultations).where(and(ofCity(tenantId), eq(legalAidConsultations.id, id)));
  if (!question) return 'not_found';
  if (!can(viewer, 'read', question)) return 'forbidden';
  const thread = await tx
    .select()
    .from(legalAidConsultationMessages)
    .where(and(eq(legalAidConsultationMessages.tenantId, tenantId), eq(legalAidConsultationMessages.consultationId, id)))
    .orderBy(asc(legalAidConsultationMessages.createdAt), asc(legalAidConsultationMessages.id));
  await w.audit({ actor: `user:${viewer.id}`, action: 'legal-aid-card.consultation_read', target: `legal-aid-card:consultation:${id}`, address });
  return { question, thread };
}

/**
 * A lawyer answers (the first answer makes the question theirs) or the holder
 * follows up on an answer (it waits for that lawyer again).
 */
export async function addToThread(w: CityWork, viewer: Viewer, id: string, body: string, now: Date): Promise<'ok' | 'not_found' | 'forbidden'> {
  const { tx, tenantId } = w;
  const question = await findQuestion(w, id);
  if (!question) return 'not_found';
  const asLawyer = can(viewer, 'answer', question);
  if (!asLawyer && !can(viewer, 'follow_up', question)) return 'forbidden';
  await tx.insert(legalAidConsultationMessages).values({ tenantId, id: newId(), consultationId: id, authorUserId: viewer.id, author: asLawyer ? 'lawyer' : 'holder', body, createdAt: now });
  const change = asLawyer ? { status: 'answered' as const, lawyerUserId: viewer.id, answeredAt: question.answeredAt ?? now } : { status: 'waiting' as const };
  await tx.update(legalAidConsultations).set(change).where(and(ofCity(tenantId), eq(legalAidConsultations.id, id)));
  await w.audit({ actor: `user:${viewer.id}`, action: asLawyer ? 'legal-aid-card.consultation_answered' : 'legal-aid-card.consultation_followed_up', target: `legal-aid-card:consultation:${id}` });
  return 'ok';
}

/**
 * Questions that ran past their target without a first answer, each alerted
 * once: marked for the coordinators' page and entered in the audit log. The
 * entry names the question only by id: no personal data leaves the record.
 */
export async function alertOverdueQuestions(w: CityWork, now: Date): Promise<number> {
  const { tx, tenantId } = w;
  const overdue = await tx
    .update(legalAidConsultations)
    .set({ overdueAlertedAt: now })
    .where(and(ofCity(tenantId), isNull(legalAidConsultations.answeredAt), isNull(legalAidConsultations.overdueAlertedAt), lt(legalAidConsultations.dueAt, now)))
    .returning({ id: legalAidConsultations.id });
  for (const { id } of overdue) {
    await w.audit({ actor: 'platform:job', action: 'legal-aid-card.consultation_overdue', target: `legal-aid-card:consultation:${id}` });
  }
  return overdue.length;
}

/** How the viewer may add to a question's thread, checked without reading it (nothing of it is shown). */
export async function replyRight(w: CityWork, viewer: Viewer, id: string): Promise<'answer' | 'follow_up' | 'not_found' | 'forbidden'> {
  const { tx, tenantId } = w;
  const [question] = await tx
    .select({ holderUserId: legalAidConsultations.holderUserId, lawyerUserId: legalAidConsultations.lawyerUserId, status: legalAidConsultations.status })
    .from(legalAidConsultations)
    .where(and(ofCity(tenantId), eq(legalAidConsultations.id, id)));
  if (!question) return 'not_found';
  if (can(viewer, 'answer', question)) return 'answer';
  return can(viewer, 'follow_up', question) ? 'follow_up' : 'forbidden';
}
