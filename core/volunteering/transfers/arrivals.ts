import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import type { LocalizedText } from '../../db/schema/tenancy.ts';
import { newId } from '../../db/ids.ts';
import { ensureAccount } from '../../ledger/accounts.ts';
import { postTransfers } from '../../ledger/post.ts';
import { queueMessage } from '../../messages/outbox.ts';
import { serviceRecordImportRows, serviceRecordImports } from '../exchange/schema.ts';
import { SERVICE_MINUTES, volunteerAccountCode } from '../records/verification.ts';
import { updateStarLevels } from '../stars/service.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import type { Departure, HandOver } from './departures.ts';
import { transferArrivedKind } from './notices.ts';
import { volunteerTransfersIn } from './schema.ts';
import { codeHash } from './transfer-code.ts';

/**
 * The city a volunteer moves to: the hand-over waits here until the volunteer,
 * signed in on this city's site, types the code and their ID document matches;
 * then their profile takes the unified number and the history arrives as
 * imported records, each with its origin, from the "transferred in" account.
 */

/** Where transferred hours come from: minus what this city's volunteers brought from elsewhere. */
export const SERVICE_TRANSFERRED_IN = 'city:service-transferred-in';

const arrivals = volunteerTransfersIn;

/** Statements stay under PostgreSQL's parameter limit however long a volunteer's history. */
const PART = 500;
const inParts = <T>(items: readonly T[]) => Array.from({ length: Math.ceil(items.length / PART) }, (_, i) => items.slice(i * PART, (i + 1) * PART));
export type TransferIn = typeof volunteerTransfersIn.$inferSelect;

/** Keeps the origin's hand-over, once per transfer however often the job runs. */
export async function receiveHandOver(tx: Tx, tenantId: string, origin: { id: string; names: LocalizedText }, handOver: HandOver): Promise<void> {
  await tx
    .insert(arrivals)
    .values({
      tenantId,
      id: newId(),
      originTenantId: origin.id,
      originTransferId: handOver.transferId,
      originCityNames: origin.names,
      volunteerNumber: handOver.volunteerNumber,
      idNumberHash: handOver.idNumberHash,
      codeHash: handOver.codeHash,
      codeExpiresAt: handOver.codeExpiresAt,
      status: 'awaiting',
    })
    .onConflictDoNothing();
}

/** Transfers this volunteer accepted here, newest first. */
export async function ownArrivals(tx: Tx, tenantId: string, userId: string): Promise<TransferIn[]> {
  return tx.select().from(arrivals).where(and(eq(arrivals.tenantId, tenantId), eq(arrivals.userId, userId))).orderBy(desc(arrivals.arrivedAt));
}

export async function findArrival(tx: Tx, tenantId: string, id: string): Promise<TransferIn | null> {
  const [row] = await tx.select().from(arrivals).where(and(eq(arrivals.tenantId, tenantId), eq(arrivals.id, id)));
  return row ?? null;
}

export type AcceptProblem = 'codeUnknown' | 'codeWithdrawn' | 'noIdentity' | 'identityMismatch' | 'numberTaken';
export type AcceptResult = { ok: true; arrival: TransferIn } | { ok: false; problem: AcceptProblem } | { ok: false; problem: 'codeExpired'; expiredAt: Date };

/**
 * The volunteer accepts with the code their origin city showed them. The code proves
 * they hold the origin account; the ID document on their profile here must be the one
 * the origin knows (the keyed hash is the platform's, so equal documents hash alike).
 * A code withdrawn in the origin, or past the expiry the origin set, is refused.
 */
export async function acceptTransfer(tx: Tx, tenantId: string, userId: string, code: string, address: string | null, now = new Date()): Promise<AcceptResult> {
  const [arrival] = await tx.select().from(arrivals).where(and(eq(arrivals.tenantId, tenantId), eq(arrivals.codeHash, codeHash(code)))).for('update');
  if (!arrival || arrival.status === 'accepted' || arrival.status === 'completed') return { ok: false, problem: 'codeUnknown' };
  if (arrival.status === 'cancelled') return { ok: false, problem: 'codeWithdrawn' };
  if (arrival.codeExpiresAt <= now) return { ok: false, problem: 'codeExpired', expiredAt: arrival.codeExpiresAt };
  const [profile] = await tx.select({ hash: volunteerProfiles.idNumberHash }).from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, tenantId), eq(volunteerProfiles.userId, userId)));
  if (!profile?.hash) return { ok: false, problem: 'noIdentity' };
  if (profile.hash !== arrival.idNumberHash) return { ok: false, problem: 'identityMismatch' };
  // The unified number is the volunteer's for good: it follows them here (the one they got here is never handed out again).
  const [holder] = await tx.select({ userId: volunteerProfiles.userId }).from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, tenantId), eq(volunteerProfiles.volunteerNumber, arrival.volunteerNumber)));
  if (holder && holder.userId !== userId) return { ok: false, problem: 'numberTaken' };
  await tx.update(volunteerProfiles).set({ volunteerNumber: arrival.volunteerNumber, updatedAt: now }).where(and(eq(volunteerProfiles.tenantId, tenantId), eq(volunteerProfiles.userId, userId)));
  const [accepted] = await tx.update(arrivals).set({ status: 'accepted', userId, acceptedAt: now }).where(and(eq(arrivals.tenantId, tenantId), eq(arrivals.id, arrival.id))).returning();
  await recordAudit(tx, tenantId, { actor: `user:${userId}`, action: 'volunteer_transfer.accepted', target: `volunteer_transfer_in:${arrival.id}`, address, detail: { origin: arrival.originTenantId } });
  return { ok: true, arrival: accepted! };
}

/**
 * The history arrives: an import of the carried records (so a record id counts once in
 * the city, whatever file or transfer brings it), each posted from the transferred-in
 * account to the volunteer, and their stars re-levelled. No `service.verified`: plugins
 * saw none of this service verified, and a time bank must not credit it a second time.
 * Safe to repeat.
 */
export async function completeArrival(tx: Tx, tenantId: string, arrivalId: string, departure: Departure, now = new Date()): Promise<void> {
  const [arrival] = await tx.select().from(arrivals).where(and(eq(arrivals.tenantId, tenantId), eq(arrivals.id, arrivalId))).for('update');
  if (!arrival || arrival.status !== 'accepted' || !arrival.userId) return;
  const userId = arrival.userId;
  const r = serviceRecordImportRows;
  const taken = new Set<string>();
  for (const part of inParts(departure.records.map((c) => c.sourceId))) {
    for (const x of await tx.select({ s: r.sourceId }).from(r).where(and(eq(r.tenantId, tenantId), inArray(r.sourceId, part), isNotNull(r.transferId)))) taken.add(x.s);
  }
  // Each record id once: already here (a file or an earlier transfer), or earlier in this history, it is a duplicate.
  const isFresh = departure.records.map((c) => !taken.has(c.sourceId) && (taken.add(c.sourceId), true));
  const fresh = departure.records.filter((_, i) => isFresh[i]);
  const importId = newId();
  await tx.insert(serviceRecordImports).values({
    tenantId, id: importId, fileName: `转移接续：${arrival.originCityNames['zh-CN']}`, title: { 'zh-CN': `转移接续：${arrival.originCityNames['zh-CN']}`, en: `Transfer from ${arrival.originCityNames.en}` }, status: 'done', toCreate: fresh.length, posted: fresh.length, uploadedBy: userId, finishedAt: now,
  });
  const posted: string[] = [];
  if (fresh.length > 0) {
    const from = await ensureAccount(tx, tenantId, { unit: SERVICE_MINUTES, code: SERVICE_TRANSFERRED_IN, allowNegative: true });
    const to = await ensureAccount(tx, tenantId, { unit: SERVICE_MINUTES, code: volunteerAccountCode(userId) });
    const transfers = fresh.map((c, i) => ({ debitAccountId: from.id, creditAccountId: to.id, amount: c.minutes, idempotencyKey: `service-import:${c.sourceId}`, kind: 'service.transferred-in', memo: { arrival: arrivalId, row: i + 1 } }));
    for (const part of inParts(transfers)) posted.push(...(await postTransfers(tx, tenantId, part)).map((t) => t.id));
  }
  let next = 0;
  const rows = departure.records.map((c, i) => {
    const transferId = isFresh[i] ? posted[next++]! : null;
    return {
      tenantId, importId, rowNumber: i + 1, sourceId: c.sourceId, outcome: transferId ? ('create' as const) : ('duplicate' as const), problems: [],
      volunteerUserId: userId, service: c, minutes: transferId ? c.minutes : 0, transferId, postedAt: transferId ? now : null,
    };
  });
  for (const part of inParts(rows)) await tx.insert(r).values(part);
  const minutes = fresh.reduce((sum, c) => sum + c.minutes, 0);
  await tx.update(arrivals).set({ status: 'completed', importId, minutes, completedAt: now }).where(and(eq(arrivals.tenantId, tenantId), eq(arrivals.id, arrivalId)));
  await recordAudit(tx, tenantId, { actor: 'system', action: 'volunteer_transfer.arrived', target: `volunteer_transfer_in:${arrivalId}`, address: null, detail: { records: fresh.length, minutes } });
  await updateStarLevels(tx, tenantId, [userId], now);
  await queueMessage(tx, tenantId, transferArrivedKind, { userId }, { originZh: arrival.originCityNames['zh-CN'], originEn: arrival.originCityNames.en, records: fresh.length, minutes }, `transfer-arrived:${arrivalId}`);
}

/**
 * The origin no longer sends this transfer (the volunteer withdrew it there, or its code
 * lapsed before the history left): a hand-over still waiting, or an acceptance the origin
 * refused to complete, is cancelled; one that arrived stays. Safe to repeat.
 */
export async function cancelArrival(tx: Tx, tenantId: string, origin: { tenantId: string; transferId: string }): Promise<void> {
  await tx
    .update(arrivals)
    .set({ status: 'cancelled' })
    .where(and(eq(arrivals.tenantId, tenantId), eq(arrivals.originTenantId, origin.tenantId), eq(arrivals.originTransferId, origin.transferId), inArray(arrivals.status, ['awaiting', 'accepted'])));
}
