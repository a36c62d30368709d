import { and, count, desc, eq, inArray, or } from 'drizzle-orm';
import { newId, type Tx, type CityWork } from '../../core/plugin-api.ts';
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

export async function createListing(w: CityWork, authorId: string, input: ListingInput): Promise<string> {
  const { tx, tenantId } = w;
  const id = newId();
  await tx.insert(timeBankListings).values({ tenantId, id, authorId, ...input });
  return id;
}

const listingWhere = (tenantId: string, id: string) => and(eq(timeBankListings.tenantId, tenantId), eq(timeBankListings.id, id));

export async function findListing(w: CityWork, id: string): Promise<(Listing & { authorName: string }) | null> {
  const { tx, tenantId } = w;
  const [row] = await tx.select().from(timeBankListings).where(listingWhere(tenantId, id));
  if (!row) return null;
  return { ...row, authorName: (await w.people.names([row.authorId])).get(row.authorId) ?? '' };
}

/** Open listings, newest first, with their authors' names. */
export async function openListings(w: CityWork, kind: ListingKind | null, page: number, pageSize: number) {
  const { tx, tenantId } = w;
  const where = and(eq(timeBankListings.tenantId, tenantId), eq(timeBankListings.status, 'open'), kind ? eq(timeBankListings.kind, kind) : undefined);
  const [total] = await tx.select({ n: count() }).from(timeBankListings).where(where);
  const rows = await tx.select().from(timeBankListings).where(where).orderBy(desc(timeBankListings.createdAt), desc(timeBankListings.id)).limit(pageSize).offset((page - 1) * pageSize);
  const names = await w.people.names(rows.map((r) => r.authorId));
  return { rows: rows.map((r) => ({ ...r, authorName: names.get(r.authorId) ?? '' })), total: total?.n ?? 0 };
}

export async function closeListing(w: CityWork, id: string, userId: string): Promise<boolean> {
  const { tx, tenantId } = w;
  const closed = await tx
    .update(timeBankListings)
    .set({ status: 'closed' })
    .where(and(listingWhere(tenantId, id), eq(timeBankListings.authorId, userId), eq(timeBankListings.status, 'open')))
    .returning({ id: timeBankListings.id });
  return closed.length === 1;
}

export type RespondResult = { ok: true; exchangeId: string } | { ok: false; reason: 'not_found' | 'own' | 'closed' | 'already' };

/** Answers a listing: on an offer the responder is the requester, on a request the provider. */
export async function respondToListing(w: CityWork, listingId: string, userId: string, message: string): Promise<RespondResult> {
  const { tx, tenantId } = w;
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

async function withNames(w: CityWork, rows: { exchange: Exchange; title: string; kind: ListingKind }[]): Promise<ExchangeView[]> {
  const names = await w.people.names(rows.flatMap((r) => [r.exchange.providerId, r.exchange.requesterId]));
  return rows.map((r) => ({ ...r.exchange, title: r.title, kind: r.kind, providerName: names.get(r.exchange.providerId) ?? '', requesterName: names.get(r.exchange.requesterId) ?? '' }));
}

const joinListing = and(eq(timeBankListings.tenantId, timeBankExchanges.tenantId), eq(timeBankListings.id, timeBankExchanges.listingId));
const exchangeRows = (tx: Tx) => tx.select({ exchange: timeBankExchanges, title: timeBankListings.title, kind: timeBankListings.kind }).from(timeBankExchanges).innerJoin(timeBankListings, joinListing);

export async function findExchange(w: CityWork, id: string): Promise<ExchangeView | null> {
  const { tx, tenantId } = w;
  const rows = await exchangeRows(tx).where(and(eq(timeBankExchanges.tenantId, tenantId), eq(timeBankExchanges.id, id)));
  return (await withNames(w, rows))[0] ?? null;
}

/** A member's exchanges, newest first; or the city's in some states (admins: disputes). */
export async function listExchanges(w: CityWork, filter: { userId?: string; statuses?: ExchangeStatus[]; listingId?: string }, limit = 50): Promise<ExchangeView[]> {
  const { tx, tenantId } = w;
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
  return withNames(w, rows);
}

export type StepResult = { ok: true; completed?: boolean } | { ok: false; reason: 'not_found' | 'not_party' | 'wrong_status' | 'insufficient' | 'already_confirmed' };

/** The exchange locked, after the ledger lock (the order every time-bank change takes them in). */
async function lockExchange(w: CityWork, id: string): Promise<Exchange | null> {
  const { tx, tenantId } = w;
  await w.ledger.lock();
  const [row] = await tx.select().from(timeBankExchanges).where(and(eq(timeBankExchanges.tenantId, tenantId), eq(timeBankExchanges.id, id))).for('update');
  return row ?? null;
}

const setExchange = ({ tx, tenantId }: CityWork, id: string, values: Partial<typeof timeBankExchanges.$inferInsert>) =>
  tx.update(timeBankExchanges).set(values).where(and(eq(timeBankExchanges.tenantId, tenantId), eq(timeBankExchanges.id, id)));

/** Pays the provider; the requester must hold the credits by now. */
async function settle(w: CityWork, e: Exchange, now: Date): Promise<boolean> {
  const paid = await moveCredits(w, e.requesterId, e.providerId, e.credits, { idempotencyKey: `time-bank:exchange:${e.id}`, kind: 'time-bank.exchange', memo: { exchange: e.id, listing: e.listingId }, source: 'exchange', ref: e.id }, now);
  if (paid.ok) await setExchange(w, e.id, { status: 'completed', transferId: paid.transfer.id, closedAt: now });
  return paid.ok;
}

/** One side says the exchange happened; the second confirmation moves the credits. */
export async function confirmExchange(w: CityWork, id: string, userId: string, now = new Date()): Promise<StepResult> {
  const e = await lockExchange(w, id);
  if (!e) return { ok: false, reason: 'not_found' };
  const side = e.providerId === userId ? 'provider' : e.requesterId === userId ? 'requester' : null;
  if (!side) return { ok: false, reason: 'not_party' };
  if (e.status !== 'open') return { ok: false, reason: 'wrong_status' };
  const confirmed = { ...e, [side === 'provider' ? 'providerConfirmedAt' : 'requesterConfirmedAt']: now };
  if ((side === 'provider' ? e.providerConfirmedAt : e.requesterConfirmedAt) !== null) return { ok: false, reason: 'already_confirmed' };
  if (confirmed.providerConfirmedAt && confirmed.requesterConfirmedAt) {
    if (!(await settle(w, e, now))) return { ok: false, reason: 'insufficient' };
  }
  await setExchange(w, id, { providerConfirmedAt: confirmed.providerConfirmedAt, requesterConfirmedAt: confirmed.requesterConfirmedAt });
  return { ok: true, completed: Boolean(confirmed.providerConfirmedAt && confirmed.requesterConfirmedAt) };
}

export async function cancelExchange(w: CityWork, id: string, userId: string, now = new Date()): Promise<StepResult> {
  const e = await lockExchange(w, id);
  if (!e) return { ok: false, reason: 'not_found' };
  if (e.providerId !== userId && e.requesterId !== userId) return { ok: false, reason: 'not_party' };
  if (e.status !== 'open') return { ok: false, reason: 'wrong_status' };
  await setExchange(w, id, { status: 'cancelled', closedAt: now });
  return { ok: true };
}

export async function disputeExchange(w: CityWork, id: string, userId: string, reason: string): Promise<StepResult> {
  const e = await lockExchange(w, id);
  if (!e) return { ok: false, reason: 'not_found' };
  if (e.providerId !== userId && e.requesterId !== userId) return { ok: false, reason: 'not_party' };
  if (e.status !== 'open') return { ok: false, reason: 'wrong_status' };
  await setExchange(w, id, { status: 'disputed', disputeReason: reason, disputedBy: userId });
  await w.audit({ actor: `user:${userId}`, action: 'time-bank.exchange_disputed', target: `time-bank-exchange:${id}`, detail: { reason } });
  return { ok: true };
}

/** A city admin settles a dispute: the exchange happened (credits move) or it did not (cancelled). */
export async function resolveDispute(w: CityWork, id: string, adminId: string, decision: 'complete' | 'cancel', note: string, now = new Date()): Promise<StepResult> {
  const e = await lockExchange(w, id);
  if (!e) return { ok: false, reason: 'not_found' };
  if (e.status !== 'disputed') return { ok: false, reason: 'wrong_status' };
  if (decision === 'complete' && !(await settle(w, e, now))) return { ok: false, reason: 'insufficient' };
  await setExchange(w, id, { resolvedBy: adminId, resolutionNote: note, ...(decision === 'cancel' ? { status: 'cancelled' as const, closedAt: now } : {}) });
  await w.audit({ actor: `user:${adminId}`, action: 'time-bank.dispute_resolved', target: `time-bank-exchange:${id}`, detail: { decision, note } });
  return { ok: true, completed: decision === 'complete' };
}
