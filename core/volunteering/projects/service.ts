import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { selectBuiltOnce } from '../../db/built-once.ts';
import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { MemberRole, ProjectCategory } from '../shared/catalogue.ts';
import { memberRole } from '../volunteers/members.ts';
import { organisations } from '../organisations/schema.ts';
import { projects, type ProjectStatus } from './schema.ts';

export type Project = typeof projects.$inferSelect;
export type ProjectInput = {
  name: string;
  category: ProjectCategory;
  targetGroups: string[];
  district: string;
  startsOn: Date;
  endsOn: Date;
  place: string;
  contact: string;
  volunteersWanted: number;
  description: string;
};

export async function createProject(
  tx: Tx,
  tenantId: string,
  organisationId: string,
  createdBy: string,
  input: ProjectInput & { needId?: string },
): Promise<string> {
  const id = newId();
  await tx.insert(projects).values({ tenantId, id, organisationId, createdBy, ...input });
  return id;
}

export async function updateProject(tx: Tx, tenantId: string, projectId: string, input: ProjectInput): Promise<void> {
  await tx.update(projects).set(input).where(and(eq(projects.tenantId, tenantId), eq(projects.id, projectId)));
}

/** The moves a project may make: draft → published → closed. */
const NEXT: Record<ProjectStatus, ProjectStatus | null> = { draft: 'published', published: 'closed', closed: null };

/** Moves the project one step on if it is in `from`; false when someone already moved it. */
export async function advanceProject(tx: Tx, tenantId: string, projectId: string, from: ProjectStatus): Promise<boolean> {
  const to = NEXT[from];
  if (!to) return false;
  const now = new Date();
  const rows = await tx
    .update(projects)
    .set(to === 'published' ? { status: to, publishedAt: now } : { status: to, closedAt: now })
    .where(and(eq(projects.tenantId, tenantId), eq(projects.id, projectId), eq(projects.status, from)))
    .returning({ id: projects.id });
  return rows.length === 1;
}

const withOrganisation = { project: projects, organisationName: organisations.name };
/**
 * What a card of the public menu shows, and all the menu reads: not the description, place, contact and the
 * other timestamps of twenty projects, which the server sent and this process decoded for nothing.
 */
const cardColumns = {
  id: projects.id,
  name: projects.name,
  category: projects.category,
  district: projects.district,
  startsOn: projects.startsOn,
  endsOn: projects.endsOn,
  volunteersWanted: projects.volunteersWanted,
};
export type ProjectCardFields = Pick<Project, keyof typeof cardColumns>;
const joinOrganisation = and(eq(organisations.tenantId, projects.tenantId), eq(organisations.id, projects.organisationId));

export async function findProject(tx: Tx, tenantId: string, projectId: string) {
  const [row] = await tx
    .select(withOrganisation)
    .from(projects)
    .innerJoin(organisations, joinOrganisation)
    .where(and(eq(projects.tenantId, tenantId), eq(projects.id, projectId)));
  return row ?? null;
}

export type ProjectFilter = { category?: ProjectCategory; district?: string; page: number; pageSize: number };

/** The public menu: published projects, newest first, narrowed by category and district. */
export async function browseProjects(tx: Tx, tenantId: string, filter: ProjectFilter) {
  const statements = browseStatements[(filter.category ? 1 : 0) + (filter.district ? 2 : 0)]!;
  const values = { tenantId, category: filter.category, district: filter.district, limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize };
  // The count and the page go out together (one round trip).
  const [[total], rows] = await Promise.all([statements.count(tx, values), statements.page(tx, values)]);
  return { rows, total: total?.n ?? 0 };
}

/** The menu's count and page, built once for each combination of filters (each its own plan on the server). */
function browseStatementsFiltered(byCategory: boolean, byDistrict: boolean) {
  const where = () =>
    and(
      eq(projects.tenantId, sql.placeholder('tenantId')),
      eq(projects.status, 'published'),
      byCategory ? eq(projects.category, sql.placeholder('category')) : undefined,
      byDistrict ? eq(projects.district, sql.placeholder('district')) : undefined,
    );
  return {
    count: selectBuiltOnce((tx) => tx.select({ n: count() }).from(projects).where(where())),
    page: selectBuiltOnce((tx) =>
      tx
        .select({ project: cardColumns, organisationName: organisations.name })
        .from(projects)
        .innerJoin(organisations, joinOrganisation)
        .where(where())
        .orderBy(desc(projects.publishedAt), desc(projects.id))
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset')),
    ),
  };
}
const browseStatements = [false, true].flatMap((byDistrict) => [false, true].map((byCategory) => browseStatementsFiltered(byCategory, byDistrict)));

/** An organisation's projects; drafts only for its own people. */
export async function projectsOfOrganisation(tx: Tx, tenantId: string, organisationId: string, statuses: readonly ProjectStatus[]) {
  return tx
    .select()
    .from(projects)
    .where(and(eq(projects.tenantId, tenantId), eq(projects.organisationId, organisationId), inArray(projects.status, [...statuses])))
    .orderBy(desc(projects.createdAt))
    .limit(100);
}

export type ProjectAccess =
  | { ok: true; project: Project; organisationName: string; role: MemberRole }
  | { ok: false; reason: 'not_found' | 'forbidden' };

/** The project and the user's role in its organisation, if among `allowed`; a draft is not_found to outsiders. */
export async function projectAccess(tx: Tx, tenantId: string, projectId: string, userId: string, allowed: readonly MemberRole[]): Promise<ProjectAccess> {
  const found = await findProject(tx, tenantId, projectId);
  if (!found) return { ok: false, reason: 'not_found' };
  const role = await memberRole(tx, tenantId, found.project.organisationId, userId);
  if (!role && found.project.status === 'draft') return { ok: false, reason: 'not_found' };
  if (!role || !allowed.includes(role)) return { ok: false, reason: 'forbidden' };
  return { ok: true, project: found.project, organisationName: found.organisationName, role };
}
