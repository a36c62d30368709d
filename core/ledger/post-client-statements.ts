import { SQL, type Query } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db/database.ts';
import { GENESIS_HASH } from './hash.ts';
import { toTransfer } from './post-statements.ts';
import type { Transfer } from './schema.ts';

/**
 * The statements a posting sends, their text written once. Building them with
 * drizzle's query builder on every posting cost more Node CPU than the rest of
 * the posting; the text here is fixed (one prepared statement each on a
 * connection) and only the parameters change.
 */

/** A statement whose text is already built: drizzle hands it to the driver as it is (same path, errors and transaction as `tx.execute(sql...)`). */
class Statement extends SQL {
  constructor(
    private readonly text: string,
    private readonly values: unknown[],
  ) {
    super([]);
  }
  override toQuery(): Query {
    return { sql: this.text, params: this.values };
  }
}

async function run<R>(tx: Tx, text: string, values: unknown[]): Promise<R[]> {
  return rowsOf<R>(await tx.execute(new Statement(text, values)));
}

/** Locks the city's chain head row until the transaction ends, creating it on the city's first posting. */
export async function lockHead(tx: Tx, tenantId: string): Promise<{ seq: number; hash: string }> {
  const [head] = await run<{ seq: string | number; hash: string }>(
    tx,
    `insert into ledger_heads (tenant_id, seq, hash) values ($1::uuid, 0, $2) on conflict (tenant_id) do update set seq = ledger_heads.seq returning seq, hash`,
    [tenantId, GENESIS_HASH],
  );
  return { seq: Number(head!.seq), hash: head!.hash };
}

type TransferRow = Omit<Transfer, 'seq' | 'amount' | 'postedAt' | 'memo' | 'hashVersion'> & { hashVersion: string | number; seq: string | number; amount: string | number; postedAtMs: number; memo: unknown };

/** Transfers of this city already posted under any of these idempotency keys. */
export async function transfersByKey(tx: Tx, tenantId: string, keys: string[]): Promise<Transfer[]> {
  // posted_at as epoch milliseconds: both drivers return a float8 as a number (a timestamp's text differs between them).
  const rows = await run<TransferRow>(
    tx,
    `select tenant_id as "tenantId", id, seq, unit, debit_account_id as "debitAccountId", credit_account_id as "creditAccountId", amount,
       idempotency_key as "idempotencyKey", kind, memo, reverses_id as "reversesId", (extract(epoch from posted_at) * 1000)::float8 as "postedAtMs",
       prev_hash as "prevHash", hash, hash_version as "hashVersion", private_digest as "privateDigest"
     from ledger_transfers where tenant_id = $1::uuid and idempotency_key = any($2::text[])`,
    [tenantId, keys],
  );
  return rows.map(toTransfer);
}

/** `code` and `publicRef` give the account's kind and pseudonym in the transfer's public hash. */
export type LockedAccount = { id: string; unit: string; code: string; publicRef: string; balance: number; allowNegative: boolean };

/** Locks these accounts of the city in id order (every posting locks in the same order: no deadlocks). */
export async function lockAccounts(tx: Tx, tenantId: string, sortedIds: string[]): Promise<LockedAccount[]> {
  const rows = await run<Omit<LockedAccount, 'balance'> & { balance: string | number }>(
    tx,
    `select id, unit, code, public_ref as "publicRef", balance, allow_negative as "allowNegative" from ledger_accounts where tenant_id = $1::uuid and id = any($2::uuid[]) order by id for update`,
    [tenantId, sortedIds],
  );
  return rows.map((r) => ({ ...r, balance: Number(r.balance) }));
}

export type NewEntryBalances = { debitBalanceAfter: number; creditBalanceAfter: number };

/**
 * Everything a posting writes, in one statement (one round trip): the transfers,
 * their two entries each, the new balances and the chain head. Foreign keys are
 * checked at the end of the statement, when all of it is there.
 */
export async function writePostings(
  tx: Tx,
  tenantId: string,
  transfers: Transfer[],
  balancesAfter: NewEntryBalances[],
  moved: { id: string; balance: number }[],
  seq: number,
  hash: string,
): Promise<void> {
  const values: unknown[] = [tenantId, seq, hash, transfers.length];
  for (let i = 0; i < transfers.length; i++) {
    const t = transfers[i]!;
    const b = balancesAfter[i]!;
    values.push(t.id, t.seq, t.unit, t.debitAccountId, t.creditAccountId, t.amount, t.idempotencyKey, t.kind, JSON.stringify(t.memo), t.reversesId, t.postedAt.toISOString(), t.prevHash, t.hash, t.hashVersion, t.privateDigest);
    values.push(b.debitBalanceAfter, b.creditBalanceAfter);
  }
  for (const a of moved) values.push(a.id, a.balance);
  await run(tx, writeText(transfers.length, moved.length), values);
}

const PER_TRANSFER = 17;
const writeTexts = new Map<string, string>();

/** The write statement's text for a number of transfers and of moved accounts; the common sizes are remembered. */
function writeText(transfers: number, moved: number): string {
  const key = `${transfers}:${moved}`;
  const known = writeTexts.get(key);
  if (known) return known;
  const transferRows: string[] = [];
  const entryRows: string[] = [];
  for (let i = 0; i < transfers; i++) {
    const p = 5 + i * PER_TRANSFER; // $1 tenant, $2 head seq, $3 head hash, $4 transfers; then 17 a transfer
    transferRows.push(
      `($1::uuid, $${p}::uuid, $${p + 1}::bigint, $${p + 2}, $${p + 3}::uuid, $${p + 4}::uuid, $${p + 5}::bigint, $${p + 6}, $${p + 7}, $${p + 8}::jsonb, $${p + 9}::uuid, $${p + 10}::timestamptz, $${p + 11}, $${p + 12}, $${p + 13}::smallint, $${p + 14})`,
    );
    // Debit entry: minus the amount on the debit account; credit entry: plus it on the credit account.
    entryRows.push(`($1::uuid, $${p}::uuid, $${p + 3}::uuid, -($${p + 5}::bigint), $${p + 15}::bigint)`, `($1::uuid, $${p}::uuid, $${p + 4}::uuid, $${p + 5}::bigint, $${p + 16}::bigint)`);
  }
  const m = 5 + transfers * PER_TRANSFER;
  const balanceRows = Array.from({ length: moved }, (_, k) => `($${m + 2 * k}::uuid, $${m + 2 * k + 1}::bigint)`);
  const balances =
    moved === 0
      ? ''
      : `, moved as (
      update ledger_accounts a set balance = m.balance from (values ${balanceRows.join(', ')}) as m(id, balance)
      where a.tenant_id = $1::uuid and a.id = m.id)`;
  const text = `with posted as (
      insert into ledger_transfers (tenant_id, id, seq, unit, debit_account_id, credit_account_id, amount, idempotency_key, kind, memo, reverses_id, posted_at, prev_hash, hash, hash_version, private_digest)
      values ${transferRows.join(', ')}),
    entries as (
      insert into ledger_entries (tenant_id, transfer_id, account_id, amount, balance_after)
      values ${entryRows.join(', ')})${balances}
    update ledger_heads set seq = $2::bigint, hash = $3, transfers = transfers + $4::int
    where tenant_id = $1::uuid`;
  if (writeTexts.size < 256) writeTexts.set(key, text);
  return text;
}
