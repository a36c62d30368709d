import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { CityWork } from '../../core/plugin-api.ts';
import { accessLog } from './schema.ts';

/** The hash before a city's first entry. */
const GENESIS = '0'.repeat(64);

export type AccessAction = 'registered' | 'read' | 'listed' | 'visit_recorded' | 'referral_raised' | 'access_listed' | 'wish_published' | 'wish_fulfilled' | 'case_closed' | 'erased' | 'exported' | 'paired' | 'pairing_read' | 'contact_recorded' | 'contact_confirmed' | 'pairing_ended';
export type AccessEntry = typeof accessLog.$inferSelect;
type Fields = Pick<AccessEntry, 'tenantId' | 'seq' | 'actorId' | 'childId' | 'action' | 'at' | 'visitedOn'>;

/**
 * SHA-256 over the previous hash and every field of the entry (node's native hash).
 * A visit's date is appended only when there is one, so entries logged before
 * visits carried it hash as they always did.
 */
function entryHash(prevHash: string, e: Fields): string {
  const fields = [prevHash, e.tenantId, e.seq, e.actorId, e.childId, e.action, e.at.toISOString(), ...(e.visitedOn ? [e.visitedOn] : [])];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
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
 * but with one lock, one read of the chain's head and one insert: a list of forty
 * children costs three round trips, not a hundred and twenty.
 */
export async function logAccesses(w: CityWork, actorId: string, childIds: readonly string[], action: AccessAction, now = new Date(), visitedOn: string | null = null): Promise<void> {
  if (childIds.length === 0) return;
  const { tx, tenantId } = w;
  // Sent together: the server runs them in order, so the head is read once the lock is held.
  const [, [last]] = await Promise.all([
    tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`child-care-visits:access:${tenantId}`}, 0))`),
    tx.select({ seq: accessLog.seq, hash: accessLog.hash }).from(accessLog).where(eq(accessLog.tenantId, tenantId)).orderBy(desc(accessLog.seq)).limit(1),
  ]);
  let prevHash = last?.hash ?? GENESIS;
  let seq = last?.seq ?? 0;
  const rows = childIds.map((childId) => {
    const fields: Fields = { tenantId, seq: ++seq, actorId, childId, action, at: now, visitedOn };
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

/** Who accessed a child's record and when, newest first. */
export async function accessesOf(w: CityWork, childId: string): Promise<AccessEntry[]> {
  const { tx, tenantId } = w;
  return tx.select().from(accessLog).where(and(eq(accessLog.tenantId, tenantId), eq(accessLog.childId, childId))).orderBy(desc(accessLog.seq));
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
