import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
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
 * balances: two round trips whatever the batch size. Several transfers in one
 * call share the locks: batch where a flow allows it.
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

  // Three statements sent together, one round trip; the server still runs them in order. Taking the head
  // row's lock first orders this city's postings, so a retry racing the first attempt waits, then finds it
  // (each statement of a READ COMMITTED transaction sees what was committed before it started).
  const keys = [...new Set(requests.map((r) => r.idempotencyKey))];
  const accountIds = [...new Set(requests.flatMap((r) => [r.debitAccountId, r.creditAccountId]))].sort();
  const [[head], earlier, locked] = await Promise.all([
    headLock(tx, tenantId),
    tx
      .select()
      .from(ledgerTransfers)
      .where(and(eq(ledgerTransfers.tenantId, tenantId), inArray(ledgerTransfers.idempotencyKey, keys))),
    tx
      .select()
      .from(ledgerAccounts)
      .where(and(eq(ledgerAccounts.tenantId, tenantId), inArray(ledgerAccounts.id, accountIds)))
      .orderBy(asc(ledgerAccounts.id))
      .for('update'),
  ]);
  let seq = head!.seq;
  let prevHash = head!.hash;
  const byKey = new Map(earlier.map((t) => [t.idempotencyKey, t]));
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

  const moved = [...accounts.values()].filter((a) => locked.find((b) => b.id === a.id)!.balance !== a.balance);
  await tx.execute(writePostings(tenantId, newTransfers, newEntries, moved, seq, prevHash));
  return results;
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

/**
 * Everything a posting writes, in one statement (one round trip): the transfers,
 * their entries, the new balances and the chain head. Foreign keys are checked
 * at the end of the statement, when all of it is there.
 */
function writePostings(
  tenantId: string,
  transfers: Transfer[],
  entries: (typeof ledgerEntries.$inferInsert)[],
  moved: { id: string; balance: number }[],
  seq: number,
  hash: string,
): SQL {
  const transferRows = transfers.map(
    (t) =>
      sql`(${t.tenantId}::uuid, ${t.id}::uuid, ${t.seq}::bigint, ${t.unit}, ${t.debitAccountId}::uuid, ${t.creditAccountId}::uuid, ${t.amount}::bigint, ${t.idempotencyKey}, ${t.kind}, ${JSON.stringify(t.memo)}::jsonb, ${t.reversesId}::uuid, ${t.postedAt.toISOString()}::timestamptz, ${t.prevHash}, ${t.hash})`,
  );
  const entryRows = entries.map((e) => sql`(${e.tenantId}::uuid, ${e.transferId}::uuid, ${e.accountId}::uuid, ${e.amount}::bigint, ${e.balanceAfter}::bigint)`);
  const balanceRows = moved.map((a) => sql`(${a.id}::uuid, ${a.balance}::bigint)`);
  const balances =
    balanceRows.length === 0
      ? sql``
      : sql`, moved as (
          update ledger_accounts a set balance = m.balance from (values ${sql.join(balanceRows, sql`, `)}) as m(id, balance)
          where a.tenant_id = ${tenantId} and a.id = m.id)`;
  return sql`with posted as (
      insert into ledger_transfers (tenant_id, id, seq, unit, debit_account_id, credit_account_id, amount, idempotency_key, kind, memo, reverses_id, posted_at, prev_hash, hash)
      values ${sql.join(transferRows, sql`, `)}),
    entries as (
      insert into ledger_entries (tenant_id, transfer_id, account_id, amount, balance_after)
      values ${sql.join(entryRows, sql`, `)})${balances}
    update ledger_heads set seq = ${seq}, hash = ${hash}, transfers = transfers + ${transfers.length}
    where tenant_id = ${tenantId}`;
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
