import { and, eq, sql } from 'drizzle-orm';
import { APP_ROLE, type Database, type Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { LedgerError, type LedgerErrorCode } from './errors.ts';
import { GENESIS_HASH, privateDigest } from './hash.ts';
import { callLedgerPost, POST_STATEMENT, toTransfer, type PostedRow } from './post-statements.ts';
import { ledgerHeads, ledgerTransfers, type Transfer } from './schema.ts';

export type TransferRequest = {
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  /** Retrying with the same key returns the first transfer and posts nothing. */
  idempotencyKey: string;
  kind: string;
  memo?: Record<string, string | number | boolean | null>;
  /** The transfer this one reverses (its number goes into the public hash). */
  reverses?: { id: string; seq: number } | null;
};

export type { Transfer };

/** `units`: the only units these transfers may move (a plugin posts only in the units it declared). */
export type PostOptions = { units?: ReadonlySet<string> };

/**
 * Posts transfers in the caller's transaction, all or none. Locks the city's
 * chain head and then the accounts in id order (no deadlocks), checks units and
 * balance limits, appends transfers and entries, and moves the balances: one
 * statement (the database function `ledger_post`), one round trip whatever the
 * batch size. Several transfers in one call share the locks: batch where a flow
 * allows it. A refusal throws a LedgerError with nothing written.
 */
export async function postTransfers(tx: Tx, tenantId: string, requests: readonly TransferRequest[], options: PostOptions = {}): Promise<Transfer[]> {
  if (requests.length === 0) return [];
  const rows = await callLedgerPost(tx, tenantId, postingJson(requests), options.units ? [...options.units] : null);
  return answer(rows);
}

/**
 * Posts transfers in a tenant transaction of their own (role and city set as `db.tenant` sets them),
 * for a flow whose transaction is nothing but the posting. On PostgreSQL the whole transaction is one
 * round trip: BEGIN, the settings, `ledger_post` and COMMIT go out together on one connection and the
 * server runs them in order; a failure in any aborts the transaction and COMMIT then rolls it back. The
 * city's ledger lock is held only while the server runs them, never across a trip to Node. PGlite (in
 * process) and Citus (its own settings statements) use `db.tenant`.
 */
export async function postTransfersAlone(db: Database, tenantId: string, requests: readonly TransferRequest[], options: PostOptions = {}): Promise<Transfer[]> {
  if (requests.length === 0) return [];
  if (!('postgres' in db.driver) || db.distributed) return db.tenant(tenantId, (tx) => postTransfers(tx, tenantId, requests, options));
  const json = postingJson(requests);
  const units = options.units ? [...options.units] : null;
  const conn = await db.driver.tenantPostgres.reserve();
  try {
    const prepared = { prepare: true } as const;
    // Every answer is awaited before the connection goes back to the pool, failures included.
    const answers = await Promise.allSettled([
      conn.unsafe('begin'),
      conn.unsafe(TENANT_SETTINGS, [APP_ROLE, tenantId], prepared),
      conn.unsafe<PostedRow[]>(POST_STATEMENT, [tenantId, json, units], prepared),
      conn.unsafe('commit'),
    ]);
    const failed = answers.find((a) => a.status === 'rejected');
    if (failed) throw failed.reason;
    return answer((answers[2] as PromiseFulfilledResult<PostedRow[]>).value);
  } finally {
    conn.release();
  }
}

const TENANT_SETTINGS = `select set_config('role', $1, true), set_config('app.tenant_id', $2, true)`;

/**
 * The requests as `ledger_post` takes them, checked first. What needs no locked row is done here: each
 * transfer's id and time, and its private digest (over the canonical memo, as core/ledger/hash.ts).
 */
function postingJson(requests: readonly TransferRequest[]): string {
  for (const r of requests) {
    if (!Number.isSafeInteger(r.amount) || r.amount <= 0) {
      throw new LedgerError('invalid_amount', `amount must be a positive integer, got ${r.amount}`);
    }
    if (r.debitAccountId === r.creditAccountId) throw new LedgerError('same_account', 'a transfer needs two different accounts');
    if (!r.idempotencyKey) throw new LedgerError('idempotency_conflict', 'an idempotency key is required');
  }
  const postedAt = new Date().toISOString();
  return JSON.stringify(
    requests.map((r) => {
      const id = newId();
      const memo = r.memo ?? {};
      const reversesId = r.reverses?.id ?? null;
      const digest = privateDigest({ id, debitAccountId: r.debitAccountId, creditAccountId: r.creditAccountId, idempotencyKey: r.idempotencyKey, memo, reversesId });
      return { id, debit: r.debitAccountId, credit: r.creditAccountId, amount: r.amount, key: r.idempotencyKey, kind: r.kind, memo, reversesId, reversesSeq: r.reverses?.seq ?? null, postedAt, digest };
    }),
  );
}

/** The transfers `ledger_post` answered with, one a request in order; or its refusal, thrown. */
function answer(rows: PostedRow[]): Transfer[] {
  const refused = rows[0];
  if (refused?.error) throw new LedgerError(refused.error as LedgerErrorCode, refused.message ?? refused.error);
  return rows.map(toTransfer);
}

/**
 * Takes this city's ledger lock (its chain head) until the transaction ends, as
 * every posting does first. A plugin that reads balances or its own records and
 * then posts takes it before reading, so its reads and postings are one turn
 * and its lock order matches the core's (head, then accounts): no deadlock.
 */
export async function lockLedger(tx: Tx, tenantId: string): Promise<typeof ledgerHeads.$inferSelect> {
  const [head] = await headLock(tx, tenantId);
  return head!;
}

/** The statement that locks the city's chain head row, creating it on the city's first posting. */
function headLock(tx: Tx, tenantId: string) {
  return tx
    .insert(ledgerHeads)
    .values({ tenantId, seq: 0, hash: GENESIS_HASH })
    .onConflictDoUpdate({ target: ledgerHeads.tenantId, set: { seq: sql`${ledgerHeads.seq}` } })
    .returning();
}

export async function postTransfer(tx: Tx, tenantId: string, request: TransferRequest, options: PostOptions = {}): Promise<Transfer> {
  const [transfer] = await postTransfers(tx, tenantId, [request], options);
  return transfer!;
}

/** Undoes a transfer by posting its mirror image; a transfer is reversed at most once. */
export async function reverseTransfer(
  tx: Tx,
  tenantId: string,
  transferId: string,
  options: { idempotencyKey: string; kind?: string; memo?: TransferRequest['memo'] } & PostOptions,
): Promise<Transfer> {
  const [original] = await tx
    .select()
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.tenantId, tenantId), eq(ledgerTransfers.id, transferId)));
  if (!original) throw new LedgerError('unknown_account', 'no such transfer in this city');
  if (original.reversesId) throw new LedgerError('not_reversible', 'a reversal is not reversed; post a new transfer');
  const [already] = await tx
    .select()
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.tenantId, tenantId), eq(ledgerTransfers.reversesId, transferId)));
  if (already) {
    if (already.idempotencyKey === options.idempotencyKey) return already;
    throw new LedgerError('already_reversed', 'this transfer was already reversed');
  }
  return postTransfer(tx, tenantId, {
    debitAccountId: original.creditAccountId,
    creditAccountId: original.debitAccountId,
    amount: original.amount,
    idempotencyKey: options.idempotencyKey,
    kind: options.kind ?? `${original.kind}.reversed`,
    memo: options.memo ?? {},
    reverses: { id: original.id, seq: original.seq },
  }, { units: options.units });
}
