import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/identity.ts';
import { bytea } from '../../db/schema/platform.ts';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';
import { organisations } from '../organisations/schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });

/** What a certificate certifies, frozen when it is made. */
export type CertificateSummary = {
  volunteerName: string;
  volunteerNumber: string;
  /** The identity block (办法): document type and masked number; absent on certificates made before it was printed. */
  idType?: string | null;
  idNumberMasked?: string | null;
  /** The issuing organisation as it was named when it certified; absent on city-wide certificates made before. */
  issuer?: { name: string; creditCode: string | null };
  /** The star level when it was issued; absent on certificates made before star levels. */
  stars?: number;
  projects: { name: string; organisation: string; minutes: number; records: number }[];
  firstDay: string | null;
  lastDay: string | null;
};

/**
 * An organisation's seal image, one row per image it ever uploaded (keyed by the
 * SHA-256 of the bytes), so a certificate shows the seal it was issued under.
 * The newest upload is the organisation's current seal.
 */
export const organisationSeals = pgTable(
  'organisation_seals',
  {
    tenantId: tenantIdColumn(),
    organisationId: uuid('organisation_id').notNull(),
    digest: text('digest').notNull(),
    /** One of SEAL_TYPES (certificates/seals.ts), sniffed from the bytes, never taken from the upload. */
    contentType: text('content_type').notNull(),
    image: bytea('image').notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: at('uploaded_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.organisationId, t.digest] }),
    index('organisation_seals_newest').on(t.tenantId, t.organisationId, t.uploadedAt),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
    userRef(t, t.uploadedBy),
    check('organisation_seals_type', sql`${t.contentType} in ('image/png', 'image/jpeg', 'image/webp')`),
    tenantIsolation('organisation_seals'),
  ],
);

/** One row a city and year: the last certificate number handed out, bumped with `update ... returning`. */
export const certificateNumberCounters = pgTable(
  'certificate_number_counters',
  {
    tenantId: tenantIdColumn(),
    year: smallint('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] }), tenantIsolation('certificate_number_counters')],
);

/**
 * A service certificate for a period, issued by the organisation that recorded
 * the service (谁记录谁证明); valid while none of its records has been revoked.
 */
export const serviceCertificates = pgTable(
  'service_certificates',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    /** What `/verify/<code>` takes; random, not guessable. */
    code: text('code').notNull(),
    /** The certificate number printed on it, `XIAMEN-2026-000042`; null on certificates made before numbers. */
    number: text('number'),
    /** The issuing organisation; null on city-wide certificates made before organisations issued them. */
    organisationId: uuid('organisation_id'),
    /** The seal it was issued under; null when the organisation had uploaded none (it is stamped by hand). */
    sealDigest: text('seal_digest'),
    volunteerUserId: uuid('volunteer_user_id').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    totalMinutes: integer('total_minutes').notNull(),
    recordIds: uuid('record_ids').array().notNull(),
    summary: jsonb('summary').$type<CertificateSummary>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('service_certificates_code').on(t.tenantId, t.code),
    uniqueIndex('service_certificates_number').on(t.tenantId, t.number),
    index('service_certificates_volunteer').on(t.tenantId, t.volunteerUserId, t.createdAt),
    // The city's register, newest first, optionally of one organisation.
    index('service_certificates_register').on(t.tenantId, t.createdAt, t.id),
    index('service_certificates_organisation').on(t.tenantId, t.organisationId, t.createdAt),
    userRef(t, t.volunteerUserId),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
    foreignKey({ columns: [t.tenantId, t.organisationId, t.sealDigest], foreignColumns: [organisationSeals.tenantId, organisationSeals.organisationId, organisationSeals.digest] }),
    check('service_certificates_period', sql`${t.periodTo} >= ${t.periodFrom}`),
    tenantIsolation('service_certificates'),
  ],
);
