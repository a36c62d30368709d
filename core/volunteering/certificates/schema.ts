import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });

/** What a certificate certifies, frozen when it is made. */
export type CertificateSummary = {
  volunteerName: string;
  volunteerNumber: string;
  projects: { name: string; organisation: string; minutes: number; records: number }[];
  firstDay: string | null;
  lastDay: string | null;
};

/** A service certificate for a period; valid while none of its records has been revoked. */
export const serviceCertificates = pgTable(
  'service_certificates',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    /** What `/verify/<code>` takes; random, not guessable. */
    code: text('code').notNull(),
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
    index('service_certificates_volunteer').on(t.tenantId, t.volunteerUserId, t.createdAt),
    userRef(t, t.volunteerUserId),
    check('service_certificates_period', sql`${t.periodTo} >= ${t.periodFrom}`),
    tenantIsolation('service_certificates'),
  ],
);
