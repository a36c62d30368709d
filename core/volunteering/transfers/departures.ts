import { and, desc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { ensureAccount, findAccount } from '../../ledger/accounts.ts';
import { postTransfers } from '../../ledger/post.ts';
import { queueMessage } from '../../messages/outbox.ts';
import { newReadableCode } from '../../readable-codes.ts';
import { exchangePage, type RecordingCity } from '../exchange/export.ts';
import { serviceRecordImportRows } from '../exchange/schema.ts';
import type { ExportCursor } from '../oversight/exports.ts';
import { serviceRecords } from '../records/schema.ts';
import { SERVICE_MINUTES, volunteerAccountCode } from '../records/verification.ts';
import { DAY_MS } from '../shared/time.ts';
import { updateStarLevels } from '../stars/service.ts';
import { openIdNumber, sealIdNumber } from '../volunteers/id-number-keys.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { transferApprovedKind, transferRefusedKind } from './notices.ts';
import { volunteerTransfersOut, type CarriedRecord } from './schema.ts';
import { codeHash, TRANSFER_CODE_LENGTH, TRANSFER_CODE_VALID_DAYS } from './transfer-code.ts';
import { isOpen, statusAt } from './transfer-status.ts';

/**
 * The city a volunteer leaves (转移接续): the request, the admin's decision, and the
 * departure: the history written down and the hours moved to the city's
 * "transferred out" account, so they count in the destination and no longer here.
 */

/** Where transferred hours go: its balance is what the city's volunteers took elsewhere. */
export const SERVICE_TRANSFERRED_OUT = 'city:service-transferred-out';

/** A destination's names, for the message that tells the volunteer where to accept. */
export type DestinationNames = { zh: string; en: string };
export type TransferOut = typeof volunteerTransfersOut.$inferSelect;
const out = volunteerTransfersOut;

export type RequestProblem = 'noIdentity' | 'alreadyOpen';

/**
 * The volunteer's profile row, locked: asking for a transfer and changing the ID
 * document take it first, so neither decides on what the other is changing.
 */
async function lockedIdHash(tx: Tx, tenantId: string, userId: string): Promise<string | null> {
  const [profile] = await tx
    .select({ hash: volunteerProfiles.idNumberHash })
    .from(volunteerProfiles)
    .where(and(eq(volunteerProfiles.tenantId, tenantId), eq(volunteerProfiles.userId, userId)))
    .for('update');
  return profile?.hash ?? null;
}

/** The volunteer asks to move to `destination`; they need an ID document (it proves them in the destination) and no other transfer open. */
export async function requestTransfer(tx: Tx, tenantId: string, userId: string, destinationTenantId: string, address: string | null, now = new Date()): Promise<{ ok: true; id: string } | { ok: false; problem: RequestProblem }> {
  if (!(await lockedIdHash(tx, tenantId, userId))) return { ok: false, problem: 'noIdentity' };
  if ((await ownTransfers(tx, tenantId, userId)).some((t) => isOpen(t, now))) return { ok: false, problem: 'alreadyOpen' };
  // A lapsed code is written down as expired before the next request: the list then says what happened to each.
  await tx
    .update(out)
    .set({ status: 'expired', codeSealed: null })
    .where(and(eq(out.tenantId, tenantId), eq(out.userId, userId), eq(out.status, 'approved'), lte(out.codeExpiresAt, now)));
  const id = newId();
  await tx.insert(out).values({ tenantId, id, userId, destinationTenantId, status: 'requested' });
  await recordAudit(tx, tenantId, { actor: `user:${userId}`, action: 'volunteer_transfer.requested', target: `volunteer_transfer:${id}`, address, detail: { destination: destinationTenantId } });
  return { ok: true, id };
}

export type OwnTransfer = TransferOut & { code: string | null };

/** A volunteer's transfers, newest first; an approved one with its code opened (only they see it). */
export async function ownTransfers(tx: Tx, tenantId: string, userId: string): Promise<OwnTransfer[]> {
  const rows = await tx.select().from(out).where(and(eq(out.tenantId, tenantId), eq(out.userId, userId))).orderBy(desc(out.requestedAt));
  const now = new Date();
  return rows.map((r) => ({ ...r, code: statusAt(r, now) === 'approved' && r.codeSealed ? openIdNumber(r.codeSealed) : null }));
}

/** True while a transfer under way relies on the volunteer's ID document (the destination knows them by it); locks the profile. */
export async function documentHeldByTransfer(tx: Tx, tenantId: string, userId: string, now = new Date()): Promise<boolean> {
  await lockedIdHash(tx, tenantId, userId);
  return (await ownTransfers(tx, tenantId, userId)).some((t) => isOpen(t, now));
}

export type WithdrawResult = { ok: true; wasApproved: boolean } | { ok: false; problem: 'notFound' | 'notOpen' };

/**
 * The volunteer withdraws their own transfer, asked or approved, while the history has
 * not left: the completion takes the same row lock, so one of the two wins, never both.
 */
export async function withdrawTransfer(tx: Tx, tenantId: string, userId: string, id: string, address: string | null, now = new Date()): Promise<WithdrawResult> {
  const [row] = await tx.select().from(out).where(and(eq(out.tenantId, tenantId), eq(out.id, id), eq(out.userId, userId))).for('update');
  if (!row) return { ok: false, problem: 'notFound' };
  if (!isOpen(row, now)) return { ok: false, problem: 'notOpen' };
  await tx
    .update(out)
    .set({ status: 'withdrawn', withdrawnAt: now, codeSealed: null })
    .where(and(eq(out.tenantId, tenantId), eq(out.id, id), inArray(out.status, ['requested', 'approved'])));
  await recordAudit(tx, tenantId, { actor: `user:${userId}`, action: 'volunteer_transfer.withdrawn', target: `volunteer_transfer:${id}`, address, detail: {} });
  return { ok: true, wasApproved: row.status === 'approved' };
}

/** The city's transfers for the admin: requests waiting first, then the latest decided. */
export async function cityTransfers(tx: Tx, tenantId: string, limit: number) {
  return tx
    .select({ transfer: out, volunteerName: volunteerProfiles.realName, volunteerNumber: volunteerProfiles.volunteerNumber })
    .from(out)
    .leftJoin(volunteerProfiles, and(eq(volunteerProfiles.tenantId, out.tenantId), eq(volunteerProfiles.userId, out.userId)))
    .where(eq(out.tenantId, tenantId))
    .orderBy(desc(eq(out.status, 'requested')), desc(out.requestedAt))
    .limit(limit);
}

export async function findTransferOut(tx: Tx, tenantId: string, id: string): Promise<TransferOut | null> {
  const [row] = await tx.select().from(out).where(and(eq(out.tenantId, tenantId), eq(out.id, id)));
  return row ?? null;
}

type Decider = { id: string; address: string | null };

/** Decides a request still waiting; false when it is not (another admin decided first). */
async function decide(tx: Tx, tenantId: string, id: string, change: Partial<TransferOut>, by: Decider, now: Date): Promise<TransferOut | null> {
  const [row] = await tx
    .update(out)
    .set({ ...change, decidedBy: by.id, decidedAt: now })
    .where(and(eq(out.tenantId, tenantId), eq(out.id, id), eq(out.status, 'requested')))
    .returning();
  if (!row) return null;
  await recordAudit(tx, tenantId, { actor: `user:${by.id}`, action: `volunteer_transfer.${row.status}`, target: `volunteer_transfer:${id}`, address: by.address, detail: {} });
  return row;
}

/** Approves: a one-time code the volunteer will type in the destination, and a message telling them so. */
export async function approveTransfer(tx: Tx, tenantId: string, id: string, destination: DestinationNames, by: Decider, now = new Date()): Promise<boolean> {
  const code = newReadableCode(TRANSFER_CODE_LENGTH);
  const codeExpiresAt = new Date(now.getTime() + TRANSFER_CODE_VALID_DAYS * DAY_MS);
  const row = await decide(tx, tenantId, id, { status: 'approved', codeSealed: sealIdNumber(code), codeExpiresAt }, by, now);
  if (!row) return false;
  await queueMessage(tx, tenantId, transferApprovedKind, { userId: row.userId }, { destinationZh: destination.zh, destinationEn: destination.en }, `transfer-approved:${id}`);
  return true;
}

export async function refuseTransfer(tx: Tx, tenantId: string, id: string, reason: string, by: Decider, now = new Date()): Promise<boolean> {
  const row = await decide(tx, tenantId, id, { status: 'refused', refusalReason: reason }, by, now);
  if (!row) return false;
  await queueMessage(tx, tenantId, transferRefusedKind, { userId: row.userId }, { reason }, `transfer-refused:${id}`);
  return true;
}

/** What the destination needs to know the volunteer again: their number, the keyed hash of their document, the code's hash. */
export type HandOver = { transferId: string; volunteerNumber: string; idNumberHash: string; codeHash: string; codeExpiresAt: Date };

/** An approved transfer's hand-over, or null when there is none (refused, withdrawn or completed); the destination enforces the expiry. */
export async function handOverOf(tx: Tx, tenantId: string, id: string): Promise<{ destinationTenantId: string; handOver: HandOver } | null> {
  const [row] = await tx
    .select({ transfer: out, number: volunteerProfiles.volunteerNumber, hash: volunteerProfiles.idNumberHash })
    .from(out)
    .innerJoin(volunteerProfiles, and(eq(volunteerProfiles.tenantId, out.tenantId), eq(volunteerProfiles.userId, out.userId)))
    .where(and(eq(out.tenantId, tenantId), eq(out.id, id)));
  const t = row?.transfer;
  if (!row || !t || t.status !== 'approved' || !row.hash || !t.codeSealed || !t.codeExpiresAt) return null;
  const handOver = { transferId: id, volunteerNumber: row.number, idNumberHash: row.hash, codeHash: codeHash(openIdNumber(t.codeSealed)), codeExpiresAt: t.codeExpiresAt };
  return { destinationTenantId: row.transfer.destinationTenantId, handOver };
}

/** Every record counted for the volunteer here: their own verified service, and what came from elsewhere, each with its origin. */
async function historyOf(tx: Tx, tenantId: string, city: RecordingCity, userId: string): Promise<CarriedRecord[]> {
  const carried: CarriedRecord[] = [];
  let cursor: ExportCursor | null = null;
  do {
    const page = await exchangePage(tx, tenantId, city, { from: null, until: null, volunteerUserId: userId }, cursor);
    // Who the volunteer is travels apart (the hand-over); the records carry only the service and its origin.
    for (const { idNumber: _id, idType: _type, volunteerName: _name, volunteerNumber: _number, ...record } of page.records) carried.push(record);
    cursor = page.next;
  } while (cursor);
  const r = serviceRecordImportRows;
  const received = await tx.select().from(r).where(and(eq(r.tenantId, tenantId), eq(r.volunteerUserId, userId), isNotNull(r.transferId)));
  for (const row of received) if (row.service) carried.push({ ...row.service, sourceId: row.sourceId, minutes: row.minutes });
  return carried;
}

export type Departure = { userId: string; records: CarriedRecord[]; minutes: number };

/**
 * The destination accepted: writes the history down, moves the volunteer's whole
 * balance of service minutes to the transferred-out account (a transfer, never an
 * update) and re-levels their stars. Safe to repeat: a completed transfer returns what left.
 */
export async function completeDeparture(tx: Tx, tenantId: string, city: RecordingCity, id: string, now = new Date()): Promise<Departure | null> {
  const [row] = await tx.select().from(out).where(and(eq(out.tenantId, tenantId), eq(out.id, id))).for('update');
  if (!row) return null;
  if (row.status === 'completed') return { userId: row.userId, records: row.records ?? [], minutes: row.minutes ?? 0 };
  if (row.status !== 'approved') return null;
  const records = await historyOf(tx, tenantId, city, row.userId);
  const own = await tx
    .select({ id: serviceRecords.id })
    .from(serviceRecords)
    .where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.volunteerUserId, row.userId), eq(serviceRecords.status, 'verified')));
  const account = await findAccount(tx, tenantId, SERVICE_MINUTES, volunteerAccountCode(row.userId));
  const minutes = account?.balance ?? 0;
  if (account && minutes > 0) {
    const away = await ensureAccount(tx, tenantId, { unit: SERVICE_MINUTES, code: SERVICE_TRANSFERRED_OUT });
    await postTransfers(tx, tenantId, [{ debitAccountId: account.id, creditAccountId: away.id, amount: minutes, idempotencyKey: `transfer-out:${id}`, kind: 'service.transferred-out', memo: { transfer: id } }]);
  }
  await tx.update(out).set({ status: 'completed', records, carriedRecordIds: own.map((r) => r.id), minutes, codeSealed: null, completedAt: now }).where(and(eq(out.tenantId, tenantId), eq(out.id, id)));
  await recordAudit(tx, tenantId, { actor: 'system', action: 'volunteer_transfer.completed', target: `volunteer_transfer:${id}`, address: null, detail: { records: records.length, minutes } });
  await updateStarLevels(tx, tenantId, [row.userId], now);
  return { userId: row.userId, records, minutes };
}
