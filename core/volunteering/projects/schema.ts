import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/identity.ts';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';
import type { ProjectCategory } from '../shared/catalogue.ts';
import { organisations } from '../organisations/schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });

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
    /**
     * Set on the project a plugin records its service under (`<plugin>:<programme>`, one per
     * organisation): it takes no sign-ups, and certificates name it like any project.
     */
    programmeKey: text('programme_key'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('projects_browse').on(t.tenantId, t.status, t.category, t.district),
    index('projects_organisation').on(t.tenantId, t.organisationId),
    uniqueIndex('projects_programme').on(t.tenantId, t.organisationId, t.programmeKey).where(sql`programme_key is not null`),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
    foreignKey({ columns: [t.tenantId, t.needId], foreignColumns: [needs.tenantId, needs.id] }),
    userRef(t, t.createdBy),
    check('projects_dates', sql`${t.endsOn} >= ${t.startsOn}`),
    check('projects_volunteers_wanted', sql`${t.volunteersWanted} > 0`),
    check('projects_status_known', sql`${t.status} in ('draft', 'published', 'closed')`),
    tenantIsolation('projects'),
  ],
);
