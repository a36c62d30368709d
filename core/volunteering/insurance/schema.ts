import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, date, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';
import { activities } from '../activities/schema.ts';
import { organisations } from '../organisations/schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });

/** A volunteer insurance policy an organisation holds; its period is in China's calendar days, both ends included. */
export const insurancePolicies = pgTable(
  'insurance_policies',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    insurer: text('insurer').notNull(),
    policyNumber: text('policy_number').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** True: every volunteer serving in the organisation's activities; false: only the named volunteers. */
    coversAll: boolean('covers_all').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('insurance_policies_organisation').on(t.tenantId, t.organisationId, t.endsOn),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
    userRef(t, t.createdBy),
    check('insurance_policies_period', sql`${t.endsOn} >= ${t.startsOn}`),
    tenantIsolation('insurance_policies'),
  ],
);

/** A volunteer a policy names. */
export const insuredVolunteers = pgTable(
  'insured_volunteers',
  {
    tenantId: tenantIdColumn(),
    policyId: uuid('policy_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.policyId, t.userId] }),
    index('insured_volunteers_user').on(t.tenantId, t.userId),
    foreignKey({ columns: [t.tenantId, t.policyId], foreignColumns: [insurancePolicies.tenantId, insurancePolicies.id] }).onDelete('cascade'),
    userRef(t, t.userId).onDelete('cascade'),
    tenantIsolation('insured_volunteers'),
  ],
);

/** An activity whose volunteers must be insured on its date before they may sign up. */
export const activityInsuranceRequirements = pgTable(
  'activity_insurance_requirements',
  {
    tenantId: tenantIdColumn(),
    activityId: uuid('activity_id').notNull(),
    setBy: uuid('set_by').notNull(),
    setAt: at('set_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.activityId] }),
    foreignKey({ columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }).onDelete('cascade'),
    userRef(t, t.setBy),
    tenantIsolation('activity_insurance_requirements'),
  ],
);
