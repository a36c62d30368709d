import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { ledgerEntries, ledgerTransfers } from './schema.ts';

/** One movement on a statement: signed for the accounts read, with the running balance after it. */
export type StatementLine = {
  transferId: string;
  seq: number;
  postedAt: Date;
  kind: string;
  memo: Record<string, string | number | boolean | null>;
  /** Signed: positive into the accounts read, negative out of them. */
  amount: number;
  /** The sum of the accounts read after this movement. */
  balance: number;
};

/**
 * The movements of one or more accounts of a city (e.g. a member's account and
 * their shortfall), newest first, with the running balance of those accounts
 * together. A transfer between two of the accounts read shows as one line of 0.
 */
export async function accountStatement(
  tx: Tx,
  tenantId: string,
  accountIds: readonly string[],
  options: { limit: number; offset: number },
): Promise<{ lines: StatementLine[]; total: number }> {
  if (accountIds.length === 0) return { lines: [], total: 0 };
  const ofAccounts = and(eq(ledgerEntries.tenantId, tenantId), inArray(ledgerEntries.accountId, [...accountIds]));
  const moves = tx
    .select({
      transferId: ledgerEntries.transferId,
      moved: sql<number>`sum(${ledgerEntries.amount})`.as('moved'),
    })
    .from(ledgerEntries)
    .where(ofAccounts)
    .groupBy(ledgerEntries.transferId)
    .as('moves');
  const running = tx
    .select({
      transferId: ledgerTransfers.id,
      seq: ledgerTransfers.seq,
      postedAt: ledgerTransfers.postedAt,
      kind: ledgerTransfers.kind,
      memo: ledgerTransfers.memo,
      // Qualified by hand: drizzle leaves a subquery's aliased column bare, and ledger_transfers has an `amount` too.
      amount: sql<number>`"moves"."moved"`.as('amount'),
      balance: sql<number>`sum("moves"."moved") over (order by ${ledgerTransfers.seq} rows unbounded preceding)`.as('balance'),
    })
    .from(moves)
    .innerJoin(ledgerTransfers, and(eq(ledgerTransfers.tenantId, tenantId), eq(ledgerTransfers.id, moves.transferId)))
    .as('running');
  const [count] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(moves);
  const rows = await tx.select().from(running).orderBy(desc(running.seq)).limit(options.limit).offset(options.offset);
  return {
    total: count?.n ?? 0,
    lines: rows.map((r) => ({ ...r, seq: Number(r.seq), postedAt: new Date(r.postedAt), amount: Number(r.amount), balance: Number(r.balance) })),
  };
}
