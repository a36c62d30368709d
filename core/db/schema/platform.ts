import { customType, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
  /** Plugin ids a foundation sponsors and may enable for any city. */
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
