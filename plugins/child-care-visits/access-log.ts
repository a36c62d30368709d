import { createHash } from 'node:crypto';
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import type { CityWork } from '../../core/plugin-api.ts';
import { accessLog } from './schema.ts';

/** The hash before a city's first entry. */
const GENESIS = '0'.repeat(64);

export type AccessAction = 'registered' | 'read' | 'listed' | 'visit_recorded' | 'referral_raised' | 'access_listed' | 'wish_published' | 'wish_fulfilled' | 'case_closed' | 'erased' | 'exported' | 'paired' | 'pairing_read' | 'contact_recorded' | 'contact_confirmed' | 'pairing_ended';
export type AccessEntry = typeof accessLog.$inferSelect;
type Fields = Pick<AccessEntry, 'tenantId' | 'chain' | 'seq' | 'actorId' | 'childId' | 'childIds' | 'action' | 'at' | 'visitedOn'>;

/**
 * The city's chains besides chain 0 that list views append to, one picked at random a view: with one
 * chain, every list view of a city took turns at its lock, held across the commit's WAL flush (a lock
 * released at the end of the transaction cannot be released before it), so the city's list views
 * could neither overlap nor share a flush. Raising it later is safe (a new chain starts from its
 * genesis); lowering it leaves the higher chains as they are, still verified.
 */
export const LIST_CHAINS = 8;

/** A list view's chain: 1..LIST_CHAINS. */
const listChain = () => 1 + Math.floor(Math.random() * LIST_CHAINS);

/**
 * SHA-256 over the previous hash and every field of the entry (node's native hash).
 * The child is one id, or a list view's ids as an array in their place; a visit's
 * date is appended only when there is one; the chain follows the city when it is not
 * chain 0: entries logged before any of these existed hash as they always did, and
 * an entry moved to another chain no longer matches its hash.
 */
function entryHash(prevHash: string, e: Fields): string {
  const fields = [prevHash, e.tenantId, ...(e.chain ? [e.chain] : []), e.seq, e.actorId, e.childIds ?? e.childId, e.action, e.at.toISOString(), ...(e.visitedOn ? [e.visitedOn] : [])];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

/**
 * Takes the append lock of the city's chain 0 (held to the transaction's end) and reads
 * its head: the start of an append. List chains are appended by the database, under
 * locks keyed `<this key>:<chain>` (migration 0054).
 */
async function lockMainChainHead(w: CityWork): Promise<{ seq: number; hash: string }> {
  const { tx, tenantId } = w;
  // Sent together: the server runs them in order, so the head is read once the lock is held.
  const [, [last]] = await Promise.all([
    tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`child-care-visits:access:${tenantId}`}, 0))`),
    tx.select({ seq: accessLog.seq, hash: accessLog.hash }).from(accessLog).where(and(eq(accessLog.tenantId, tenantId), eq(accessLog.chain, 0))).orderBy(desc(accessLog.seq)).limit(1),
  ]);
  return last ?? { seq: 0, hash: GENESIS };
}

/**
 * Appends an entry to the city's chain (`visitedOn`: the date of the visit recorded).
 * A transaction-scoped advisory lock per city makes appends take turns, so two
 * never chain to the same predecessor.
 */
export function logAccess(w: CityWork, actorId: string, childId: string, action: AccessAction, now = new Date(), visitedOn: string | null = null): Promise<void> {
  return logAccesses(w, actorId, [childId], action, now, visitedOn);
}

/**
 * Appends one entry a child, in the order given, as `logAccess` would one by one,
 * but with one lock, one read of the chain's head and one insert: an erasure or a
 * roster export of forty children costs three round trips, not a hundred and twenty.
 */
export async function logAccesses(w: CityWork, actorId: string, childIds: readonly string[], action: AccessAction, now = new Date(), visitedOn: string | null = null): Promise<void> {
  if (childIds.length === 0) return;
  const { tx, tenantId } = w;
  let { seq, hash: prevHash } = await lockMainChainHead(w);
  const rows = childIds.map((childId) => {
    const fields: Fields = { tenantId, chain: 0, seq: ++seq, actorId, childId, childIds: null, action, at: now, visitedOn };
    const hash = entryHash(prevHash, fields);
    const row = [String(fields.seq), childId, prevHash, hash] as const;
    prevHash = hash;
    return row;
  });
  // One VALUES list of plain parameters, not drizzle's insert builder (which checked 360 values one by one:
  // a fifth of the list page's Node CPU), and not INSERT ... SELECT FROM unnest(...): Citus runs that as a
  // COPY, which row-level security refuses.
  const at = now.toISOString();
  const values = sql.join(
    rows.map(([entrySeq, childId, prev, hash]) => sql`(${tenantId}::uuid, ${entrySeq}::int, ${actorId}::uuid, ${childId}::uuid, ${action}, ${at}::timestamptz, ${visitedOn}::date, ${prev}, ${hash})`),
    sql`, `,
  );
  await tx.execute(sql`insert into ${accessLog} (tenant_id, seq, actor_id, child_id, action, at, visited_on, prev_hash, hash) values ${values}`);
}

/**
 * Appends one entry naming every child a list view showed, in its order: the view
 * is one access that read each of them, and the entry is found by each child's id
 * (`accessesOf`). A list of forty is one hash and one row, not forty.
 * It goes to one of the list chains (`listChain`), so list views of a city seldom wait
 * on each other. The database appends it (`child_care_visits_log_list`, migration 0054:
 * lock, head, hash and insert in one call, the same entry `entryHash` checks), so a
 * caller may send it unawaited with the commit right behind it: the chain's lock is then
 * held for the server's work and the commit, never across this process's event loop.
 */
export async function logListAccess(w: CityWork, actorId: string, childIds: readonly string[], action: AccessAction, now = new Date()): Promise<void> {
  if (childIds.length === 0) return;
  const { tx, tenantId } = w;
  await tx.execute(sql`select child_care_visits_log_list(${tenantId}::uuid, ${listChain()}::smallint, ${actorId}::uuid, ${`{${childIds.join(',')}}`}::uuid[], ${action}, ${now.toISOString()}::timestamptz)`);
}

/**
 * Who accessed a child's record and when, newest first: the entries naming the child and the list views that
 * showed it. Numbers count within a chain, so the time orders entries of different chains (of one moment, a
 * list chain's entry is the newer: a list never comes before the registration of a child it shows).
 */
export async function accessesOf(w: CityWork, childId: string): Promise<AccessEntry[]> {
  const { tx, tenantId } = w;
  const namesChild = or(eq(accessLog.childId, childId), sql`${accessLog.childIds} @> array[${childId}::uuid]`);
  return tx.select().from(accessLog).where(and(eq(accessLog.tenantId, tenantId), namesChild)).orderBy(desc(accessLog.at), desc(accessLog.chain), desc(accessLog.seq));
}

/** `chain`: which of the city's chains breaks (0: the one every access but list views is in). */
export type ChainCheck = { ok: true; entries: number } | { ok: false; chain: number; brokenAt: number };

/**
 * Recomputes each of the city's chains from its start: the first entry whose hash, link or number does not
 * match breaks it (chains in order, so the first broken one is named).
 */
export async function verifyAccessChain(w: CityWork): Promise<ChainCheck> {
  const { tx, tenantId } = w;
  const rows = await tx.select().from(accessLog).where(eq(accessLog.tenantId, tenantId)).orderBy(asc(accessLog.chain), asc(accessLog.seq));
  let chain = -1;
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const row of rows) {
    if (row.chain !== chain) [chain, prev, expectedSeq] = [row.chain, GENESIS, 1];
    if (row.seq !== expectedSeq || row.prevHash !== prev || row.hash !== entryHash(prev, row)) return { ok: false, chain: row.chain, brokenAt: row.seq };
    prev = row.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: rows.length };
}
