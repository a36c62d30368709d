import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { selectBuiltOnce } from '../db/built-once.ts';
import type { Tx } from '../db/database.ts';
import { GENESIS_HASH } from './hash.ts';
import { ledgerAccounts, ledgerEntries, ledgerTransfers } from './schema.ts';

/** Reads of the ledger a plugin needs for public disclosure; nothing here writes. */

export type ChainPoint = { seq: number; hash: string; postedAt: Date | null };

/**
 * The city's chain head as it stood at `instant`: the hash of the last transfer
 * posted before it (the genesis hash when there was none). Anyone holding this
 * hash can later check with `ledger:verify` that the chain up to it is unchanged.
 */
export async function ledgerHashAt(tx: Tx, tenantId: string, instant: Date): Promise<ChainPoint> {
  const [last] = await tx
    .select({ seq: ledgerTransfers.seq, hash: ledgerTransfers.hash, postedAt: ledgerTransfers.postedAt })
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.tenantId, tenantId), lt(ledgerTransfers.postedAt, instant)))
    .orderBy(desc(ledgerTransfers.seq))
    .limit(1);
  return last ?? { seq: 0, hash: GENESIS_HASH, postedAt: null };
}

export type AccountMovements = {
  /** Sum of the positive entries (money in), in the account's unit. */
  credits: number;
  /** Sum of the negative entries as a positive number (money out). */
  debits: number;
};

/** Money in and money out of the entries read, as text (sums of bigints: exact; see `checkedSums`). */
const entrySums = {
  credits: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.amount} > 0), 0)::text`,
  debits: sql<string>`coalesce(-sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.amount} < 0), 0)::text`,
};

/**
 * What entered and left some accounts, summed from their entries (not from the
 * balance column), optionally only for transfers posted in [from, until).
 * Several accounts are summed together.
 */
export async function accountMovements(
  tx: Tx,
  tenantId: string,
  accountIds: readonly string[],
  period: { from?: Date; until?: Date } = {},
): Promise<AccountMovements> {
  if (accountIds.length === 0) return { credits: 0, debits: 0 };
  const sums = tx
    .select(entrySums)
    .from(ledgerEntries);
  const ofAccounts = and(eq(ledgerEntries.tenantId, tenantId), inArray(ledgerEntries.accountId, [...accountIds]));
  // All time, the entries alone: joining each to its transfer for a date it does not need cost a fund page
  // of 500 donations 2,000 buffer hits and 1.4 ms of the database (bench/README.md, issue 16 session 7).
  const [row] =
    period.from || period.until
      ? await sums
          .innerJoin(ledgerTransfers, and(eq(ledgerTransfers.tenantId, ledgerEntries.tenantId), eq(ledgerTransfers.id, ledgerEntries.transferId)))
          .where(and(ofAccounts, period.from ? gte(ledgerTransfers.postedAt, period.from) : undefined, period.until ? lt(ledgerTransfers.postedAt, period.until) : undefined))
      : await sums.where(ofAccounts);
  return checkedSums(row);
}

/**
 * The same sums, all time, for the city's account of `unit` with this code (no account yet: 0): a page that
 * knows its account by code sends this with its other reads, instead of after the read that would tell it the
 * account's id (the fund page: three round trips became two). One code, compared with `=`: with a list
 * (`= any(...)`) PostgreSQL's generic plan looked dearer than a custom one and it planned anew at every call.
 */
export async function accountMovementsByCode(tx: Tx, tenantId: string, unit: string, code: string): Promise<AccountMovements> {
  const [row] = await sumsByCode(tx, { tenantId, unit, code });
  return checkedSums(row);
}

// Built once: the fund page sends it at every visit the page cache does not answer.
const sumsByCode = selectBuiltOnce((tx) =>
  tx
    .select(entrySums)
    .from(ledgerAccounts)
    .innerJoin(ledgerEntries, and(eq(ledgerEntries.tenantId, ledgerAccounts.tenantId), eq(ledgerEntries.accountId, ledgerAccounts.id)))
    .where(
      and(
        eq(ledgerAccounts.tenantId, sql.placeholder('tenantId')),
        eq(ledgerEntries.tenantId, sql.placeholder('tenantId')),
        eq(ledgerAccounts.unit, sql.placeholder('unit')),
        eq(ledgerAccounts.code, sql.placeholder('code')),
      ),
    ),
);

/** Sums of bigints come back as text: exact, then checked to be safe integers. */
function checkedSums(row: { credits: string; debits: string } | undefined): AccountMovements {
  const credits = Number(row?.credits ?? 0);
  const debits = Number(row?.debits ?? 0);
  if (!Number.isSafeInteger(credits) || !Number.isSafeInteger(debits)) throw new Error('ledger sum beyond the safe integer range');
  return { credits, debits };
}

/** The chain numbers of these transfers of the city, for pages that link an amount to its place on the public ledger. */
export async function transferNumbers(tx: Tx, tenantId: string, transferIds: readonly string[]): Promise<Map<string, number>> {
  if (transferIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: ledgerTransfers.id, seq: ledgerTransfers.seq })
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.tenantId, tenantId), inArray(ledgerTransfers.id, [...transferIds])));
  return new Map(rows.map((r) => [r.id, r.seq]));
}
