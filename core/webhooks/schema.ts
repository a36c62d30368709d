import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../db/tenant-table.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Where a city sends its events. The signing secret is sealed (AES-256-GCM, see
 * webhooks/secrets.ts): the platform must read it to sign, so a hash would not do.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    events: text('events').array().notNull(),
    secretSealed: text('secret_sealed').notNull(),
    // After a rotation the replaced secret signs too, beside the new one, until this time:
    // receivers switch without losing a delivery. Null when it was stopped at once.
    previousSecretSealed: text('previous_secret_sealed'),
    previousSecretUntil: at('previous_secret_until'),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    rotatedAt: at('rotated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [users.tenantId, users.id] }),
    tenantIsolation('webhook_endpoints'),
  ],
);

/** One event as sent: `body` is the exact JSON every attempt and replay of it carries (and signs). */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    body: text('body').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), tenantIsolation('webhook_events')],
);

export const DELIVERY_STATES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * One event owed to one endpoint, written in the transaction of the event (an outbox).
 * `queuedAt` is set once its job is on the queue; a replay is a new delivery of the same event.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    endpointId: uuid('endpoint_id').notNull(),
    eventId: uuid('event_id').notNull(),
    state: text('state', { enum: DELIVERY_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: at('created_at').notNull().default(sql`now()`),
    queuedAt: at('queued_at'),
    lastAttemptAt: at('last_attempt_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.endpointId], foreignColumns: [webhookEndpoints.tenantId, webhookEndpoints.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.eventId], foreignColumns: [webhookEvents.tenantId, webhookEvents.id] }),
    index('webhook_deliveries_endpoint').on(t.tenantId, t.endpointId, t.createdAt),
    index('webhook_deliveries_unqueued').on(t.tenantId).where(sql`queued_at is null`),
    tenantIsolation('webhook_deliveries'),
  ],
);

/** Each try of a delivery: when, the receiver's status code or why there was none, how long it took. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    tenantId: tenantIdColumn(),
    deliveryId: uuid('delivery_id').notNull(),
    number: integer('number').notNull(),
    at: at('at').notNull().defaultNow(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.deliveryId, t.number] }),
    foreignKey({ columns: [t.tenantId, t.deliveryId], foreignColumns: [webhookDeliveries.tenantId, webhookDeliveries.id] }).onDelete('cascade'),
    tenantIsolation('webhook_attempts'),
  ],
);
