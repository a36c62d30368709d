import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';
import { organisations } from '../organisations/schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });
const organisationRef = (t: { tenantId: AnyPgColumn; organisationId: AnyPgColumn }) =>
  foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisations.tenantId, organisations.id] });

/** A volunteer's attendance at a training session an organisation ran (the 办法's 培训情况); one row per volunteer and session. */
export const volunteerTrainings = pgTable(
  'volunteer_trainings',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    volunteerUserId: uuid('volunteer_user_id').notNull(),
    title: text('title').notNull(),
    heldOn: date('held_on').notNull(),
    minutes: integer('minutes').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('volunteer_trainings_volunteer').on(t.tenantId, t.volunteerUserId, t.heldOn),
    index('volunteer_trainings_organisation').on(t.tenantId, t.organisationId, t.heldOn),
    organisationRef(t),
    userRef(t, t.volunteerUserId),
    userRef(t, t.recordedBy),
    check('volunteer_trainings_minutes', sql`${t.minutes} > 0 and ${t.minutes} <= 1440`),
    tenantIsolation('volunteer_trainings'),
  ],
);

/** A commendation or award a volunteer received (the 办法's 表彰奖励情况), recorded by the organisation they served. */
export const volunteerCommendations = pgTable(
  'volunteer_commendations',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    volunteerUserId: uuid('volunteer_user_id').notNull(),
    title: text('title').notNull(),
    /** Who conferred it (the organisation itself, a district 文明办, ...), as written on it. */
    awardedBy: text('awarded_by').notNull(),
    awardedOn: date('awarded_on').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('volunteer_commendations_volunteer').on(t.tenantId, t.volunteerUserId, t.awardedOn),
    index('volunteer_commendations_organisation').on(t.tenantId, t.organisationId, t.awardedOn),
    organisationRef(t),
    userRef(t, t.volunteerUserId),
    userRef(t, t.recordedBy),
    tenantIsolation('volunteer_commendations'),
  ],
);
