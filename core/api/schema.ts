import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../db/tenant-table.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A city's API keys. Only the SHA-256 of the secret is kept; the key acts for the
 * city admin who made it, within its scopes, until it expires or is revoked.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    scopes: text('scopes').array().notNull(),
    secretHash: text('secret_hash').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    /** When the secret was last replaced (rotation keeps the id, scopes and expiry). */
    rotatedAt: at('rotated_at'),
    revokedAt: at('revoked_at'),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('api_keys_created').on(t.tenantId, t.createdAt),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.revokedBy], foreignColumns: [users.tenantId, users.id] }),
    tenantIsolation('api_keys'),
  ],
);

/**
 * The answer to each write sent with an `Idempotency-Key`, per API key: a repeat
 * gets the same answer and changes nothing. `requestHash` tells a reused key with another body.
 */
export const apiIdempotency = pgTable(
  'api_idempotency',
  {
    tenantId: tenantIdColumn(),
    apiKeyId: uuid('api_key_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    body: jsonb('body').$type<unknown>(),
    createdAt: at('created_at').notNull().default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.apiKeyId, t.idempotencyKey] }),
    foreignKey({ columns: [t.tenantId, t.apiKeyId], foreignColumns: [apiKeys.tenantId, apiKeys.id] }).onDelete('cascade'),
    tenantIsolation('api_idempotency'),
  ],
);
