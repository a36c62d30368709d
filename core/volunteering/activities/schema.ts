import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';
import { projects } from '../projects/schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });

/** A dated session of a project. `queueCounter` numbers sign-ups so the waitlist keeps its order. */
export const activities = pgTable(
  'activities',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    projectId: uuid('project_id').notNull(),
    title: text('title').notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    place: text('place').notNull(),
    capacity: integer('capacity').notNull(),
    requiresApproval: boolean('requires_approval').notNull(),
    queueCounter: integer('queue_counter').notNull().default(0),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('activities_project').on(t.tenantId, t.projectId, t.startsAt),
    // The home page's "next activities" of the whole city.
    index('activities_upcoming').on(t.tenantId, t.startsAt),
    foreignKey({ columns: [t.tenantId, t.projectId], foreignColumns: [projects.tenantId, projects.id] }),
    userRef(t, t.createdBy),
    check('activities_times', sql`${t.endsAt} > ${t.startsAt}`),
    check('activities_capacity', sql`${t.capacity} > 0`),
    tenantIsolation('activities'),
  ],
);

export type SignupStatus = 'pending' | 'confirmed' | 'waitlisted' | 'rejected' | 'cancelled';

/** One row per volunteer and activity; signing up again after cancelling reuses it. */
export const activitySignups = pgTable(
  'activity_signups',
  {
    tenantId: tenantIdColumn(),
    activityId: uuid('activity_id').notNull(),
    userId: uuid('user_id').notNull(),
    status: text('status').$type<SignupStatus>().notNull(),
    /** Place in the activity's queue, from `activities.queue_counter`; the waitlist moves up in this order. */
    queueNumber: integer('queue_number').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: at('decided_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.activityId, t.userId] }),
    index('activity_signups_queue').on(t.tenantId, t.activityId, t.status, t.queueNumber),
    index('activity_signups_user').on(t.tenantId, t.userId),
    foreignKey({ columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }),
    userRef(t, t.userId).onDelete('cascade'),
    userRef(t, t.decidedBy),
    check('activity_signups_status_known', sql`${t.status} in ('pending', 'confirmed', 'waitlisted', 'rejected', 'cancelled')`),
    tenantIsolation('activity_signups'),
  ],
);
