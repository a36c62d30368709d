import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { selectBuiltOnce } from '../../db/built-once.ts';
import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { MemberRole } from '../shared/catalogue.ts';
import { memberRole } from '../volunteers/members.ts';
import { activities, activitySignups, type SignupStatus } from './schema.ts';
import { organisations } from '../organisations/schema.ts';
import { projects } from '../projects/schema.ts';

export type Activity = typeof activities.$inferSelect;
export type ActivityInput = { title: string; startsAt: Date; endsAt: Date; place: string; capacity: number; requiresApproval: boolean };

export async function createActivity(tx: Tx, tenantId: string, projectId: string, createdBy: string, input: ActivityInput): Promise<string> {
  const id = newId();
  await tx.insert(activities).values({ tenantId, id, projectId, createdBy, ...input });
  return id;
}

/** An activity with its project and organisation, all of this city. */
export async function findActivity(tx: Tx, tenantId: string, activityId: string) {
  const [row] = await tx
    .select({ activity: activities, project: projects, organisation: { id: organisations.id, name: organisations.name } })
    .from(activities)
    .innerJoin(projects, and(eq(projects.tenantId, activities.tenantId), eq(projects.id, activities.projectId)))
    .innerJoin(organisations, and(eq(organisations.tenantId, projects.tenantId), eq(organisations.id, projects.organisationId)))
    .where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)));
  return row ?? null;
}

export type ActivityWithPlaces = Activity & { confirmed: number; waitlisted: number };

/** A project's activities that have not started, soonest first, with how many places are taken. */
export async function upcomingActivities(tx: Tx, tenantId: string, projectId: string, now = new Date()): Promise<ActivityWithPlaces[]> {
  const rows = await tx
    .select()
    .from(activities)
    .where(and(eq(activities.tenantId, tenantId), eq(activities.projectId, projectId), gt(activities.startsAt, now)))
    .orderBy(asc(activities.startsAt))
    .limit(50);
  const counts = await signupCounts(tx, tenantId, rows.map((a) => a.id));
  return rows.map((a) => ({ ...a, confirmed: counts.get(`${a.id}|confirmed`) ?? 0, waitlisted: counts.get(`${a.id}|waitlisted`) ?? 0 }));
}

/**
 * The city's next activities of published projects, soonest first, with their
 * project's name and places taken: one statement, the counts only for the rows kept. The
 * counts name the city itself, not the outer row's: Citus routes a statement to one shard only
 * when every table in it is filtered by the same city.
 */
// Built once: the city's front page reads it on every request the page cache misses.
const upcomingInCity = selectBuiltOnce((tx) => {
  const taken = (status: SignupStatus) =>
    sql<number>`(select count(*)::int from ${activitySignups} s where s.tenant_id = ${sql.placeholder('tenantId')} and s.activity_id = ${activities.id} and s.status = ${status})`;
  return tx
    .select({ activity: activities, projectName: projects.name, confirmed: taken('confirmed'), waitlisted: taken('waitlisted') })
    .from(activities)
    .innerJoin(projects, and(eq(projects.tenantId, activities.tenantId), eq(projects.id, activities.projectId)))
    .where(and(eq(activities.tenantId, sql.placeholder('tenantId')), gt(activities.startsAt, sql.placeholder('now')), eq(projects.status, 'published')))
    .orderBy(asc(activities.startsAt))
    .limit(sql.placeholder('limit'));
});

export async function nextActivities(tx: Tx, tenantId: string, limit: number, now = new Date()): Promise<(ActivityWithPlaces & { projectName: string })[]> {
  const rows = await upcomingInCity(tx, { tenantId, now: now.toISOString(), limit });
  return rows.map(({ activity, projectName, confirmed, waitlisted }) => ({ ...activity, projectName, confirmed, waitlisted }));
}

async function signupCounts(tx: Tx, tenantId: string, activityIds: string[]): Promise<Map<string, number>> {
  if (activityIds.length === 0) return new Map();
  const rows = await tx
    .select({ activityId: activitySignups.activityId, status: activitySignups.status, n: count() })
    .from(activitySignups)
    .where(and(eq(activitySignups.tenantId, tenantId), inArray(activitySignups.activityId, activityIds), inArray(activitySignups.status, ['confirmed', 'waitlisted'])))
    .groupBy(activitySignups.activityId, activitySignups.status);
  return new Map(rows.map((r) => [`${r.activityId}|${r.status}`, r.n]));
}

export async function placesTaken(tx: Tx, tenantId: string, activityId: string) {
  const counts = await signupCounts(tx, tenantId, [activityId]);
  return { confirmed: counts.get(`${activityId}|confirmed`) ?? 0, waitlisted: counts.get(`${activityId}|waitlisted`) ?? 0 };
}

/**
 * The activity and the viewer's role in its organisation (null when none). An
 * activity of a draft project does not exist for outsiders.
 */
export async function activityFor(tx: Tx, tenantId: string, activityId: string, userId: string | null) {
  const found = await findActivity(tx, tenantId, activityId);
  if (!found) return null;
  const role: MemberRole | null = userId ? await memberRole(tx, tenantId, found.organisation.id, userId) : null;
  if (found.project.status === 'draft' && !role) return null;
  return { ...found, role };
}
