import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { newId, selectBuiltOnce, toLocalDateInput, type CityWork } from '../../core/plugin-api.ts';
import { can, MAY_SUPERVISE, MAY_VISIT, type Viewer } from './access.ts';
import { logAccess, logListAccess } from './access-log.ts';
import type { Child } from './children.ts';
import { children, visits, type RiskLevel, type VisitMode } from './schema.ts';

/** The city's visit rule: days between visits per risk level (a setting, not a law). */
export type VisitRule = { highRiskDays: number; mediumRiskDays: number; lowRiskDays: number };

export const intervalDays = (rule: VisitRule, risk: RiskLevel) =>
  risk === 'high' ? rule.highRiskDays : risk === 'medium' ? rule.mediumRiskDays : rule.lowRiskDays;

/** YYYY-MM-DD plus whole days, in calendar arithmetic (no time zone involved). */
export function addDays(day: string, days: number): string {
  const d = new Date(0);
  d.setUTCFullYear(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + days);
  if (!/^\d{4}-\d\d-\d\d$/.test(day) || Number.isNaN(d.getTime())) throw new RangeError(`not a day: ${day}`);
  // Not parsed from text nor put back with toISOString(): each costs thousands of instructions (toISOString some
  // 7,500, a printf inside V8), and the due list asks this of every child (bench/README.md, session 14).
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The next visit is due one interval after the last visit, or after registration when there was none. */
export function dueOn(rule: VisitRule, risk: RiskLevel, registeredOn: string, lastVisitOn: string | null): string {
  return addDays(lastVisitOn ?? registeredOn, intervalDays(rule, risk));
}

/** What the due list reads of each child: the list's cells and what `can` decides by, nothing more. */
const dueListColumns = {
  id: children.id,
  name: children.name,
  district: children.district,
  village: children.village,
  riskLevel: children.riskLevel,
  registeredOn: children.registeredOn,
  directorId: children.directorId,
  status: children.status,
};
export type DueListChild = Pick<Child, keyof typeof dueListColumns>;
export type DueChild<C extends DueListChild = Child> = { child: C; lastVisitOn: string | null; dueOn: string; overdue: boolean };

/**
 * The viewer's children ordered by due date, soonest (most overdue) first.
 * A list shows each child's name: a read of each, appended to one of the city's list
 * chains as one entry naming them all, the work's last statement. It is sent, not
 * waited for: `logged` is its answer, and the caller commits with it (`commitWork(c,
 * logged)`, the commit right behind it) or waits for it. The children and their last
 * visits are read in one round trip without a lock; the database then appends the
 * entry under its chain's lock, which is held while the server runs that append and
 * the commit only, not across this process's rendering or event loop.
 */
export async function dueList(w: CityWork, viewer: Viewer, rule: VisitRule, now = new Date()): Promise<{ due: DueChild<DueListChild>[]; logged: Promise<void> }> {
  const mine = viewer.permissions.has(MAY_VISIT) ? viewer.id : null;
  const districts = viewer.permissions.has(MAY_SUPERVISE) ? [...viewer.districts] : [];
  if (!mine && districts.length === 0) return { due: [], logged: Promise.resolve() };
  const { tx, tenantId } = w;
  const districtList = `{${districts.map((d) => `"${d.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  const values = { tenantId, mine, districts: districtList, highRiskDays: rule.highRiskDays, mediumRiskDays: rule.mediumRiskDays, lowRiskDays: rule.lowRiskDays };
  const today = toLocalDateInput(now);
  const rows = await dueChildren(tx, values);
  const due = rows.filter((row) => can(viewer, 'read', row.child)).map((row) => ({ ...row, overdue: row.dueOn < today }));
  const logged = logListAccess(w, viewer.id, due.map((d) => d.child.id), 'listed', now);
  // Handled here so that a failure is never unhandled; the caller still gets it from `logged` (and the commit).
  logged.catch(() => {});
  return { due, logged };
}

/**
 * `visibleWhere` (children.ts) as placeholders, for the due list's read built once (building it cost more
 * Node CPU than sending it): `mine`, the viewer's id when they may visit, else null; `districts`, the ones
 * they supervise as an array literal, '{}' for none. Null or false on both sides: no child.
 */
const visibleNow = () =>
  and(eq(children.tenantId, sql.placeholder('tenantId')), eq(children.status, 'active'), or(eq(children.directorId, sql.placeholder('mine')), sql`${children.district} = any(${sql.placeholder('districts')}::text[])`));
// The city named again inside (not as the outer row's column): on Citus a query stays on one shard only when every
// table in it is filtered by the same city.
const lastVisitOn = sql<string | null>`(select max(${visits.visitedOn}) from ${visits} where ${visits.tenantId} = ${sql.placeholder('tenantId')} and ${visits.childId} = ${children.id})`;
/** `dueOn` in SQL (the rule's days as placeholders): the list's dates and order come from the database, not from a date per child made in Node. */
const dueOnSql = sql`coalesce(${lastVisitOn}, ${children.registeredOn}) + case ${children.riskLevel} when 'high' then ${sql.placeholder('highRiskDays')}::int when 'medium' then ${sql.placeholder('mediumRiskDays')}::int else ${sql.placeholder('lowRiskDays')}::int end`;
/** The due list in one read: each child's last visit and due date, soonest due first. */
const dueChildren = selectBuiltOnce((tx) =>
  tx
    .select({ child: dueListColumns, lastVisitOn: sql<string | null>`${lastVisitOn}::text`, dueOn: sql<string>`(${dueOnSql})::text`.as('due_on') })
    .from(children)
    .where(visibleNow())
    // The output column (a 'YYYY-MM-DD' text sorts as the date does), so the due date is worked out once a row.
    .orderBy(sql`due_on`, children.id),
);

/** Every active child of the city with its due date, for the overdue alerts (which carry counts only). */
export async function activeWithDueDates(w: CityWork, rule: VisitRule, now = new Date()): Promise<DueChild[]> {
  const { tx, tenantId } = w;
  return withDueDates(w, await tx.select().from(children).where(and(eq(children.tenantId, tenantId), eq(children.status, 'active'))), rule, now);
}

/** Children with their last visit and due date, soonest due first. */
export async function withDueDates(w: CityWork, list: Child[], rule: VisitRule, now: Date): Promise<DueChild[]> {
  if (list.length === 0) return [];
  return dueDates(list, await lastVisits(w, inArray(visits.childId, list.map((c) => c.id))), rule, now);
}

/** The last visit's day of each child `which` selects (children never visited are absent). */
async function lastVisits(w: CityWork, which: SQL): Promise<Map<string, string>> {
  const { tx, tenantId } = w;
  const rows = await tx
    .select({ childId: visits.childId, last: sql<string>`max(${visits.visitedOn})::text` })
    .from(visits)
    .where(and(eq(visits.tenantId, tenantId), which))
    .groupBy(visits.childId);
  return new Map(rows.map((r) => [r.childId, r.last]));
}

function dueDates<C extends DueListChild>(list: C[], lastOf: ReadonlyMap<string, string>, rule: VisitRule, now: Date): DueChild<C>[] {
  const today = toLocalDateInput(now);
  return list
    .map((child) => {
      const lastVisitOn = lastOf.get(child.id) ?? null;
      const due = dueOn(rule, child.riskLevel, child.registeredOn, lastVisitOn);
      return { child, lastVisitOn, dueOn: due, overdue: due < today };
    })
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.child.id.localeCompare(b.child.id));
}

export type VisitInput = { visitedOn: string; mode: VisitMode; findings: string; needs: string; followUp: string };
export type Visit = typeof visits.$inferSelect;

/** Whether this viewer may act on the child: decided without reading (or logging) the record. */
export async function mayAct(w: CityWork, viewer: Viewer, childId: string, action: 'record_visit' | 'refer' | 'publish_wish' | 'close' | 'pair'): Promise<boolean> {
  const { tx, tenantId } = w;
  const [child] = await tx.select({ directorId: children.directorId, district: children.district, status: children.status }).from(children).where(and(eq(children.tenantId, tenantId), eq(children.id, childId)));
  return !!child && can(viewer, action, child);
}

export const mayRecordVisit = (w: CityWork, viewer: Viewer, childId: string) => mayAct(w, viewer, childId, 'record_visit');
export const mayRefer = (w: CityWork, viewer: Viewer, childId: string) => mayAct(w, viewer, childId, 'refer');

/** Records a visit by the child's director; a date in the future is refused. Null: not theirs to record. */
export async function recordVisit(w: CityWork, viewer: Viewer, childId: string, input: VisitInput, now = new Date()): Promise<{ ok: true; id: string } | { ok: false; reason: 'not_found' | 'future_date' }> {
  const { tx, tenantId } = w;
  if (!(await mayRecordVisit(w, viewer, childId))) return { ok: false, reason: 'not_found' };
  if (input.visitedOn > toLocalDateInput(now)) return { ok: false, reason: 'future_date' };
  const id = newId();
  await tx.insert(visits).values({ tenantId, id, childId, ...input, recordedBy: viewer.id });
  await logAccess(w, viewer.id, childId, 'visit_recorded', now, input.visitedOn);
  return { ok: true, id };
}

/** A child's visits, newest first: shown only inside a record already read (and logged). */
export async function visitsOf(w: CityWork, childId: string): Promise<Visit[]> {
  const { tx, tenantId } = w;
  return tx.select().from(visits).where(and(eq(visits.tenantId, tenantId), eq(visits.childId, childId))).orderBy(sql`${visits.visitedOn} desc, ${visits.recordedAt} desc`);
}
