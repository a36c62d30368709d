import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { serviceRecords } from './schema.ts';
import type { Decision, ServiceRecord } from './verification.ts';

/**
 * What happens around a decided record: the organiser's evaluation of the
 * volunteer (the 办法's 评价), the volunteer's dispute and the organiser's answer.
 */

export type FeedbackResult = { ok: true } | { ok: false; reason: 'not_found' | 'wrong_status' };

/** The record, locked: a dispute and its answer arriving together take turns. */
async function lockRecord(tx: Tx, tenantId: string, recordId: string): Promise<ServiceRecord | null> {
  const [row] = await tx
    .select()
    .from(serviceRecords)
    .where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.id, recordId)))
    .for('update');
  return row ?? null;
}

const where = (tenantId: string, recordId: string) => and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.id, recordId));

export type Evaluation = { rating: number; comment: string };

/** Rates a verified record of the organisation (1–5, with an optional comment); a later evaluation replaces it. */
export async function evaluateRecord(
  tx: Tx,
  tenantId: string,
  organisationId: string,
  recordId: string,
  evaluation: Evaluation,
  decision: Decision,
  now = new Date(),
): Promise<FeedbackResult> {
  const record = await lockRecord(tx, tenantId, recordId);
  if (!record || record.organisationId !== organisationId) return { ok: false, reason: 'not_found' };
  if (record.status !== 'verified') return { ok: false, reason: 'wrong_status' };
  await tx
    .update(serviceRecords)
    .set({ rating: evaluation.rating, evaluation: evaluation.comment || null, evaluatedBy: decision.deciderId, evaluatedAt: now })
    .where(where(tenantId, recordId));
  await recordAudit(tx, tenantId, {
    actor: `user:${decision.deciderId}`,
    action: 'service_record.evaluated',
    target: `service_record:${recordId}`,
    address: decision.address,
    detail: { rating: evaluation.rating },
  });
  return { ok: true };
}

/**
 * The volunteer objects to a verified or rejected record of theirs. A new
 * dispute after an answered one replaces it on the record; the audit log keeps both.
 */
export async function disputeRecord(
  tx: Tx,
  tenantId: string,
  recordId: string,
  volunteerUserId: string,
  reason: string,
  address: string | null,
  now = new Date(),
): Promise<FeedbackResult> {
  const record = await lockRecord(tx, tenantId, recordId);
  if (!record || record.volunteerUserId !== volunteerUserId) return { ok: false, reason: 'not_found' };
  const open = record.disputeReason !== null && record.disputeAnswer === null;
  if ((record.status !== 'verified' && record.status !== 'rejected') || open) return { ok: false, reason: 'wrong_status' };
  await tx
    .update(serviceRecords)
    .set({ disputeReason: reason, disputedAt: now, disputeAnswer: null, disputeAnsweredBy: null, disputeAnsweredAt: null })
    .where(where(tenantId, recordId));
  await recordAudit(tx, tenantId, {
    actor: `user:${volunteerUserId}`,
    action: 'service_record.disputed',
    target: `service_record:${recordId}`,
    address,
    detail: { reason, status: record.status },
  });
  return { ok: true };
}

/** The organiser answers the open dispute of one of its records. */
export async function answerDispute(
  tx: Tx,
  tenantId: string,
  organisationId: string,
  recordId: string,
  answer: string,
  decision: Decision,
  now = new Date(),
): Promise<FeedbackResult> {
  const record = await lockRecord(tx, tenantId, recordId);
  if (!record || record.organisationId !== organisationId) return { ok: false, reason: 'not_found' };
  if (record.disputeReason === null || record.disputeAnswer !== null) return { ok: false, reason: 'wrong_status' };
  await tx
    .update(serviceRecords)
    .set({ disputeAnswer: answer, disputeAnsweredBy: decision.deciderId, disputeAnsweredAt: now })
    .where(where(tenantId, recordId));
  await recordAudit(tx, tenantId, {
    actor: `user:${decision.deciderId}`,
    action: 'service_record.dispute_answered',
    target: `service_record:${recordId}`,
    address: decision.address,
    detail: { answer, dispute: record.disputeReason },
  });
  return { ok: true };
}
