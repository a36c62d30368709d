import { and, asc, eq, gt, isNotNull, lte, type Placeholder, sql } from 'drizzle-orm';
import { newId, selectBuiltOnce, type CityWork } from '../../core/plugin-api.ts';
import { cityAccounts, memberAccount } from './accounts.ts';
import { timeBankLots, type LotPieces } from './schema.ts';

/**
 * Lots: which credits a member holds and when each expires. Every change to a
 * member's balance changes their lots in the same transaction, after the
 * caller took the city's ledger lock (lockLedger), so the sum of `remaining`
 * always equals the ledger balance.
 */

const open = (tenantId: string | Placeholder, memberId: string | Placeholder) =>
  and(eq(timeBankLots.tenantId, tenantId), eq(timeBankLots.memberId, memberId), gt(timeBankLots.remaining, 0));

/** Adds credits the member received; `pieces` keep the expiry dates the credits already had. */
export async function addLots(
  w: CityWork,
  memberId: string,
  pieces: LotPieces,
  origin: { source: string; ref: string; now: Date },
): Promise<void> {
  const { tx, tenantId } = w;
  const rows = pieces
    .filter((p) => p.amount > 0)
    .map((p) => ({
      tenantId,
      id: newId(),
      memberId,
      amount: p.amount,
      remaining: p.amount,
      receivedAt: origin.now,
      expiresAt: p.expiresAt ? new Date(p.expiresAt) : null,
      source: origin.source,
      ref: origin.ref,
    }));
  if (rows.length > 0) await tx.insert(timeBankLots).values(rows);
}

/**
 * Takes `amount` from the member's lots, soonest expiry first (never-expiring
 * last), oldest first among equals; a lot with `preferRef` goes first (a
 * revocation takes back that record's own credits). Returns what was taken.
 */
export async function consumeLots(w: CityWork, memberId: string, amount: number, preferRef?: string): Promise<LotPieces> {
  const { tx, tenantId } = w;
  const lots = await tx
    .select()
    .from(timeBankLots)
    .where(open(tenantId, memberId))
    .orderBy(
      sql`case when ${timeBankLots.ref} = ${preferRef ?? ''} then 0 else 1 end`,
      sql`${timeBankLots.expiresAt} asc nulls last`,
      asc(timeBankLots.receivedAt),
      asc(timeBankLots.id),
    );
  const pieces: LotPieces = [];
  let left = amount;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(left, lot.remaining);
    left -= take;
    pieces.push({ amount: take, expiresAt: lot.expiresAt?.toISOString() ?? null });
    await tx
      .update(timeBankLots)
      .set({ remaining: lot.remaining - take })
      .where(and(eq(timeBankLots.tenantId, tenantId), eq(timeBankLots.id, lot.id)));
  }
  // The ledger already refused a spend beyond the balance, so lots always cover it.
  if (left > 0) throw new Error(`time bank lots of ${memberId} are short by ${left}`);
  return pieces;
}

export type ExpiryResult = { members: number; amount: number };

/**
 * Expires what is left of the lots due at `now`: one transfer per member to the
 * city's expiry account; a rerun finds those lots empty and posts nothing.
 * `memberId` limits it to one member (done before each spend, so expired credits
 * are never spent even before the daily job ran).
 */
export async function expireLots(w: CityWork, now: Date, memberId?: string): Promise<ExpiryResult> {
  const { tx, tenantId } = w;
  // Read the lots under the ledger lock: a spend that expired them meanwhile must not be followed by a second expiry.
  await w.ledger.lock();
  const due = await tx
    .select()
    .from(timeBankLots)
    .where(
      and(
        eq(timeBankLots.tenantId, tenantId),
        gt(timeBankLots.remaining, 0),
        isNotNull(timeBankLots.expiresAt),
        lte(timeBankLots.expiresAt, now),
        memberId ? eq(timeBankLots.memberId, memberId) : undefined,
      ),
    )
    .orderBy(asc(timeBankLots.memberId), asc(timeBankLots.expiresAt));
  if (due.length === 0) return { members: 0, amount: 0 };
  const { expired } = await cityAccounts(w);
  const byMember = new Map<string, typeof due>();
  for (const lot of due) byMember.set(lot.memberId, [...(byMember.get(lot.memberId) ?? []), lot]);
  let total = 0;
  for (const [member, lots] of byMember) {
    const amount = lots.reduce((s, l) => s + l.remaining, 0);
    const account = await memberAccount(w, member);
    const oldest = lots[0]!.expiresAt!.toISOString().slice(0, 10);
    await w.ledger.postTransfer({
      debitAccountId: account.id,
      creditAccountId: expired.id,
      amount,
      // A lot is emptied by the run that expires it, so its id names that run alone.
      idempotencyKey: `time-bank:expire:${lots[0]!.id}`,
      kind: 'time-bank.expired',
      memo: { lots: lots.length, expiredOn: oldest },
    });
    for (const lot of lots) {
      await tx.update(timeBankLots).set({ remaining: 0 }).where(and(eq(timeBankLots.tenantId, tenantId), eq(timeBankLots.id, lot.id)));
    }
    total += amount;
  }
  return { members: byMember.size, amount: total };
}

/** What will expire when: the member's open lots with an expiry date, soonest first, summed per day. */
export async function upcomingExpiries(w: CityWork, memberId: string): Promise<{ expiresAt: Date; amount: number }[]> {
  const rows = await expiriesOf(w.tx, { tenantId: w.tenantId, memberId });
  return rows.map((r) => ({ expiresAt: r.expiresAt!, amount: r.amount }));
}

// Built once: the member's front page reads it at every visit.
const expiriesOf = selectBuiltOnce((tx) =>
  tx
    .select({ expiresAt: timeBankLots.expiresAt, amount: sql<number>`sum(${timeBankLots.remaining})`.mapWith(Number) })
    .from(timeBankLots)
    .where(and(open(sql.placeholder('tenantId'), sql.placeholder('memberId')), isNotNull(timeBankLots.expiresAt)))
    .groupBy(timeBankLots.expiresAt)
    .orderBy(asc(timeBankLots.expiresAt))
    .limit(12),
);
