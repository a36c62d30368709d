import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../db/tenant-table.ts';
import type { Channel } from './kinds.ts';

/**
 * queued → sending (claimed by a delivery run, until `not_before`, its lease) → sent, or back to queued
 * with a later `not_before` after a failed attempt, or failed after the last one. `kept`: no provider
 * is configured for any of its channels, so it stays here for the operator to read.
 */
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'kept';

/** The outbox: every message a city sends, written in the transaction that causes it. */
export const messages = pgTable(
  'messages',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    /**
     * Every channel the recipient can get it by (an address on file, and their choice unless it is
     * essential), in the kind's order of preference. Which one it goes by is decided at delivery.
     */
    channels: text('channels').array().$type<Channel[]>().notNull().default(sql`'{}'::text[]`),
    /** The channel it goes by: the first of `channels` with a provider, set when a delivery run claims it (the first of `channels` until then). */
    channel: text('channel').$type<Channel>().notNull(),
    /** Null for a message to an address with no account yet (an invitation). */
    userId: uuid('user_id'),
    /** The address of `channel`. */
    address: text('address').notNull(),
    /** The addresses of its channels: null for a channel not in `channels`. */
    email: text('email'),
    mobile: text('mobile'),
    /** Whom the rate limit counts: the account, or the one address of a message to no account. */
    recipient: text('recipient').notNull().default(''),
    locale: text('locale').$type<'zh-CN' | 'en'>().notNull(),
    /** The email's subject and text, when email is one of `channels`. */
    subject: text('subject'),
    text: text('text'),
    /** The text message as a person reads it, and the provider's template and parameters, when SMS is one of `channels`. */
    smsText: text('sms_text'),
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
    // The per-recipient rate limit.
    index('messages_tenant_recipient').on(t.tenantId, t.recipient, t.notBefore),
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
