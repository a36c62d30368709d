import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { LedgerError } from './errors.ts';
import { HASH_VERSION, privateDigest, publicHashFields, transferHashV2 } from './hash.ts';
import { lockAccounts, lockHead, transfersByKey, writePostings, type LockedAccount, type NewEntryBalances } from './post-client-statements.ts';
import type { PostOptions, Transfer, TransferRequest } from './post.ts';

/**
 * The posting as it was before `ledger_post` (migration 0042), in the client: for Citus only. On the
 * Citus 13.2 dev cluster the function crashed the coordinator (signal 11 in the backend running
 * `select * from ledger_post(...)`, 2026-12-06), so a process on Citus posts this way until that is
 * understood. Same statements, locks, checks and hashes as before; three statements pipelined and a write.
 */
export async function postTransfersInClient(tx: Tx, tenantId: string, requests: readonly TransferRequest[], options: PostOptions = {}): Promise<Transfer[]> {
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
  const [head, earlier, locked] = await Promise.all([lockHead(tx, tenantId), transfersByKey(tx, tenantId, keys), lockAccounts(tx, tenantId, accountIds)]);
  let seq = head.seq;
  let prevHash = head.hash;
  const byKey = new Map<string, Transfer>();
  for (const t of earlier) byKey.set(t.idempotencyKey, t);
  // Balances move on these copies; `before` tells which accounts the write must update.
  const accounts = new Map<string, LockedAccount & { before: number }>();
  for (const a of locked) accounts.set(a.id, { ...a, before: a.balance });

  const results: Transfer[] = [];
  const newTransfers: Transfer[] = [];
  const balancesAfter: NewEntryBalances[] = [];
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
    if (options.units && !options.units.has(debit.unit)) throw new LedgerError('unit_not_declared', `${debit.unit} is not a unit this poster declared`);
    if (!debit.allowNegative && debit.balance - r.amount < 0) {
      throw new LedgerError('insufficient_balance', `balance ${debit.balance} is less than ${r.amount}`);
    }
    debit.balance -= r.amount;
    credit.balance += r.amount;
    seq += 1;
    const postedAt = new Date();
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
      reversesId: r.reverses?.id ?? null,
      postedAt,
      prevHash,
      hash: '',
      hashVersion: HASH_VERSION,
      privateDigest: '',
    };
    transfer.privateDigest = privateDigest(transfer);
    transfer.hash = transferHashV2(tenantId, prevHash, publicHashFields(transfer, debit, credit, r.reverses?.seq ?? null));
    prevHash = transfer.hash;
    newTransfers.push(transfer);
    balancesAfter.push({ debitBalanceAfter: debit.balance, creditBalanceAfter: credit.balance });
    byKey.set(r.idempotencyKey, transfer);
    results.push(transfer);
  }
  if (newTransfers.length === 0) return results;

  const moved: { id: string; balance: number }[] = [];
  for (const a of accounts.values()) if (a.balance !== a.before) moved.push({ id: a.id, balance: a.balance });
  await writePostings(tx, tenantId, newTransfers, balancesAfter, moved, seq, prevHash);
  return results;
}

function sameRequest(t: Transfer, r: TransferRequest): boolean {
  return t.debitAccountId === r.debitAccountId && t.creditAccountId === r.creditAccountId && t.amount === r.amount && t.kind === r.kind;
}
