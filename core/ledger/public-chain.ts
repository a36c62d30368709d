import { and, asc, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/database.ts';
import type { PublicTransfer } from '../../views/ledger-chain.js';
import { publicHashFields } from './hash.ts';
import { ledgerAccounts, ledgerDailyHeads, ledgerEntries, ledgerHeads, ledgerTransfers } from './schema.ts';

/**
 * The city's chain as the public sees it: no ids, keys or memos, accounts only by
 * kind and pseudonym. What anyone needs to recompute v2 hashes, and nothing more.
 */

const debitAccount = alias(ledgerAccounts, 'debit_account');
const creditAccount = alias(ledgerAccounts, 'credit_account');
const reversed = alias(ledgerTransfers, 'reversed');

/** Transfers numbered from `fromSeq` on, in chain order, at most `limit`. */
export function publicTransfers(tx: Tx, tenantId: string, fromSeq: number, limit: number): Promise<PublicTransfer[]> {
  return publicTransfersWhere(tx, tenantId, gte(ledgerTransfers.seq, fromSeq), 'asc', limit);
}

async function publicTransfersWhere(tx: Tx, tenantId: string, which: SQL | undefined, order: 'asc' | 'desc', limit: number): Promise<PublicTransfer[]> {
  const rows = await tx
    .select({
      seq: ledgerTransfers.seq,
      postedAt: ledgerTransfers.postedAt,
      unit: ledgerTransfers.unit,
      amount: ledgerTransfers.amount,
      kind: ledgerTransfers.kind,
      debit: { code: debitAccount.code, publicRef: debitAccount.publicRef },
      credit: { code: creditAccount.code, publicRef: creditAccount.publicRef },
      reversesSeq: reversed.seq,
      privateDigest: ledgerTransfers.privateDigest,
      hashVersion: ledgerTransfers.hashVersion,
      prevHash: ledgerTransfers.prevHash,
      hash: ledgerTransfers.hash,
    })
    .from(ledgerTransfers)
    .innerJoin(debitAccount, and(eq(debitAccount.tenantId, tenantId), eq(debitAccount.id, ledgerTransfers.debitAccountId)))
    .innerJoin(creditAccount, and(eq(creditAccount.tenantId, tenantId), eq(creditAccount.id, ledgerTransfers.creditAccountId)))
    .leftJoin(reversed, and(eq(reversed.tenantId, tenantId), eq(reversed.id, ledgerTransfers.reversesId)))
    .where(and(eq(ledgerTransfers.tenantId, tenantId), which))
    .orderBy(order === 'asc' ? asc(ledgerTransfers.seq) : desc(ledgerTransfers.seq))
    .limit(limit);
  return rows.map((r) => ({
    ...publicHashFields(r, r.debit, r.credit, r.reversesSeq),
    hashVersion: r.hashVersion,
    prevHash: r.prevHash,
    hash: r.hash,
  }));
}

export type DailyHead = { day: string; seq: number; hash: string };

/** The published daily heads, newest first, those before `beforeDay` when given. */
export async function dailyHeads(tx: Tx, tenantId: string, limit: number, beforeDay?: string): Promise<DailyHead[]> {
  return tx
    .select({ day: ledgerDailyHeads.day, seq: ledgerDailyHeads.seq, hash: ledgerDailyHeads.hash })
    .from(ledgerDailyHeads)
    .where(and(eq(ledgerDailyHeads.tenantId, tenantId), beforeDay ? lt(ledgerDailyHeads.day, beforeDay) : undefined))
    .orderBy(desc(ledgerDailyHeads.day))
    .limit(limit);
}

/** The number of the city's last transfer (0 before the first), from its chain head. */
export async function lastSeq(tx: Tx, tenantId: string): Promise<number> {
  const [head] = await tx.select({ seq: ledgerHeads.seq }).from(ledgerHeads).where(eq(ledgerHeads.tenantId, tenantId));
  return head?.seq ?? 0;
}

/** These transfers, by number, in chain order. */
export function publicTransfersNumbered(tx: Tx, tenantId: string, seqs: readonly number[]): Promise<PublicTransfer[]> {
  if (seqs.length === 0) return Promise.resolve([]);
  return publicTransfersWhere(tx, tenantId, inArray(ledgerTransfers.seq, [...seqs]), 'asc', seqs.length);
}

/** The transfers that moved one account (by its public reference), newest first, at most `limit`. */
export async function publicTransfersOfAccount(tx: Tx, tenantId: string, ref: string, limit: number): Promise<PublicTransfer[]> {
  const [account] = await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.tenantId, tenantId), eq(ledgerAccounts.publicRef, ref)));
  if (!account) return [];
  // Through the account's entries (their primary key leads with the account); transfer ids are uuid v7, in posting order.
  const moved = await tx
    .select({ id: ledgerEntries.transferId })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.tenantId, tenantId), eq(ledgerEntries.accountId, account.id)))
    .orderBy(desc(ledgerEntries.transferId))
    .limit(limit);
  if (moved.length === 0) return [];
  return publicTransfersWhere(tx, tenantId, inArray(ledgerTransfers.id, moved.map((m) => m.id)), 'desc', limit);
}
