import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIsolation } from '../../core/plugin-api.ts';

/**
 * The charity fund's domain. Money is whole fen (bigint) and lives in the core
 * ledger; these tables say what each posting was for and hold the transfer ids.
 * In-kind gifts are not money: their stock is kept here only.
 */

const fen = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

/** A community charity fund (社区慈善基金), held by a charity with the public-fundraising qualification. */
export const charityFunds = pgTable(
  'charity_fund_funds',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    community: text('community').notNull(),
    hostCharity: text('host_charity').notNull(),
    purpose: text('purpose').notNull(),
    targetFen: fen('target_fen').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** The fund's CNY_FEN ledger account: donations in, grants and expenses out. */
    accountId: uuid('account_id').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('charity_fund_funds_name').on(t.tenantId, t.name),
    check('charity_fund_funds_target', sql`${t.targetFen} > 0`),
    check('charity_fund_funds_dates', sql`${t.endsOn} >= ${t.startsOn}`),
    tenantIsolation('charity_fund_funds'),
  ],
);

/** A branded fundraising project or a micro-venture proposal (公益微创投) under a fund. */
export const charityProjects = pgTable(
  'charity_fund_projects',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    fundId: uuid('fund_id').notNull(),
    kind: text('kind').$type<'branded' | 'micro_venture'>().notNull(),
    title: text('title').notNull(),
    applicant: text('applicant').notNull(),
    need: text('need').notNull(),
    beneficiaries: text('beneficiaries').notNull(),
    budgetFen: fen('budget_fen').notNull(),
    submittedBy: uuid('submitted_by').notNull(),
    status: text('status').$type<'submitted' | 'approved' | 'rejected'>().notNull().default('submitted'),
    approvedFen: fen('approved_fen'),
    rejectionReason: text('rejection_reason'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: at('reviewed_at'),
    /** Its CNY_FEN account once approved: grants in, expenses out. */
    accountId: uuid('account_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.fundId], foreignColumns: [charityFunds.tenantId, charityFunds.id] }),
    index('charity_fund_projects_fund').on(t.tenantId, t.fundId, t.status),
    check('charity_fund_projects_budget', sql`${t.budgetFen} > 0`),
    tenantIsolation('charity_fund_projects'),
  ],
);

/** Where donation stations stand: usually a community's social-work station. */
export const charityStations = pgTable(
  'charity_fund_stations',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('charity_fund_stations_name').on(t.tenantId, t.name), tenantIsolation('charity_fund_stations')],
);

/**
 * A gift of money, online or in cash at a station. Pending until confirmed;
 * confirming posts it to the ledger and gives it its receipt number.
 */
export const charityDonations = pgTable(
  'charity_fund_donations',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    fundId: uuid('fund_id').notNull(),
    projectId: uuid('project_id'),
    donorUserId: uuid('donor_user_id'),
    donorName: text('donor_name').notNull(),
    /** How the public disclosure names the donor: `anonymous` → 匿名, `masked` → 黄*愿, `named` → in full. */
    visibility: text('visibility').$type<'anonymous' | 'masked' | 'named'>().notNull(),
    message: text('message').notNull().default(''),
    amountFen: fen('amount_fen').notNull(),
    channel: text('channel').$type<'online' | 'station'>().notNull(),
    provider: text('provider').notNull(),
    stationId: uuid('station_id'),
    status: text('status').$type<'pending' | 'confirmed' | 'cancelled'>().notNull().default('pending'),
    gatewayReference: text('gateway_reference'),
    transferId: uuid('transfer_id'),
    receiptNumber: text('receipt_number'),
    confirmedBy: uuid('confirmed_by'),
    confirmedAt: at('confirmed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.fundId], foreignColumns: [charityFunds.tenantId, charityFunds.id] }),
    foreignKey({ columns: [t.tenantId, t.projectId], foreignColumns: [charityProjects.tenantId, charityProjects.id] }),
    foreignKey({ columns: [t.tenantId, t.stationId], foreignColumns: [charityStations.tenantId, charityStations.id] }),
    uniqueIndex('charity_fund_donations_receipt').on(t.tenantId, t.receiptNumber).where(sql`receipt_number is not null`),
    index('charity_fund_donations_fund').on(t.tenantId, t.fundId, t.status, t.confirmedAt),
    index('charity_fund_donations_donor').on(t.tenantId, t.donorUserId),
    // What was given to each project (its page, the fund's page): without it, every donation of the fund is read.
    index('charity_fund_donations_project').on(t.tenantId, t.projectId, t.status).where(sql`project_id is not null`),
    check('charity_fund_donations_amount', sql`${t.amountFen} > 0`),
    tenantIsolation('charity_fund_donations'),
  ],
);

/** One row per city and year: the last receipt number handed out, bumped with `insert ... on conflict update ... returning`. */
export const charityReceiptCounters = pgTable(
  'charity_fund_receipt_counters',
  { tenantId: tenantIdColumn(), year: integer('year').notNull(), lastNumber: integer('last_number').notNull() },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] }), tenantIsolation('charity_fund_receipt_counters')],
);

/** Money from a fund to an approved project: proposed by one manager, approved by another. */
export const charityGrants = pgTable(
  'charity_fund_grants',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    fundId: uuid('fund_id').notNull(),
    projectId: uuid('project_id').notNull(),
    amountFen: fen('amount_fen').notNull(),
    note: text('note').notNull().default(''),
    status: text('status').$type<'proposed' | 'approved' | 'rejected'>().notNull().default('proposed'),
    proposedBy: uuid('proposed_by').notNull(),
    proposedAt: at('proposed_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: at('decided_at'),
    rejectionReason: text('rejection_reason'),
    transferId: uuid('transfer_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.fundId], foreignColumns: [charityFunds.tenantId, charityFunds.id] }),
    foreignKey({ columns: [t.tenantId, t.projectId], foreignColumns: [charityProjects.tenantId, charityProjects.id] }),
    index('charity_fund_grants_fund').on(t.tenantId, t.fundId, t.status),
    check('charity_fund_grants_amount', sql`${t.amountFen} > 0`),
    check('charity_fund_grants_two_people', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.proposedBy}`),
    tenantIsolation('charity_fund_grants'),
  ],
);

/** Money paid out to a payee, from the fund or from a project's grant; two people again. */
export const charityExpenses = pgTable(
  'charity_fund_expenses',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    fundId: uuid('fund_id').notNull(),
    /** Paid from this project's grant; null: paid from the fund itself. */
    projectId: uuid('project_id'),
    purpose: text('purpose').notNull(),
    payee: text('payee').notNull(),
    amountFen: fen('amount_fen').notNull(),
    /** The invoice, contract or voucher number the payment rests on. */
    documentRef: text('document_ref').notNull(),
    status: text('status').$type<'proposed' | 'approved' | 'rejected'>().notNull().default('proposed'),
    proposedBy: uuid('proposed_by').notNull(),
    proposedAt: at('proposed_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: at('decided_at'),
    rejectionReason: text('rejection_reason'),
    transferId: uuid('transfer_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.fundId], foreignColumns: [charityFunds.tenantId, charityFunds.id] }),
    foreignKey({ columns: [t.tenantId, t.projectId], foreignColumns: [charityProjects.tenantId, charityProjects.id] }),
    index('charity_fund_expenses_fund').on(t.tenantId, t.fundId, t.status),
    check('charity_fund_expenses_amount', sql`${t.amountFen} > 0`),
    check('charity_fund_expenses_two_people', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.proposedBy}`),
    tenantIsolation('charity_fund_expenses'),
  ],
);

/** An in-kind gift at a station: goods with an estimated value (shown, never posted as cash). */
export const charityGifts = pgTable(
  'charity_fund_gifts',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    stationId: uuid('station_id').notNull(),
    fundId: uuid('fund_id').notNull(),
    item: text('item').notNull(),
    unit: text('unit').notNull(),
    quantity: integer('quantity').notNull(),
    /** The whole gift's estimated value. */
    estimatedFen: fen('estimated_fen').notNull(),
    donorName: text('donor_name').notNull(),
    visibility: text('visibility').$type<'anonymous' | 'masked' | 'named'>().notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.stationId], foreignColumns: [charityStations.tenantId, charityStations.id] }),
    foreignKey({ columns: [t.tenantId, t.fundId], foreignColumns: [charityFunds.tenantId, charityFunds.id] }),
    index('charity_fund_gifts_station').on(t.tenantId, t.stationId),
    check('charity_fund_gifts_quantity', sql`${t.quantity} > 0`),
    check('charity_fund_gifts_value', sql`${t.estimatedFen} >= 0`),
    tenantIsolation('charity_fund_gifts'),
  ],
);

/** Some of an in-kind gift handed to a beneficiary. */
export const charityDistributions = pgTable(
  'charity_fund_distributions',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    giftId: uuid('gift_id').notNull(),
    quantity: integer('quantity').notNull(),
    beneficiary: text('beneficiary').notNull(),
    distributedBy: uuid('distributed_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.giftId], foreignColumns: [charityGifts.tenantId, charityGifts.id] }),
    index('charity_fund_distributions_gift').on(t.tenantId, t.giftId),
    check('charity_fund_distributions_quantity', sql`${t.quantity} > 0`),
    tenantIsolation('charity_fund_distributions'),
  ],
);

/** Per city and payment provider: the secret that signs the provider's callbacks. Never shown. */
export const charityGatewayKeys = pgTable(
  'charity_fund_gateway_keys',
  { tenantId: tenantIdColumn(), provider: text('provider').notNull(), secret: text('secret').notNull(), createdAt: at('created_at').notNull().defaultNow() },
  (t) => [primaryKey({ columns: [t.tenantId, t.provider] }), tenantIsolation('charity_fund_gateway_keys')],
);
