import { and, arrayContains, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { ensureAccount } from '../../ledger/accounts.ts';
import { volunteerTransfersOut } from '../transfers/schema.ts';
import { postTransfers, reverseTransfer } from '../../ledger/post.ts';
import type { CityEvents, ServiceRecordEvent } from '../../plugins/events.ts';
import { projects } from '../projects/schema.ts';
import { serviceRecords } from './schema.ts';
import { toLocalDateInput } from '../shared/time.ts';
import { queueHoursRejected, queueHoursVerified } from './record-notices.ts';

/**
 * Verifying a service record posts its minutes to the ledger and tells plugins,
 * in the caller's transaction: a failing plugin handler undoes the verification.
 * Revoking reverses the posting the same way.
 */

/** The ledger unit of volunteer service: whole minutes. */
export const SERVICE_MINUTES = 'SERVICE_MINUTE';
/** The city's issuing account: every verified minute comes from here, so its balance is minus the city's total. */
export const SERVICE_ISSUANCE = 'city:service-issuance';
export const volunteerAccountCode = (userId: string) => `volunteer:${userId}`;

/** A day's service at most: a longer duration is a typing mistake. */
export const MAX_RECORD_MINUTES = 24 * 60;

export type ServiceRecord = typeof serviceRecords.$inferSelect;
export type Decision = { deciderId: string; address: string | null };
export type RecordEvents = CityEvents;

/** Pending records of one organisation, locked so two organisers verifying at once take turns. */
async function lockRecords(tx: Tx, tenantId: string, organisationId: string, recordIds: readonly string[]) {
  if (recordIds.length === 0) return [];
  return tx
    .select({ record: serviceRecords, category: projects.category, projectName: projects.name })
    .from(serviceRecords)
    .innerJoin(projects, and(eq(projects.tenantId, serviceRecords.tenantId), eq(projects.id, serviceRecords.projectId)))
    .where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.organisationId, organisationId), inArray(serviceRecords.id, [...recordIds])))
    .orderBy(serviceRecords.id)
    .for('update', { of: serviceRecords });
}

function eventOf(record: ServiceRecord, category: string, minutes: number): ServiceRecordEvent {
  return {
    recordId: record.id,
    volunteerUserId: record.volunteerUserId,
    organisationId: record.organisationId,
    projectId: record.projectId,
    activityId: record.activityId,
    category,
    minutes,
    serviceDate: toLocalDateInput(record.startedAt),
  };
}

export type VerifyItem = { recordId: string; /** A corrected duration; omitted: as recorded. */ minutes?: number };
export type VerifyResult = { verified: string[]; /** Not pending, not this organisation's, or without a duration. */ skipped: string[] };

/**
 * Verifies pending records of one organisation, one or many: posts each one's
 * minutes from the city's issuing account to the volunteer's in one batch, then
 * emits one `service.verified` carrying all of them.
 */
export async function verifyRecords(
  tx: Tx,
  tenantId: string,
  organisationId: string,
  items: readonly VerifyItem[],
  decision: Decision,
  events: RecordEvents,
  now = new Date(),
): Promise<VerifyResult> {
  const corrections = new Map(items.map((i) => [i.recordId, i.minutes]));
  const rows = await lockRecords(tx, tenantId, organisationId, [...corrections.keys()]);
  const ready = rows
    .map((r) => ({ ...r, minutes: corrections.get(r.record.id) ?? r.record.minutes }))
    .filter((r) => r.record.status === 'pending' && Number.isInteger(r.minutes) && r.minutes > 0 && r.minutes <= MAX_RECORD_MINUTES);
  const verified = new Set(ready.map((r) => r.record.id));
  const skipped = [...corrections.keys()].filter((id) => !verified.has(id));
  if (ready.length === 0) return { verified: [], skipped };

  const issuance = await ensureAccount(tx, tenantId, { unit: SERVICE_MINUTES, code: SERVICE_ISSUANCE, allowNegative: true });
  const transfers = [];
  for (const { record, minutes } of ready) {
    const account = await ensureAccount(tx, tenantId, { unit: SERVICE_MINUTES, code: volunteerAccountCode(record.volunteerUserId) });
    transfers.push({
      debitAccountId: issuance.id,
      creditAccountId: account.id,
      amount: minutes,
      idempotencyKey: `service-record:${record.id}:verified`,
      kind: 'service.verified',
      memo: { record: record.id, organisation: record.organisationId, project: record.projectId, activity: record.activityId },
    });
  }
  const posted = await postTransfers(tx, tenantId, transfers);

  for (const [i, { record, category, minutes }] of ready.entries()) {
    const corrected = minutes !== record.minutes;
    await tx
      .update(serviceRecords)
      .set({
        status: 'verified',
        minutes,
        claimedMinutes: corrected ? record.minutes : record.claimedMinutes,
        decidedBy: decision.deciderId,
        decidedAt: now,
        transferId: posted[i]!.id,
      })
      .where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.id, record.id)));
    await recordAudit(tx, tenantId, {
      actor: `user:${decision.deciderId}`,
      action: 'service_record.verified',
      target: `service_record:${record.id}`,
      address: decision.address,
      detail: { minutes, ...(corrected ? { claimedMinutes: record.minutes } : {}) },
    });
  }
  await events.emit(tx, 'service.verified', { records: ready.map((r) => eventOf(r.record, r.category, r.minutes)) });
  await queueHoursVerified(tx, tenantId, ready.map(({ record, projectName, minutes }) => ({ ...record, project: projectName, minutes })));
  return { verified: [...verified], skipped };
}

/** transferred: the volunteer took the record's minutes to another city (转移接续); they count there now. */
/** Whether the record's minutes went to another city with the volunteer's transfer (they count there now). */
async function leftWithTransfer(tx: Tx, tenantId: string, record: ServiceRecord): Promise<boolean> {
  const t = volunteerTransfersOut;
  const [found] = await tx
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.userId, record.volunteerUserId), eq(t.status, 'completed'), arrayContains(t.carriedRecordIds, [record.id])))
    .limit(1);
  return found !== undefined;
}

export type DecideResult = { ok: true } | { ok: false; reason: 'not_found' | 'wrong_status' | 'transferred' };

/** The organiser refuses a pending (or still open) record, with the reason the volunteer will read. */
export async function rejectRecord(tx: Tx, tenantId: string, organisationId: string, recordId: string, reason: string, decision: Decision, now = new Date()): Promise<DecideResult> {
  const [row] = await lockRecords(tx, tenantId, organisationId, [recordId]);
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.record.status !== 'pending' && row.record.status !== 'open') return { ok: false, reason: 'wrong_status' };
  await tx
    .update(serviceRecords)
    .set({ status: 'rejected', rejectionReason: reason, decidedBy: decision.deciderId, decidedAt: now })
    .where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.id, recordId)));
  await recordAudit(tx, tenantId, {
    actor: `user:${decision.deciderId}`,
    action: 'service_record.rejected',
    target: `service_record:${recordId}`,
    address: decision.address,
    detail: { reason },
  });
  await queueHoursRejected(tx, tenantId, { ...row.record, project: row.projectName }, reason);
  return { ok: true };
}

/**
 * Takes a verification back: posts the reversal of its transfer, marks the
 * record revoked (certificates that include it then say so) and emits
 * `service.revoked`. Revoked is final: corrected service is recorded anew.
 */
export async function revokeRecord(
  tx: Tx,
  tenantId: string,
  organisationId: string,
  recordId: string,
  reason: string,
  decision: Decision,
  events: RecordEvents,
  now = new Date(),
): Promise<DecideResult> {
  const [row] = await lockRecords(tx, tenantId, organisationId, [recordId]);
  if (!row) return { ok: false, reason: 'not_found' };
  const { record, category } = row;
  if (record.status !== 'verified' || !record.transferId) return { ok: false, reason: 'wrong_status' };
  if (await leftWithTransfer(tx, tenantId, record)) return { ok: false, reason: 'transferred' };
  await reverseTransfer(tx, tenantId, record.transferId, {
    idempotencyKey: `service-record:${record.id}:revoked`,
    kind: 'service.revoked',
    memo: { record: record.id, reason },
  });
  await tx
    .update(serviceRecords)
    .set({ status: 'revoked', revokedBy: decision.deciderId, revokedAt: now, revocationReason: reason })
    .where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.id, recordId)));
  await recordAudit(tx, tenantId, {
    actor: `user:${decision.deciderId}`,
    action: 'service_record.revoked',
    target: `service_record:${recordId}`,
    address: decision.address,
    detail: { reason, minutes: record.minutes },
  });
  await events.emit(tx, 'service.revoked', { records: [{ ...eventOf(record, category, record.minutes), reason }] });
  return { ok: true };
}

/**
 * Every verified (not revoked) record of the city as the `service.verified` event
 * carried it, oldest service first: a plugin enabled after records were verified
 * (or its demo seed) catches up through the same handler, keyed by record id.
 */
export async function verifiedServiceRecords(tx: Tx, tenantId: string): Promise<ServiceRecordEvent[]> {
  const rows = await tx
    .select({ record: serviceRecords, category: projects.category })
    .from(serviceRecords)
    .innerJoin(projects, and(eq(projects.tenantId, serviceRecords.tenantId), eq(projects.id, serviceRecords.projectId)))
    .where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.status, 'verified')))
    .orderBy(serviceRecords.startedAt, serviceRecords.id);
  return rows.map((r) => eventOf(r.record, r.category, r.record.minutes));
}
