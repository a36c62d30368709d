import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { activities } from '../../volunteering/activities/schema.ts';
import { organisations } from '../../volunteering/organisations/schema.ts';
import { projects } from '../../volunteering/projects/schema.ts';
import { afterCursor, PageQuery, pageFrom, pageOf } from '../pagination.ts';
import { commonProblems, notFound } from '../problem.ts';
import { apiRoute, keyed } from '../route.ts';
import { after, idParam, notFoundResponse } from './shared.ts';

/** Organisations, projects and activities: what the city publishes (approved organisations, projects once published). */
const scope = keyed('catalogue:read');

const Organisation = z
  .object({ id: z.guid(), name: z.string(), kind: z.string(), description: z.string(), district: z.string(), createdAt: z.iso.datetime() })
  .openapi('Organisation');
const Project = z
  .object({
    id: z.guid(),
    organisationId: z.guid(),
    name: z.string(),
    category: z.string(),
    district: z.string(),
    startsOn: z.iso.datetime(),
    endsOn: z.iso.datetime(),
    place: z.string(),
    volunteersWanted: z.number().int(),
    description: z.string(),
    status: z.enum(['published', 'closed']),
  })
  .openapi('Project');
const Activity = z
  .object({ id: z.guid(), projectId: z.guid(), title: z.string(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), place: z.string(), capacity: z.number().int() })
  .openapi('Activity');

const showOrganisation = (o: typeof organisations.$inferSelect): z.infer<typeof Organisation> => ({
  id: o.id, name: o.name, kind: o.kind, description: o.description, district: o.district, createdAt: o.createdAt.toISOString(),
});
const showProject = (p: typeof projects.$inferSelect): z.infer<typeof Project> => ({
  id: p.id, organisationId: p.organisationId, name: p.name, category: p.category, district: p.district, startsOn: p.startsOn.toISOString(),
  endsOn: p.endsOn.toISOString(), place: p.place, volunteersWanted: p.volunteersWanted, description: p.description, status: p.status as 'published' | 'closed',
});
const showActivity = (a: typeof activities.$inferSelect): z.infer<typeof Activity> => ({
  id: a.id, projectId: a.projectId, title: a.title, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString(), place: a.place, capacity: a.capacity,
});

const visibleOrganisation = eq(organisations.status, 'approved');
const visibleProject = inArray(projects.status, ['published', 'closed']);

export const catalogueRoutes = [
  apiRoute(
    createRoute({
      method: 'get', path: '/organisations', ...scope, tags: ['Catalogue'], summary: 'Approved organisations of the city',
      request: { query: PageQuery },
      responses: { 200: { description: 'A page of organisations', content: { 'application/json': { schema: pageOf(Organisation, 'OrganisationPage') } } }, ...commonProblems },
    }),
    async (c) => {
      const { cursor, limit } = c.req.valid('query');
      const start = afterCursor(cursor);
      const rows = await c.var.unit.run((tx) =>
        tx.select().from(organisations).where(and(eq(organisations.tenantId, c.var.tenant.id), visibleOrganisation, after(organisations.id, start))).orderBy(asc(organisations.id)).limit(limit + 1),
      );
      return c.json(pageFrom(rows, limit, showOrganisation), 200);
    },
  ),
  apiRoute(
    createRoute({
      method: 'get', path: '/organisations/{id}', ...scope, tags: ['Catalogue'], summary: 'One approved organisation',
      request: { params: idParam() },
      responses: { 200: { description: 'The organisation', content: { 'application/json': { schema: Organisation } } }, ...notFoundResponse, ...commonProblems },
    }),
    async (c) => {
      const id = c.req.valid('param').id as string;
      const [row] = await c.var.unit.run((tx) => tx.select().from(organisations).where(and(eq(organisations.tenantId, c.var.tenant.id), eq(organisations.id, id.toLowerCase()), visibleOrganisation)));
      if (!row) throw notFound('organisation');
      return c.json(showOrganisation(row), 200);
    },
  ),
  apiRoute(
    createRoute({
      method: 'get', path: '/projects', ...scope, tags: ['Catalogue'], summary: 'Published (and closed) projects, optionally of one organisation',
      request: { query: PageQuery.extend({ organisationId: z.guid().optional() }) },
      responses: { 200: { description: 'A page of projects', content: { 'application/json': { schema: pageOf(Project, 'ProjectPage') } } }, ...commonProblems },
    }),
    async (c) => {
      const { cursor, limit, organisationId } = c.req.valid('query');
      const start = afterCursor(cursor);
      const rows = await c.var.unit.run((tx) =>
        tx
          .select()
          .from(projects)
          .where(and(eq(projects.tenantId, c.var.tenant.id), visibleProject, organisationId ? eq(projects.organisationId, organisationId.toLowerCase()) : undefined, after(projects.id, start)))
          .orderBy(asc(projects.id))
          .limit(limit + 1),
      );
      return c.json(pageFrom(rows, limit, showProject), 200);
    },
  ),
  apiRoute(
    createRoute({
      method: 'get', path: '/projects/{id}', ...scope, tags: ['Catalogue'], summary: 'One published project',
      request: { params: idParam() },
      responses: { 200: { description: 'The project', content: { 'application/json': { schema: Project } } }, ...notFoundResponse, ...commonProblems },
    }),
    async (c) => {
      const id = c.req.valid('param').id as string;
      const [row] = await c.var.unit.run((tx) => tx.select().from(projects).where(and(eq(projects.tenantId, c.var.tenant.id), eq(projects.id, id.toLowerCase()), visibleProject)));
      if (!row) throw notFound('project');
      return c.json(showProject(row), 200);
    },
  ),
  apiRoute(
    createRoute({
      method: 'get', path: '/activities', ...scope, tags: ['Catalogue'], summary: 'Activities of published projects, optionally of one project',
      request: { query: PageQuery.extend({ projectId: z.guid().optional() }) },
      responses: { 200: { description: 'A page of activities', content: { 'application/json': { schema: pageOf(Activity, 'ActivityPage') } } }, ...commonProblems },
    }),
    async (c) => {
      const { cursor, limit, projectId } = c.req.valid('query');
      const start = afterCursor(cursor);
      const tenantId = c.var.tenant.id;
      const rows = await c.var.unit.run((tx) =>
        tx
          .select({ activity: activities })
          .from(activities)
          .innerJoin(projects, and(eq(projects.tenantId, activities.tenantId), eq(projects.id, activities.projectId)))
          .where(and(eq(activities.tenantId, tenantId), visibleProject, projectId ? eq(activities.projectId, projectId.toLowerCase()) : undefined, after(activities.id, start)))
          .orderBy(asc(activities.id))
          .limit(limit + 1),
      );
      return c.json(pageFrom(rows.map((r) => r.activity), limit, showActivity), 200);
    },
  ),
  apiRoute(
    createRoute({
      method: 'get', path: '/activities/{id}', ...scope, tags: ['Catalogue'], summary: 'One activity of a published project',
      request: { params: idParam() },
      responses: { 200: { description: 'The activity', content: { 'application/json': { schema: Activity } } }, ...notFoundResponse, ...commonProblems },
    }),
    async (c) => {
      const id = c.req.valid('param').id as string;
      const [row] = await c.var.unit.run((tx) =>
        tx
          .select({ activity: activities })
          .from(activities)
          .innerJoin(projects, and(eq(projects.tenantId, activities.tenantId), eq(projects.id, activities.projectId)))
          .where(and(eq(activities.tenantId, c.var.tenant.id), eq(activities.id, id.toLowerCase()), visibleProject)),
      );
      if (!row) throw notFound('activity');
      return c.json(showActivity(row.activity), 200);
    },
  ),
];
