import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../db/tenant-table.ts';
import type { Channel } from './kinds.ts';

/**
 * queued → sending (claimed by a delivery run, until `not_before`, its lease) → sent, or back to queued
 * with a later `not_before` after a failed attempt, or failed after the last one. `kept`: no provider
 * for its channel is configured, so it stays here for the operator to read.
 */
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'kept';

/** The outbox: every message a city sends, written in the transaction that causes it. */
export const messages = pgTable(
  'messages',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    /** Null for a message to an address with no account yet (an invitation). */
    userId: uuid('user_id'),
    address: text('address').notNull(),
    locale: text('locale').$type<'zh-CN' | 'en'>().notNull(),
    subject: text('subject'),
    text: text('text').notNull(),
    smsTemplate: text('sms_template'),
    smsParams: jsonb('sms_params').$type<Record<string, string>>(),
    essential: boolean('essential').notNull(),
    sensitive: boolean('sensitive').notNull(),
    status: text('status').$type<MessageStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    providerMessageId: text('provider_message_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('messages_tenant_idempotency_key').on(t.tenantId, t.idempotencyKey),
    // What a delivery run claims: due rows of every city, oldest first.
    index('messages_due').on(t.notBefore).where(sql`status in ('queued', 'sending')`),
    // The per-recipient rate limit and the lists newest first.
    index('messages_tenant_address').on(t.tenantId, t.address, t.notBefore),
    index('messages_tenant_created').on(t.tenantId, t.createdAt),
    tenantIsolation('messages'),
  ],
);

/** A person's choices: channels they accept and groups of non-essential messages they opted out of. */
export const messagePreferences = pgTable(
  'message_preferences',
  {
    tenantId: tenantIdColumn(),
    userId: uuid('user_id').notNull(),
    email: boolean('email').notNull().default(true),
    sms: boolean('sms').notNull().default(true),
    optedOut: text('opted_out').array().notNull().default(sql`'{}'::text[]`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    tenantIsolation('message_preferences'),
  ],
);
