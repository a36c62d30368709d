import { type AnyPgColumn, boolean, foreignKey, integer, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });

/** A citizen becomes a volunteer by completing this profile; the unified number (unified-number.ts) is theirs for good, in every city. */
export const volunteerProfiles = pgTable(
  'volunteer_profiles',
  {
    tenantId: tenantIdColumn(),
    userId: uuid('user_id').notNull(),
    volunteerNumber: text('volunteer_number').notNull(),
    realName: text('real_name').notNull(),
    mobile: text('mobile').notNull(),
    skills: text('skills').array().notNull(),
    serviceAreas: text('service_areas').array().notNull(),
    availability: text('availability').array().notNull(),
    /** The identity document (volunteers/id-documents.ts); the number only sealed and hashed (volunteers/id-number-keys.ts). */
    idType: text('id_type'),
    idNumberSealed: text('id_number_sealed'),
    idNumberHash: text('id_number_hash'),
    /** `YYYY-MM-DD`, read from the document where it carries one: what age rules use. */
    birthDate: text('birth_date'),
    /** Staff who saw the document mark it verified; a changed document is unverified again. */
    idVerifiedAt: at('id_verified_at'),
    idVerifiedBy: uuid('id_verified_by'),
    completedAt: at('completed_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    uniqueIndex('volunteer_profiles_number').on(t.tenantId, t.volunteerNumber),
    // One document, one volunteer in a city.
    uniqueIndex('volunteer_profiles_id_number').on(t.tenantId, t.idNumberHash),
    userRef(t, t.userId).onDelete('cascade'),
    userRef(t, t.idVerifiedBy),
    tenantIsolation('volunteer_profiles'),
  ],
);

/** One row a city: how many volunteers it has registered (the city figures read it), bumped with each new profile. */
export const volunteerNumberCounters = pgTable(
  'volunteer_number_counters',
  {
    tenantId: tenantIdColumn().primaryKey(),
    lastNumber: integer('last_number').notNull(),
  },
  () => [tenantIsolation('volunteer_number_counters')],
);

/** One row a city: what a volunteer may only do with a verified identity document; no row means nothing requires it. */
export const identityRequirements = pgTable(
  'identity_requirements',
  {
    tenantId: tenantIdColumn().primaryKey(),
    certificates: boolean('certificates').notNull().default(false),
    insurance: boolean('insurance').notNull().default(false),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  () => [tenantIsolation('identity_requirements')],
);

/**
 * The sequence part of unified volunteer numbers (unified-number.ts), one for the
 * whole platform: a number is unique in every city whatever its division code, and
 * a value once drawn is never drawn again, even when its registration rolls back.
 */
export const volunteerNumberSequence = pgSequence('volunteer_number_sequence', { startWith: 1, maxValue: 999_999_999 });
