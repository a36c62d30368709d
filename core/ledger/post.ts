import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { LedgerError } from './errors.ts';
import { GENESIS_HASH, transferHash } from './hash.ts';
import { ledgerAccounts, ledgerEntries, ledgerHeads, ledgerTransfers } from './schema.ts';

export type TransferRequest = {
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  /** Retrying with the same key returns the first transfer and posts nothing. */
  idempotencyKey: string;
  kind: string;
  memo?: Record<string, string | number | boolean | null>;
  reversesId?: string | null;
};

export type Transfer = typeof ledgerTransfers.$inferSelect;

/**
 * Posts transfers in the caller's transaction, all or none. Locks the city's
 * chain head (one upsert) and then the accounts in id order (no deadlocks),
 * checks units and balance limits, appends transfers and entries, and moves the
 * balances. Several transfers in one call share the locks: batch where a flow allows it.
 */
export async function postTransfers(tx: Tx, tenantId: string, requests: readonly TransferRequest[]): Promise<Transfer[]> {
  if (requests.length === 0) return [];
  for (const r of requests) {
    if (!Number.isSafeInteger(r.amount) || r.amount <= 0) {
      throw new LedgerError('invalid_amount', `amount must be a positive integer, got ${r.amount}`);
    }
    if (r.debitAccountId === r.creditAccountId) throw new LedgerError('same_account', 'a transfer needs two different accounts');
    if (!r.idempotencyKey) throw new LedgerError('idempotency_conflict', 'an idempotency key is required');
  }

  // Taking the head row's lock orders this city's postings, so a retry racing the first attempt waits, then finds it.
  const head = await lockLedger(tx, tenantId);
  let seq = head.seq;
  let prevHash = head.hash;

  const keys = [...new Set(requests.map((r) => r.idempotencyKey))];
  const earlier = await tx
    .select()
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.tenantId, tenantId), inArray(ledgerTransfers.idempotencyKey, keys)));
  const byKey = new Map(earlier.map((t) => [t.idempotencyKey, t]));

  const accountIds = [...new Set(requests.flatMap((r) => [r.debitAccountId, r.creditAccountId]))].sort();
  const locked = await tx
    .select()
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.tenantId, tenantId), inArray(ledgerAccounts.id, accountIds)))
    .orderBy(asc(ledgerAccounts.id))
    .for('update');
  const accounts = new Map(locked.map((a) => [a.id, { ...a }]));

  const results: Transfer[] = [];
  const newTransfers: Transfer[] = [];
  const newEntries: (typeof ledgerEntries.$inferInsert)[] = [];
  for (const r of requests) {
    const previous = byKey.get(r.idempotencyKey);
    if (previous) {
      if (!sameRequest(previous, r)) {
        throw new LedgerError('idempotency_conflict', `idempotency key ${r.idempotencyKey} was used for a different transfer`);
      }
      results.push(previous);
      continue;
    }
    const debit = accounts.get(r.debitAccountId);
    const credit = accounts.get(r.creditAccountId);
    if (!debit || !credit) throw new LedgerError('unknown_account', 'no such account in this city');
    if (debit.unit !== credit.unit) {
      throw new LedgerError('unit_mismatch', `cannot move ${debit.unit} into a ${credit.unit} account`);
    }
    if (!debit.allowNegative && debit.balance - r.amount < 0) {
      throw new LedgerError('insufficient_balance', `balance ${debit.balance} is less than ${r.amount}`);
    }
    debit.balance -= r.amount;
    credit.balance += r.amount;
    seq += 1;
    const transfer: Transfer = {
      tenantId,
      id: newId(),
      seq,
      unit: debit.unit,
      debitAccountId: debit.id,
      creditAccountId: credit.id,
      amount: r.amount,
      idempotencyKey: r.idempotencyKey,
      kind: r.kind,
      memo: r.memo ?? {},
      reversesId: r.reversesId ?? null,
      postedAt: new Date(),
      prevHash,
      hash: '',
    };
    transfer.hash = transferHash(prevHash, transfer);
    prevHash = transfer.hash;
    newTransfers.push(transfer);
    newEntries.push(
      { tenantId, transferId: transfer.id, accountId: debit.id, amount: -r.amount, balanceAfter: debit.balance },
      { tenantId, transferId: transfer.id, accountId: credit.id, amount: r.amount, balanceAfter: credit.balance },
    );
    byKey.set(r.idempotencyKey, transfer);
    results.push(transfer);
  }
  if (newTransfers.length === 0) return results;

  await tx.insert(ledgerTransfers).values(newTransfers);
  await tx.insert(ledgerEntries).values(newEntries);
  for (const account of accounts.values()) {
    const before = locked.find((a) => a.id === account.id)!;
    if (before.balance !== account.balance) {
      await tx
        .update(ledgerAccounts)
        .set({ balance: account.balance })
        .where(and(eq(ledgerAccounts.tenantId, tenantId), eq(ledgerAccounts.id, account.id)));
    }
  }
  await tx
    .update(ledgerHeads)
    .set({ seq, hash: prevHash, transfers: sql`${ledgerHeads.transfers} + ${newTransfers.length}` })
    .where(eq(ledgerHeads.tenantId, tenantId));
  return results;
}

/**
 * Takes this city's ledger lock (its chain head) until the transaction ends, as
 * every posting does first. A plugin that reads balances or its own records and
 * then posts takes it before reading, so its reads and postings are one turn
 * and its lock order matches the core's (head, then accounts): no deadlock.
 */
export async function lockLedger(tx: Tx, tenantId: string): Promise<typeof ledgerHeads.$inferSelect> {
  const [head] = await tx
    .insert(ledgerHeads)
    .values({ tenantId, seq: 0, hash: GENESIS_HASH })
    .onConflictDoUpdate({ target: ledgerHeads.tenantId, set: { seq: sql`${ledgerHeads.seq}` } })
    .returning();
  return head!;
}

export async function postTransfer(tx: Tx, tenantId: string, request: TransferRequest): Promise<Transfer> {
  const [transfer] = await postTransfers(tx, tenantId, [request]);
  return transfer!;
}

function sameRequest(t: Transfer, r: TransferRequest): boolean {
  return t.debitAccountId === r.debitAccountId && t.creditAccountId === r.creditAccountId && t.amount === r.amount && t.kind === r.kind;
}

/** Undoes a transfer by posting its mirror image; a transfer is reversed at most once. */
export async function reverseTransfer(
  tx: Tx,
  tenantId: string,
  transferId: string,
  options: { idempotencyKey: string; kind?: string; memo?: TransferRequest['memo'] },
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
    reversesId: original.id,
  });
}
