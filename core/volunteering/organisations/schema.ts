import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';
import type { MemberRole, OrganisationKind } from '../shared/catalogue.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });

export type OrganisationStatus = 'pending' | 'approved' | 'rejected';

/** A social-work organisation or volunteer team; usable once a city admin approves it. */
export const organisations = pgTable(
  'organisations',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<OrganisationKind>().notNull(),
    description: text('description').notNull(),
    district: text('district').notNull(),
    contactPhone: text('contact_phone').notNull(),
    creditCode: text('credit_code'),
    status: text('status').$type<OrganisationStatus>().notNull().default('pending'),
    applicantId: uuid('applicant_id').notNull(),
    rejectionReason: text('rejection_reason'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: at('reviewed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // A rejected application frees its name and code for a corrected one.
    uniqueIndex('organisations_name').on(t.tenantId, t.name).where(sql`status <> 'rejected'`),
    uniqueIndex('organisations_credit_code').on(t.tenantId, t.creditCode).where(sql`credit_code is not null and status <> 'rejected'`),
    index('organisations_status').on(t.tenantId, t.status, t.createdAt),
    userRef(t, t.applicantId),
    userRef(t, t.reviewedBy),
    check('organisations_status_known', sql`${t.status} in ('pending', 'approved', 'rejected')`),
    tenantIsolation('organisations'),
  ],
);

export const organisationMembers = pgTable(
  'organisation_members',
  {
    tenantId: tenantIdColumn(),
    organisationId: uuid('organisation_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').$type<MemberRole>().notNull(),
    addedBy: uuid('added_by').notNull(),
    addedAt: at('added_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.organisationId, t.userId] }),
    index('organisation_members_user').on(t.tenantId, t.userId),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisations.tenantId, organisations.id] }).onDelete('cascade'),
    userRef(t, t.userId).onDelete('cascade'),
    userRef(t, t.addedBy),
    tenantIsolation('organisation_members'),
  ],
);
