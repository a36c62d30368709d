import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  check,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIdColumnCheckedThrough, tenantIsolation } from '../db/tenant-table.ts';

/**
 * An account holds one unit (service minutes, time credits, fen). Its balance is
 * kept here, updated in the transaction that posts; `ledger:verify` proves it
 * equals the sum of its entries.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    unit: text('unit').notNull(),
    /** Stable name within the unit, e.g. `volunteer:<user id>` or `city:service-issuance`. */
    code: text('code').notNull(),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    /** Issuing accounts may go below zero; everyone else's balance limit is zero. */
    allowNegative: boolean('allow_negative').notNull().default(false),
    /**
     * The account's per-city pseudonym on the public chain: random (not derived from
     * the code, so no key can reverse it), made by the database on insert.
     */
    publicRef: text('public_ref')
      .notNull()
      .default(sql`substr(encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'), 1, 20)`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('ledger_accounts_code').on(t.tenantId, t.unit, t.code),
    uniqueIndex('ledger_accounts_public_ref').on(t.tenantId, t.publicRef),
    check('ledger_accounts_balance_limit', sql`${t.allowNegative} or ${t.balance} >= 0`),
    tenantIsolation('ledger_accounts'),
  ],
);

/**
 * Append-only. Moves a positive integer amount from the debit account to the
 * credit account (same unit). `seq` and `hash` chain each city's transfers.
 */
export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    tenantId: tenantIdColumnCheckedThrough(),
    id: uuid('id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    unit: text('unit').notNull(),
    debitAccountId: uuid('debit_account_id').notNull(),
    creditAccountId: uuid('credit_account_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** What the transfer is for, e.g. `service.verified`, `time-bank.redeem`. */
    kind: text('kind').notNull(),
    memo: jsonb('memo').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    reversesId: uuid('reverses_id'),
    postedAt: timestamp('posted_at', { withTimezone: true, precision: 3 }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** 1: the hash covers private fields (not recomputable in public); 2: public fields and `privateDigest` (views/ledger-chain.js). */
    hashVersion: smallint('hash_version').notNull().default(1),
    /** v2: SHA-256 of the private fields, published so the hash can be recomputed while they stay private. */
    privateDigest: text('private_digest'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('ledger_transfers_seq').on(t.tenantId, t.seq),
    uniqueIndex('ledger_transfers_idempotency').on(t.tenantId, t.idempotencyKey),
    uniqueIndex('ledger_transfers_reversal').on(t.tenantId, t.reversesId).where(sql`reverses_id is not null`),
    foreignKey({ columns: [t.tenantId, t.debitAccountId], foreignColumns: [ledgerAccounts.tenantId, ledgerAccounts.id] }),
    foreignKey({ columns: [t.tenantId, t.creditAccountId], foreignColumns: [ledgerAccounts.tenantId, ledgerAccounts.id] }),
    check('ledger_transfers_amount_positive', sql`${t.amount} > 0`),
    check('ledger_transfers_distinct_accounts', sql`${t.debitAccountId} <> ${t.creditAccountId}`),
    tenantIsolation('ledger_transfers'),
  ],
);

/** One posted transfer as stored: what posting returns and what statements read. */
export type Transfer = typeof ledgerTransfers.$inferSelect;

/** Append-only. Two per transfer: minus on the debit account, plus on the credit account. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    tenantId: tenantIdColumnCheckedThrough(),
    transferId: uuid('transfer_id').notNull(),
    accountId: uuid('account_id').notNull(),
    /** Signed: negative for the debit side, positive for the credit side. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    balanceAfter: bigint('balance_after', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.accountId, t.transferId] }),
    foreignKey({ columns: [t.tenantId, t.transferId], foreignColumns: [ledgerTransfers.tenantId, ledgerTransfers.id] }),
    foreignKey({ columns: [t.tenantId, t.accountId], foreignColumns: [ledgerAccounts.tenantId, ledgerAccounts.id] }),
    tenantIsolation('ledger_entries'),
  ],
);

/** The head of each city's chain: locking this row orders the city's postings. */
export const ledgerHeads = pgTable(
  'ledger_heads',
  {
    tenantId: tenantIdColumn(),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    hash: text('hash').notNull(),
    transfers: integer('transfers').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId] }), tenantIsolation('ledger_heads')],
);

/**
 * The city's chain head as it stood at the end of each day (China time), kept
 * and published: anyone who saved one can later tell whether the chain up to it
 * was rewritten. Append-only; one row a city and day.
 */
export const ledgerDailyHeads = pgTable(
  'ledger_daily_heads',
  {
    tenantId: tenantIdColumn(),
    day: date('day', { mode: 'string' }).notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day] }), tenantIsolation('ledger_daily_heads')],
);
