import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { LedgerError, type LedgerErrorCode } from './errors.ts';
import { GENESIS_HASH, privateDigest } from './hash.ts';
import { callLedgerPost, toTransfer } from './post-statements.ts';
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
  for (const r of requests) {
    if (!Number.isSafeInteger(r.amount) || r.amount <= 0) {
      throw new LedgerError('invalid_amount', `amount must be a positive integer, got ${r.amount}`);
    }
    if (r.debitAccountId === r.creditAccountId) throw new LedgerError('same_account', 'a transfer needs two different accounts');
    if (!r.idempotencyKey) throw new LedgerError('idempotency_conflict', 'an idempotency key is required');
  }

  // One statement, one round trip: `ledger_post` (migrations/0040) takes the city's chain-head lock, finds
  // earlier transfers by key, locks the accounts in id order, checks units and limits, links the hash chain
  // and writes. What needs no locked row is done here: ids, times, the private digests.
  const postedAt = new Date();
  const postedAtText = postedAt.toISOString();
  const payload = requests.map((r) => {
    const id = newId();
    const memo = r.memo ?? {};
    const reversesId = r.reverses?.id ?? null;
    const digest = privateDigest({ id, debitAccountId: r.debitAccountId, creditAccountId: r.creditAccountId, idempotencyKey: r.idempotencyKey, memo, reversesId });
    return { id, debit: r.debitAccountId, credit: r.creditAccountId, amount: r.amount, key: r.idempotencyKey, kind: r.kind, memo, reversesId, reversesSeq: r.reverses?.seq ?? null, postedAt: postedAtText, digest };
  });
  const rows = await callLedgerPost(tx, tenantId, JSON.stringify(payload), options.units ? [...options.units] : null);
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
