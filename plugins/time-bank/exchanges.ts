import { and, count, desc, eq, inArray, or } from 'drizzle-orm';
import { lockLedger, memberNames, newId, recordAudit, type Tx } from '../../core/plugin-api.ts';
import { timeBankExchanges, timeBankListings, type ExchangeStatus, type ListingKind } from './schema.ts';
import { moveCredits } from './spending.ts';

/**
 * Time for service: members post offers and requests; a response opens an
 * exchange between a provider and a requester; when both confirm it happened
 * the credits move from requester to provider. A dispute goes to a city admin.
 */

export type Listing = typeof timeBankListings.$inferSelect;
export type Exchange = typeof timeBankExchanges.$inferSelect;
export type ListingInput = { kind: ListingKind; title: string; description: string; credits: number };

export async function createListing(tx: Tx, tenantId: string, authorId: string, input: ListingInput): Promise<string> {
  const id = newId();
  await tx.insert(timeBankListings).values({ tenantId, id, authorId, ...input });
  return id;
}

const listingWhere = (tenantId: string, id: string) => and(eq(timeBankListings.tenantId, tenantId), eq(timeBankListings.id, id));

export async function findListing(tx: Tx, tenantId: string, id: string): Promise<(Listing & { authorName: string }) | null> {
  const [row] = await tx.select().from(timeBankListings).where(listingWhere(tenantId, id));
  if (!row) return null;
  return { ...row, authorName: (await memberNames(tx, tenantId, [row.authorId])).get(row.authorId) ?? '' };
}

/** Open listings, newest first, with their authors' names. */
export async function openListings(tx: Tx, tenantId: string, kind: ListingKind | null, page: number, pageSize: number) {
  const where = and(eq(timeBankListings.tenantId, tenantId), eq(timeBankListings.status, 'open'), kind ? eq(timeBankListings.kind, kind) : undefined);
  const [total] = await tx.select({ n: count() }).from(timeBankListings).where(where);
  const rows = await tx.select().from(timeBankListings).where(where).orderBy(desc(timeBankListings.createdAt), desc(timeBankListings.id)).limit(pageSize).offset((page - 1) * pageSize);
  const names = await memberNames(tx, tenantId, rows.map((r) => r.authorId));
  return { rows: rows.map((r) => ({ ...r, authorName: names.get(r.authorId) ?? '' })), total: total?.n ?? 0 };
}

export async function closeListing(tx: Tx, tenantId: string, id: string, userId: string): Promise<boolean> {
  const closed = await tx
    .update(timeBankListings)
    .set({ status: 'closed' })
    .where(and(listingWhere(tenantId, id), eq(timeBankListings.authorId, userId), eq(timeBankListings.status, 'open')))
    .returning({ id: timeBankListings.id });
  return closed.length === 1;
}

export type RespondResult = { ok: true; exchangeId: string } | { ok: false; reason: 'not_found' | 'own' | 'closed' | 'already' };

/** Answers a listing: on an offer the responder is the requester, on a request the provider. */
export async function respondToListing(tx: Tx, tenantId: string, listingId: string, userId: string, message: string): Promise<RespondResult> {
  const [listing] = await tx.select().from(timeBankListings).where(listingWhere(tenantId, listingId)).for('update');
  if (!listing) return { ok: false, reason: 'not_found' };
  if (listing.authorId === userId) return { ok: false, reason: 'own' };
  if (listing.status !== 'open') return { ok: false, reason: 'closed' };
  const [mine] = await tx
    .select({ id: timeBankExchanges.id })
    .from(timeBankExchanges)
    .where(and(eq(timeBankExchanges.tenantId, tenantId), eq(timeBankExchanges.listingId, listingId), eq(timeBankExchanges.status, 'open'), or(eq(timeBankExchanges.providerId, userId), eq(timeBankExchanges.requesterId, userId))));
  if (mine) return { ok: false, reason: 'already' };
  const id = newId();
  const [providerId, requesterId] = listing.kind === 'offer' ? [listing.authorId, userId] : [userId, listing.authorId];
  await tx.insert(timeBankExchanges).values({ tenantId, id, listingId, providerId, requesterId, credits: listing.credits, message });
  return { ok: true, exchangeId: id };
}

export type ExchangeView = Exchange & { title: string; kind: ListingKind; providerName: string; requesterName: string };

async function withNames(tx: Tx, tenantId: string, rows: { exchange: Exchange; title: string; kind: ListingKind }[]): Promise<ExchangeView[]> {
  const names = await memberNames(tx, tenantId, rows.flatMap((r) => [r.exchange.providerId, r.exchange.requesterId]));
  return rows.map((r) => ({ ...r.exchange, title: r.title, kind: r.kind, providerName: names.get(r.exchange.providerId) ?? '', requesterName: names.get(r.exchange.requesterId) ?? '' }));
}

const joinListing = and(eq(timeBankListings.tenantId, timeBankExchanges.tenantId), eq(timeBankListings.id, timeBankExchanges.listingId));
const exchangeRows = (tx: Tx) => tx.select({ exchange: timeBankExchanges, title: timeBankListings.title, kind: timeBankListings.kind }).from(timeBankExchanges).innerJoin(timeBankListings, joinListing);

export async function findExchange(tx: Tx, tenantId: string, id: string): Promise<ExchangeView | null> {
  const rows = await exchangeRows(tx).where(and(eq(timeBankExchanges.tenantId, tenantId), eq(timeBankExchanges.id, id)));
  return (await withNames(tx, tenantId, rows))[0] ?? null;
}

/** A member's exchanges, newest first; or the city's in some states (admins: disputes). */
export async function listExchanges(tx: Tx, tenantId: string, filter: { userId?: string; statuses?: ExchangeStatus[]; listingId?: string }, limit = 50): Promise<ExchangeView[]> {
  const rows = await exchangeRows(tx)
    .where(
      and(
        eq(timeBankExchanges.tenantId, tenantId),
        filter.userId ? or(eq(timeBankExchanges.providerId, filter.userId), eq(timeBankExchanges.requesterId, filter.userId)) : undefined,
        filter.statuses ? inArray(timeBankExchanges.status, filter.statuses) : undefined,
        filter.listingId ? eq(timeBankExchanges.listingId, filter.listingId) : undefined,
      ),
    )
    .orderBy(desc(timeBankExchanges.createdAt), desc(timeBankExchanges.id))
    .limit(limit);
  return withNames(tx, tenantId, rows);
}

export type StepResult = { ok: true; completed?: boolean } | { ok: false; reason: 'not_found' | 'not_party' | 'wrong_status' | 'insufficient' | 'already_confirmed' };

/** The exchange locked, after the ledger lock (the order every time-bank change takes them in). */
async function lockExchange(tx: Tx, tenantId: string, id: string): Promise<Exchange | null> {
  await lockLedger(tx, tenantId);
  const [row] = await tx.select().from(timeBankExchanges).where(and(eq(timeBankExchanges.tenantId, tenantId), eq(timeBankExchanges.id, id))).for('update');
  return row ?? null;
}

const setExchange = (tx: Tx, tenantId: string, id: string, values: Partial<typeof timeBankExchanges.$inferInsert>) =>
  tx.update(timeBankExchanges).set(values).where(and(eq(timeBankExchanges.tenantId, tenantId), eq(timeBankExchanges.id, id)));

/** Pays the provider; the requester must hold the credits by now. */
async function settle(tx: Tx, tenantId: string, e: Exchange, now: Date): Promise<boolean> {
  const paid = await moveCredits(tx, tenantId, e.requesterId, e.providerId, e.credits, { idempotencyKey: `time-bank:exchange:${e.id}`, kind: 'time-bank.exchange', memo: { exchange: e.id, listing: e.listingId }, source: 'exchange', ref: e.id }, now);
  if (paid.ok) await setExchange(tx, tenantId, e.id, { status: 'completed', transferId: paid.transfer.id, closedAt: now });
  return paid.ok;
}

/** One side says the exchange happened; the second confirmation moves the credits. */
export async function confirmExchange(tx: Tx, tenantId: string, id: string, userId: string, now = new Date()): Promise<StepResult> {
  const e = await lockExchange(tx, tenantId, id);
  if (!e) return { ok: false, reason: 'not_found' };
  const side = e.providerId === userId ? 'provider' : e.requesterId === userId ? 'requester' : null;
  if (!side) return { ok: false, reason: 'not_party' };
  if (e.status !== 'open') return { ok: false, reason: 'wrong_status' };
  const confirmed = { ...e, [side === 'provider' ? 'providerConfirmedAt' : 'requesterConfirmedAt']: now };
  if ((side === 'provider' ? e.providerConfirmedAt : e.requesterConfirmedAt) !== null) return { ok: false, reason: 'already_confirmed' };
  if (confirmed.providerConfirmedAt && confirmed.requesterConfirmedAt) {
    if (!(await settle(tx, tenantId, e, now))) return { ok: false, reason: 'insufficient' };
  }
  await setExchange(tx, tenantId, id, { providerConfirmedAt: confirmed.providerConfirmedAt, requesterConfirmedAt: confirmed.requesterConfirmedAt });
  return { ok: true, completed: Boolean(confirmed.providerConfirmedAt && confirmed.requesterConfirmedAt) };
}

export async function cancelExchange(tx: Tx, tenantId: string, id: string, userId: string, now = new Date()): Promise<StepResult> {
  const e = await lockExchange(tx, tenantId, id);
  if (!e) return { ok: false, reason: 'not_found' };
  if (e.providerId !== userId && e.requesterId !== userId) return { ok: false, reason: 'not_party' };
  if (e.status !== 'open') return { ok: false, reason: 'wrong_status' };
  await setExchange(tx, tenantId, id, { status: 'cancelled', closedAt: now });
  return { ok: true };
}

export async function disputeExchange(tx: Tx, tenantId: string, id: string, userId: string, reason: string): Promise<StepResult> {
  const e = await lockExchange(tx, tenantId, id);
  if (!e) return { ok: false, reason: 'not_found' };
  if (e.providerId !== userId && e.requesterId !== userId) return { ok: false, reason: 'not_party' };
  if (e.status !== 'open') return { ok: false, reason: 'wrong_status' };
  await setExchange(tx, tenantId, id, { status: 'disputed', disputeReason: reason, disputedBy: userId });
  await recordAudit(tx, tenantId, { actor: `user:${userId}`, action: 'time-bank.exchange_disputed', target: `time-bank-exchange:${id}`, detail: { reason } });
  return { ok: true };
}

/** A city admin settles a dispute: the exchange happened (credits move) or it did not (cancelled). */
export async function resolveDispute(tx: Tx, tenantId: string, id: string, adminId: string, decision: 'complete' | 'cancel', note: string, now = new Date()): Promise<StepResult> {
  const e = await lockExchange(tx, tenantId, id);
  if (!e) return { ok: false, reason: 'not_found' };
  if (e.status !== 'disputed') return { ok: false, reason: 'wrong_status' };
  if (decision === 'complete' && !(await settle(tx, tenantId, e, now))) return { ok: false, reason: 'insufficient' };
  await setExchange(tx, tenantId, id, { resolvedBy: adminId, resolutionNote: note, ...(decision === 'cancel' ? { status: 'cancelled' as const, closedAt: now } : {}) });
  await recordAudit(tx, tenantId, { actor: `user:${adminId}`, action: 'time-bank.dispute_resolved', target: `time-bank-exchange:${id}`, detail: { decision, note } });
  return { ok: true, completed: decision === 'complete' };
}
