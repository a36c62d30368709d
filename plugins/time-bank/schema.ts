import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIsolation } from '../../core/plugin-api.ts';

/**
 * The time bank's own records. Balances live in the core ledger (unit
 * TIME_CREDIT, hundredths of a credit); these tables say what each movement was
 * for and reference its transfer. Member ids are the city's user ids.
 */
const at = (name: string) => timestamp(name, { withTimezone: true });
const credits = (name: string) => bigint(name, { mode: 'number' });

/** A member's time-bank profile: the birth date they declared (when no identity card is on file). */
export const timeBankMembers = pgTable(
  'time_bank_members',
  {
    tenantId: tenantIdColumn(),
    userId: uuid('user_id').notNull(),
    birthDate: date('birth_date'),
    declaredAt: at('declared_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), tenantIsolation('time_bank_members')],
);

/** One verified service record's credits: at most one row a record, so it never earns twice. */
export const timeBankEarnings = pgTable(
  'time_bank_earnings',
  {
    tenantId: tenantIdColumn(),
    recordId: uuid('record_id').notNull(),
    memberId: uuid('member_id').notNull(),
    category: text('category').notNull(),
    minutes: integer('minutes').notNull(),
    /** Credits the record earned (hundredths), of which `collected` settled an earlier shortfall. */
    amount: credits('amount').notNull(),
    collected: credits('collected').notNull().default(0),
    earnedAt: at('earned_at').notNull(),
    /** Set when the record was revoked and its credits taken back. */
    clawedBackAt: at('clawed_back_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.recordId] }),
    index('time_bank_earnings_member').on(t.tenantId, t.memberId),
    tenantIsolation('time_bank_earnings'),
  ],
);

/**
 * Credits a member holds, by where they came from and when they expire: the
 * sum of `remaining` equals the member's ledger balance. Spending uses the
 * soonest-expiring first; the expiry job takes what is left of expired lots.
 */
export const timeBankLots = pgTable(
  'time_bank_lots',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    amount: credits('amount').notNull(),
    remaining: credits('remaining').notNull(),
    receivedAt: at('received_at').notNull(),
    /** Null: never expires. */
    expiresAt: at('expires_at'),
    /** `earn`, `exchange`, `family`, `refund`, `resolve`. */
    source: text('source').notNull(),
    ref: text('ref').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('time_bank_lots_open').on(t.tenantId, t.memberId).where(sql`remaining > 0`),
    check('time_bank_lots_remaining', sql`${t.remaining} >= 0 and ${t.remaining} <= ${t.amount}`),
    tenantIsolation('time_bank_lots'),
  ],
);

export type ListingKind = 'offer' | 'request';

/** "I can accompany to hospital" (offer) or "I need help shopping" (request), for a price in credits. */
export const timeBankListings = pgTable(
  'time_bank_listings',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    kind: text('kind').$type<ListingKind>().notNull(),
    authorId: uuid('author_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    credits: credits('credits').notNull(),
    status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('time_bank_listings_open').on(t.tenantId, t.status, t.createdAt),
    check('time_bank_listings_credits', sql`${t.credits} > 0`),
    tenantIsolation('time_bank_listings'),
  ],
);

/**
 * A response to a listing: the provider serves, the requester pays. Credits
 * move when both have confirmed it happened; a dispute waits for a city admin.
 */
export type ExchangeStatus = 'open' | 'completed' | 'cancelled' | 'disputed';

export const timeBankExchanges = pgTable(
  'time_bank_exchanges',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    listingId: uuid('listing_id').notNull(),
    providerId: uuid('provider_id').notNull(),
    requesterId: uuid('requester_id').notNull(),
    credits: credits('credits').notNull(),
    message: text('message').notNull().default(''),
    status: text('status').$type<ExchangeStatus>().notNull().default('open'),
    providerConfirmedAt: at('provider_confirmed_at'),
    requesterConfirmedAt: at('requester_confirmed_at'),
    disputeReason: text('dispute_reason'),
    disputedBy: uuid('disputed_by'),
    resolvedBy: uuid('resolved_by'),
    resolutionNote: text('resolution_note'),
    transferId: uuid('transfer_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    closedAt: at('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.listingId], foreignColumns: [timeBankListings.tenantId, timeBankListings.id] }),
    index('time_bank_exchanges_provider').on(t.tenantId, t.providerId),
    index('time_bank_exchanges_requester').on(t.tenantId, t.requesterId),
    check('time_bank_exchanges_two_people', sql`${t.providerId} <> ${t.requesterId}`),
    tenantIsolation('time_bank_exchanges'),
  ],
);

/** goods or services from merchants or the city; `elder_care` items are withdrawals of stored credits, age-limited. */
export type ItemKind = 'goods' | 'service' | 'elder_care';

export const timeBankItems = pgTable(
  'time_bank_items',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    kind: text('kind').$type<ItemKind>().notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    donor: text('donor').notNull(),
    price: credits('price').notNull(),
    stock: integer('stock').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check('time_bank_items_price', sql`${t.price} > 0`),
    check('time_bank_items_stock', sql`${t.stock} >= 0`),
    tenantIsolation('time_bank_items'),
  ],
);

/** The lots a payment used, so a refund gives back credits with the expiry dates they had. */
export type LotPieces = { amount: number; expiresAt: string | null }[];

export const timeBankRedemptions = pgTable(
  'time_bank_redemptions',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    itemId: uuid('item_id').notNull(),
    memberId: uuid('member_id').notNull(),
    code: text('code').notNull(),
    price: credits('price').notNull(),
    status: text('status').$type<'issued' | 'fulfilled' | 'cancelled'>().notNull().default('issued'),
    pieces: jsonb('pieces').$type<LotPieces>().notNull(),
    transferId: uuid('transfer_id').notNull(),
    refundTransferId: uuid('refund_transfer_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    fulfilledBy: uuid('fulfilled_by'),
    closedAt: at('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('time_bank_redemptions_code').on(t.tenantId, t.code),
    index('time_bank_redemptions_member').on(t.tenantId, t.memberId),
    foreignKey({ columns: [t.tenantId, t.itemId], foreignColumns: [timeBankItems.tenantId, timeBankItems.id] }),
    tenantIsolation('time_bank_redemptions'),
  ],
);

/** A family tie asked for by one member and confirmed by the other. */
export const timeBankFamilyLinks = pgTable(
  'time_bank_family_links',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    requesterId: uuid('requester_id').notNull(),
    relativeId: uuid('relative_id').notNull(),
    relation: text('relation').notNull(),
    status: text('status').$type<'pending' | 'confirmed'>().notNull().default('pending'),
    createdAt: at('created_at').notNull().defaultNow(),
    confirmedAt: at('confirmed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // One tie a pair, whichever side asked.
    uniqueIndex('time_bank_family_links_pair').on(t.tenantId, sql`least(${t.requesterId}, ${t.relativeId})`, sql`greatest(${t.requesterId}, ${t.relativeId})`),
    check('time_bank_family_links_two_people', sql`${t.requesterId} <> ${t.relativeId}`),
    tenantIsolation('time_bank_family_links'),
  ],
);

export const timeBankFamilyTransfers = pgTable(
  'time_bank_family_transfers',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    fromId: uuid('from_id').notNull(),
    toId: uuid('to_id').notNull(),
    amount: credits('amount').notNull(),
    /** Calendar year in China time, which the yearly limit counts in. */
    year: integer('year').notNull(),
    transferId: uuid('transfer_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('time_bank_family_transfers_year').on(t.tenantId, t.fromId, t.year),
    tenantIsolation('time_bank_family_transfers'),
  ],
);
