import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/identity.ts';
import { tenants, type LocalizedText } from '../../db/schema/tenancy.ts';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';
import type { ReceivedRecord } from '../exchange/received.ts';
import { serviceRecordImports } from '../exchange/schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });

/**
 * requested → refused, or approved → completed (the history and hours have left the city);
 * requested or approved → withdrawn by the volunteer; approved → expired once its code
 * lapsed unused (stored when the volunteer asks again; see transfer-status.ts until then).
 */
export type TransferOutStatus = 'requested' | 'refused' | 'approved' | 'completed' | 'withdrawn' | 'expired';

/** One record of the history a transfer carries, with its origin (`sourceId`: `<city slug>/<record id>`); no ID number. */
export type CarriedRecord = ReceivedRecord;

/**
 * A volunteer's transfer (转移接续) to another city, as the city they leave keeps it:
 * asked for by the volunteer, decided by the city admin, and, once the destination
 * accepted it, the history and the hours that left (`records`, `minutes`).
 */
export const volunteerTransfersOut = pgTable(
  'volunteer_transfers_out',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    destinationTenantId: uuid('destination_tenant_id').notNull().references(() => tenants.id),
    status: text('status').$type<TransferOutStatus>().notNull(),
    refusalReason: text('refusal_reason'),
    /** The one-time code the volunteer types in the destination city, sealed: only they see it, on this city's site. */
    codeSealed: text('code_sealed'),
    decidedBy: uuid('decided_by'),
    decidedAt: at('decided_at'),
    /** Until when the code can be accepted in the destination: set on approval. */
    codeExpiresAt: at('code_expires_at'),
    withdrawnAt: at('withdrawn_at'),
    records: jsonb('records').$type<CarriedRecord[]>(),
    /** This city's own service records that left: they can no longer be revoked here. */
    carriedRecordIds: uuid('carried_record_ids').array(),
    minutes: integer('minutes'),
    requestedAt: at('requested_at').notNull().defaultNow(),
    completedAt: at('completed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('volunteer_transfers_out_user').on(t.tenantId, t.userId),
    index('volunteer_transfers_out_status').on(t.tenantId, t.status, t.requestedAt),
    userRef(t, t.userId),
    userRef(t, t.decidedBy),
    check('volunteer_transfers_out_status_known', sql`${t.status} in ('requested', 'refused', 'approved', 'completed', 'withdrawn', 'expired')`),
    check('volunteer_transfers_out_approved_expires', sql`${t.status} <> 'approved' or ${t.codeExpiresAt} is not null`),
    check('volunteer_transfers_out_elsewhere', sql`${t.destinationTenantId} <> ${t.tenantId}`),
    tenantIsolation('volunteer_transfers_out'),
  ],
);

/**
 * awaiting: handed over, for the volunteer to accept here · accepted: the history is on its way ·
 * completed: it arrived · cancelled: the origin no longer sends it (withdrawn there, or its code lapsed).
 */
export type TransferInStatus = 'awaiting' | 'accepted' | 'completed' | 'cancelled';

/**
 * The same transfer as the destination city keeps it: what the origin handed over to
 * prove the volunteer is the same person (the keyed hash of their ID document and the
 * hash of the one-time code), then who accepted it and the import that holds the history.
 */
export const volunteerTransfersIn = pgTable(
  'volunteer_transfers_in',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    originTenantId: uuid('origin_tenant_id').notNull().references(() => tenants.id),
    /** The origin's transfer: one arrival per transfer, however often the hand-over runs. */
    originTransferId: uuid('origin_transfer_id').notNull(),
    /** The origin city's names, so each page shows the one of its language. */
    originCityNames: jsonb('origin_city_names').$type<LocalizedText>().notNull(),
    volunteerNumber: text('volunteer_number').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    /** The origin's expiry of the code: accepting it later is refused. */
    codeExpiresAt: at('code_expires_at').notNull(),
    status: text('status').$type<TransferInStatus>().notNull(),
    userId: uuid('user_id'),
    importId: uuid('import_id'),
    minutes: integer('minutes'),
    arrivedAt: at('arrived_at').notNull().defaultNow(),
    acceptedAt: at('accepted_at'),
    completedAt: at('completed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('volunteer_transfers_in_origin').on(t.tenantId, t.originTenantId, t.originTransferId),
    uniqueIndex('volunteer_transfers_in_code').on(t.tenantId, t.codeHash),
    index('volunteer_transfers_in_user').on(t.tenantId, t.userId),
    userRef(t, t.userId),
    foreignKey({ columns: [t.tenantId, t.importId], foreignColumns: [serviceRecordImports.tenantId, serviceRecordImports.id] }),
    check('volunteer_transfers_in_status_known', sql`${t.status} in ('awaiting', 'accepted', 'completed', 'cancelled')`),
    tenantIsolation('volunteer_transfers_in'),
  ],
);
