import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';
import { activities } from '../activities/schema.ts';
import { organisations } from '../organisations/schema.ts';
import { projects } from '../projects/schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });

/**
 * Service records: what the 志愿服务记录与证明出具办法 asks a record to hold (volunteer,
 * organisation, project, activity, service time, duration, content, evaluation).
 */
/** Where a record came from: scanning the activity's code, the volunteer's claim, the organiser's hand, or a plugin that witnessed the service (a lawyer's case hours). */
export type ServiceRecordSource = 'checkin' | 'claim' | 'organiser' | 'plugin';
/**
 * open: checked in, not yet out · pending: waits for the organiser · verified: posted
 * to the ledger · rejected: with a reason · revoked: verified once, posting reversed.
 */
export type ServiceRecordStatus = 'open' | 'pending' | 'verified' | 'rejected' | 'revoked';

export const serviceRecords = pgTable(
  'service_records',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    volunteerUserId: uuid('volunteer_user_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    projectId: uuid('project_id').notNull(),
    activityId: uuid('activity_id'),
    source: text('source').$type<ServiceRecordSource>().notNull(),
    status: text('status').$type<ServiceRecordStatus>().notNull(),
    /** Service start and end (the 办法's service time); `endedAt` is null while checked in. */
    startedAt: at('started_at').notNull(),
    endedAt: at('ended_at'),
    /** Duration claimed or measured, in whole minutes; the organiser may correct it when verifying. */
    minutes: integer('minutes').notNull().default(0),
    /** What was done (服务内容). */
    content: text('content').notNull().default(''),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    /** Minutes as claimed before the organiser corrected them (null: not corrected). */
    claimedMinutes: integer('claimed_minutes'),
    decidedBy: uuid('decided_by'),
    decidedAt: at('decided_at'),
    rejectionReason: text('rejection_reason'),
    /** The ledger transfer that posted the verified minutes. */
    transferId: uuid('transfer_id'),
    revokedBy: uuid('revoked_by'),
    revokedAt: at('revoked_at'),
    revocationReason: text('revocation_reason'),
    /** The organiser's evaluation of the volunteer (服务评价): 1–5 and a comment. */
    rating: smallint('rating'),
    evaluation: text('evaluation'),
    evaluatedBy: uuid('evaluated_by'),
    evaluatedAt: at('evaluated_at'),
    /** The volunteer's objection to the record, and the organiser's answer. */
    disputeReason: text('dispute_reason'),
    disputedAt: at('disputed_at'),
    disputeAnswer: text('dispute_answer'),
    disputeAnsweredBy: uuid('dispute_answered_by'),
    disputeAnsweredAt: at('dispute_answered_at'),
    /** For source `plugin`: which plugin, and its key for the service (one record per key). */
    pluginId: text('plugin_id'),
    pluginKey: text('plugin_key'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // One live record per volunteer and activity: a second scan checks out, a second claim is refused.
    uniqueIndex('service_records_one_per_activity')
      .on(t.tenantId, t.activityId, t.volunteerUserId)
      .where(sql`activity_id is not null and status in ('open', 'pending', 'verified')`),
    uniqueIndex('service_records_plugin_key').on(t.tenantId, t.pluginId, t.pluginKey).where(sql`plugin_id is not null`),
    // The volunteer's own list, newest first: (started_at, id) is its order, so a page reads only its rows.
    // Status last: the hours page counts the volunteer's records by state from the index alone (an
    // index-only scan, once vacuumed) instead of visiting each of their rows.
    index('service_records_volunteer').on(t.tenantId, t.volunteerUserId, t.startedAt, t.id, t.status),
    index('service_records_organisation').on(t.tenantId, t.organisationId, t.status, t.startedAt),
    index('service_records_status').on(t.tenantId, t.status, t.startedAt),
    userRef(t, t.volunteerUserId),
    userRef(t, t.createdBy),
    userRef(t, t.decidedBy),
    userRef(t, t.revokedBy),
    userRef(t, t.evaluatedBy),
    userRef(t, t.disputeAnsweredBy),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
    foreignKey({ columns: [t.tenantId, t.projectId], foreignColumns: [projects.tenantId, projects.id] }),
    foreignKey({ columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }),
    check('service_records_status_known', sql`${t.status} in ('open', 'pending', 'verified', 'rejected', 'revoked')`),
    check('service_records_source_known', sql`${t.source} in ('checkin', 'claim', 'organiser', 'plugin')`),
    check('service_records_plugin_keyed', sql`(${t.source} = 'plugin') = (${t.pluginId} is not null and ${t.pluginKey} is not null)`),
    check('service_records_minutes', sql`${t.minutes} >= 0 and ${t.minutes} <= 1440`),
    check('service_records_times', sql`${t.endedAt} is null or ${t.endedAt} >= ${t.startedAt}`),
    check('service_records_rating', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    check('service_records_verified_posted', sql`${t.status} not in ('verified', 'revoked') or ${t.transferId} is not null`),
    tenantIsolation('service_records'),
  ],
);
