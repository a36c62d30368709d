import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../db/tenant-table.ts';
import type { MemberRole, OrganisationKind, ProjectCategory } from './shared/catalogue.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });

/** The districts (or streets, towns) of a city that forms offer; rows elsewhere store the name. */
export const districts = pgTable(
  'districts',
  {
    tenantId: tenantIdColumn(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name] }), tenantIsolation('districts')],
);

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

/** A citizen becomes a volunteer by completing this profile; the number is theirs for good. */
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

/** One row a city: the last volunteer number handed out, bumped with `update ... returning`. */
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
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  () => [tenantIsolation('identity_requirements')],
);

export type NeedStatus = 'open' | 'taken';

/** A resident asks for help; an organisation takes it up as a project. */
export const needs = pgTable(
  'needs',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    postedBy: uuid('posted_by').notNull(),
    help: text('help').notNull(),
    district: text('district').notNull(),
    place: text('place').notNull(),
    wantedWhen: text('wanted_when').notNull(),
    contact: text('contact').notNull(),
    status: text('status').$type<NeedStatus>().notNull().default('open'),
    takenByOrganisationId: uuid('taken_by_organisation_id'),
    takenAt: at('taken_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('needs_status').on(t.tenantId, t.status, t.createdAt),
    userRef(t, t.postedBy),
    foreignKey({ columns: [t.tenantId, t.takenByOrganisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
    tenantIsolation('needs'),
  ],
);

export type ProjectStatus = 'draft' | 'published' | 'closed';

export const projects = pgTable(
  'projects',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    needId: uuid('need_id'),
    name: text('name').notNull(),
    category: text('category').$type<ProjectCategory>().notNull(),
    targetGroups: text('target_groups').array().notNull(),
    district: text('district').notNull(),
    /** Midnight in China of the first and last day. */
    startsOn: at('starts_on').notNull(),
    endsOn: at('ends_on').notNull(),
    place: text('place').notNull(),
    contact: text('contact').notNull(),
    volunteersWanted: integer('volunteers_wanted').notNull(),
    description: text('description').notNull(),
    status: text('status').$type<ProjectStatus>().notNull().default('draft'),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    publishedAt: at('published_at'),
    closedAt: at('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('projects_browse').on(t.tenantId, t.status, t.category, t.district),
    index('projects_organisation').on(t.tenantId, t.organisationId),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
    foreignKey({ columns: [t.tenantId, t.needId], foreignColumns: [needs.tenantId, needs.id] }),
    userRef(t, t.createdBy),
    check('projects_dates', sql`${t.endsOn} >= ${t.startsOn}`),
    check('projects_volunteers_wanted', sql`${t.volunteersWanted} > 0`),
    check('projects_status_known', sql`${t.status} in ('draft', 'published', 'closed')`),
    tenantIsolation('projects'),
  ],
);

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
