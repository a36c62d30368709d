import { customType, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenancy.ts';

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value),
});

/** Global: platform operators and foundations (they act across cities). */
export const platformAccounts = pgTable('platform_accounts', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').$type<'operator' | 'foundation'>().notNull(),
  passwordHash: text('password_hash').notNull(),
  /** Plugin ids a foundation sponsors; it may enable them in the cities of `foundation_cities`. */
  sponsoredPlugins: text('sponsored_plugins').array().notNull().default([]),
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  signInBlockedUntil: timestamp('sign_in_blocked_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const platformSessions = pgTable('platform_sessions', {
  id: text('id').primaryKey(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => platformAccounts.id, { onDelete: 'cascade' }),
  secretHash: bytea('secret_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * Global: the cities a platform operator lets a foundation sponsor. The foundation
 * may enable its modules only there (and never one a city administrator switched off).
 */
export const foundationCities = pgTable(
  'foundation_cities',
  {
    foundationId: uuid('foundation_id')
      .notNull()
      .references(() => platformAccounts.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** `platform:<email>` of the operator who granted it. */
    grantedBy: text('granted_by').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.foundationId, t.tenantId] })],
);
