import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';
import { serviceRecords } from '../records/schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });

/** A city admin's reproducible random sample of verified records for a period. */
export const spotChecks = pgTable(
  'spot_checks',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    /** The same seed and period draw the same sample. */
    seed: text('seed').notNull(),
    sampleSize: integer('sample_size').notNull(),
    /** Verified records in the period when drawn. */
    population: integer('population').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('spot_checks_created').on(t.tenantId, t.createdAt),
    userRef(t, t.createdBy),
    check('spot_checks_period', sql`${t.periodTo} >= ${t.periodFrom}`),
    check('spot_checks_sample_size', sql`${t.sampleSize} > 0`),
    tenantIsolation('spot_checks'),
  ],
);

export type SpotCheckOutcome = 'unchecked' | 'confirmed' | 'problem';

export const spotCheckItems = pgTable(
  'spot_check_items',
  {
    tenantId: tenantIdColumn(),
    spotCheckId: uuid('spot_check_id').notNull(),
    recordId: uuid('record_id').notNull(),
    position: integer('position').notNull(),
    outcome: text('outcome').$type<SpotCheckOutcome>().notNull().default('unchecked'),
    note: text('note').notNull().default(''),
    checkedBy: uuid('checked_by'),
    checkedAt: at('checked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.spotCheckId, t.recordId] }),
    uniqueIndex('spot_check_items_position').on(t.tenantId, t.spotCheckId, t.position),
    foreignKey({ columns: [t.tenantId, t.spotCheckId], foreignColumns: [spotChecks.tenantId, spotChecks.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.recordId], foreignColumns: [serviceRecords.tenantId, serviceRecords.id] }),
    userRef(t, t.checkedBy),
    check('spot_check_items_outcome_known', sql`${t.outcome} in ('unchecked', 'confirmed', 'problem')`),
    tenantIsolation('spot_check_items'),
  ],
);
