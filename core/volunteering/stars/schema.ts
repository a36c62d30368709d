import { type AnyPgColumn, check, foreignKey, index, integer, pgTable, primaryKey, smallint, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });

/** One row a city: the verified hours each of the five stars needs; no row means the national practice (100/300/600/1,000/1,500). */
export const starLevelSettings = pgTable(
  'star_level_settings',
  {
    tenantId: tenantIdColumn().primaryKey(),
    hours: integer('hours').array().notNull(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [check('star_level_settings_five', sql`cardinality(${t.hours}) = 5`), tenantIsolation('star_level_settings')],
);

/** A volunteer's current star level (0–5), kept in step with their verified minutes. */
export const volunteerStarLevels = pgTable(
  'volunteer_star_levels',
  {
    tenantId: tenantIdColumn(),
    userId: uuid('user_id').notNull(),
    stars: smallint('stars').notNull(),
    verifiedMinutes: integer('verified_minutes').notNull(),
    changedAt: at('changed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    index('volunteer_star_levels_stars').on(t.tenantId, t.stars, t.verifiedMinutes),
    userRef(t, t.userId).onDelete('cascade'),
    check('volunteer_star_levels_range', sql`${t.stars} between 0 and 5`),
    tenantIsolation('volunteer_star_levels'),
  ],
);
