import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIsolation } from '../tenant-table.ts';
import { bytea } from './platform.ts';

/** A person's account on one city's site: the same email on two cities is two users. */
export const users = pgTable(
  'users',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    email: text('email'),
    mobile: text('mobile'),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale').$type<'zh-CN' | 'en'>(),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    signInBlockedUntil: timestamp('sign_in_blocked_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('users_tenant_email').on(t.tenantId, t.email).where(sql`email is not null`),
    uniqueIndex('users_tenant_mobile').on(t.tenantId, t.mobile).where(sql`mobile is not null`),
    tenantIsolation('users'),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    tenantId: tenantIdColumn(),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.role] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    tenantIsolation('user_roles'),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    tenantId: tenantIdColumn(),
    id: text('id').notNull(),
    userId: uuid('user_id').notNull(),
    secretHash: bytea('secret_hash').notNull(),
    userAgent: text('user_agent'),
    address: text('address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    tenantIsolation('sessions'),
  ],
);

export const passkeys = pgTable(
  'passkeys',
  {
    tenantId: tenantIdColumn(),
    /** WebAuthn credential id, base64url. */
    id: text('id').notNull(),
    userId: uuid('user_id').notNull(),
    publicKey: bytea('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull(),
    transports: text('transports').array().notNull().default([]),
    deviceType: text('device_type').$type<'singleDevice' | 'multiDevice'>().notNull(),
    backedUp: boolean('backed_up').notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    tenantIsolation('passkeys'),
  ],
);

/** Single-use WebAuthn challenges; a row is deleted when its ceremony is verified. */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    challenge: text('challenge').notNull(),
    purpose: text('purpose').$type<'register' | 'authenticate'>().notNull(),
    userId: uuid('user_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), tenantIsolation('webauthn_challenges')],
);

/** One-time links that let an invited person (e.g. a city's first admin) set a password. */
export const invitations = pgTable(
  'invitations',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: text('invited_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('invitations_tenant_token').on(t.tenantId, t.tokenHash),
    tenantIsolation('invitations'),
  ],
);

/**
 * A request to set a new password: a link by email or a code by SMS. Only the
 * secret's hash is kept. A request for an address with no account still gets a
 * row (no user, a code nobody receives), so entering codes answers exactly as
 * it does for a real account.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    userId: uuid('user_id'),
    channel: text('channel').$type<'email' | 'sms'>().notNull(),
    secretHash: text('secret_hash').notNull(),
    wrongCodes: integer('wrong_codes').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    index('password_resets_tenant_secret').on(t.tenantId, t.secretHash),
    tenantIsolation('password_resets'),
  ],
);

/**
 * A registration with a mobile number waiting for the SMS code that proves the
 * number is the person's; the account is created only when the code is entered.
 */
export const mobileRegistrations = pgTable(
  'mobile_registrations',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    mobile: text('mobile').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    wrongCodes: integer('wrong_codes').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), tenantIsolation('mobile_registrations')],
);
