import { createHash } from 'node:crypto';
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import type { CityWork } from '../../core/plugin-api.ts';
import { accessLog } from './schema.ts';

/** The hash before a city's first entry. */
const GENESIS = '0'.repeat(64);

export type AccessAction = 'registered' | 'read' | 'listed' | 'visit_recorded' | 'referral_raised' | 'access_listed' | 'wish_published' | 'wish_fulfilled' | 'case_closed' | 'erased' | 'exported' | 'paired' | 'pairing_read' | 'contact_recorded' | 'contact_confirmed' | 'pairing_ended';
export type AccessEntry = typeof accessLog.$inferSelect;
type Fields = Pick<AccessEntry, 'tenantId' | 'seq' | 'actorId' | 'childId' | 'childIds' | 'action' | 'at' | 'visitedOn'>;

/**
 * SHA-256 over the previous hash and every field of the entry (node's native hash).
 * The child is one id, or a list view's ids as an array in their place; a visit's
 * date is appended only when there is one: entries logged before either existed
 * hash as they always did.
 */
function entryHash(prevHash: string, e: Fields): string {
  const fields = [prevHash, e.tenantId, e.seq, e.actorId, e.childIds ?? e.childId, e.action, e.at.toISOString(), ...(e.visitedOn ? [e.visitedOn] : [])];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

export type ChainHead = { seq: number; hash: string };

/**
 * Takes the city's append lock (held to the transaction's end) and reads the
 * chain's head: the start of an append, which a page may send with its reads.
 */
export async function lockChainHead(w: CityWork): Promise<ChainHead> {
  const { tx, tenantId } = w;
  // Sent together: the server runs them in order, so the head is read once the lock is held.
  const [, [last]] = await Promise.all([
    tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`child-care-visits:access:${tenantId}`}, 0))`),
    tx.select({ seq: accessLog.seq, hash: accessLog.hash }).from(accessLog).where(eq(accessLog.tenantId, tenantId)).orderBy(desc(accessLog.seq)).limit(1),
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
  let { seq, hash: prevHash } = await lockChainHead(w);
  const rows = childIds.map((childId) => {
    const fields: Fields = { tenantId, seq: ++seq, actorId, childId, childIds: null, action, at: now, visitedOn };
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
 * (`accessesOf`). A list of forty is one hash and a row of nine parameters, not forty.
 * `locked`: the head `lockChainHead` read in this transaction, when the caller took the lock.
 */
export async function logListAccess(w: CityWork, actorId: string, childIds: readonly string[], action: AccessAction, now = new Date(), locked?: ChainHead): Promise<void> {
  if (childIds.length === 0) return;
  const { tx, tenantId } = w;
  const head = locked ?? (await lockChainHead(w));
  const fields: Fields = { tenantId, seq: head.seq + 1, actorId, childId: null, childIds: [...childIds], action, at: now, visitedOn: null };
  const hash = entryHash(head.hash, fields);
  // A plain INSERT ... VALUES (Citus refuses the COPY an INSERT ... SELECT would be under row-level security).
  await tx.execute(sql`insert into ${accessLog} (tenant_id, seq, actor_id, child_ids, action, at, prev_hash, hash) values (${tenantId}::uuid, ${fields.seq}::int, ${actorId}::uuid, ${`{${childIds.join(',')}}`}::uuid[], ${action}, ${now.toISOString()}::timestamptz, ${head.hash}, ${hash})`);
}

/** Who accessed a child's record and when, newest first: the entries naming the child and the list views that showed it. */
export async function accessesOf(w: CityWork, childId: string): Promise<AccessEntry[]> {
  const { tx, tenantId } = w;
  const namesChild = or(eq(accessLog.childId, childId), sql`${accessLog.childIds} @> array[${childId}::uuid]`);
  return tx.select().from(accessLog).where(and(eq(accessLog.tenantId, tenantId), namesChild)).orderBy(desc(accessLog.seq));
}

export type ChainCheck = { ok: true; entries: number } | { ok: false; brokenAt: number };

/** Recomputes the city's chain from the start: the first entry whose hash or link does not match breaks it. */
export async function verifyAccessChain(w: CityWork): Promise<ChainCheck> {
  const { tx, tenantId } = w;
  const rows = await tx.select().from(accessLog).where(eq(accessLog.tenantId, tenantId)).orderBy(asc(accessLog.seq));
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq || row.prevHash !== prev || row.hash !== entryHash(prev, row)) return { ok: false, brokenAt: row.seq };
    prev = row.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: rows.length };
}
