import { and, eq, inArray, isNull } from 'drizzle-orm';
import { toLocalDateInput, type CityWork } from '../../core/plugin-api.ts';
import { children, pairings, referrals, RISK_LEVELS, visits, wishes, type RiskLevel } from './schema.ts';
import { checkAgainstChain, type ChainVerdict } from './chain-check.ts';
import { timedVisits, type TimedVisit } from './on-time.ts';
import { addDays, dueOn, type VisitRule } from './visits.ts';

/**
 * The timeliness dashboard: counts by township and risk level and a monthly
 * trend, never a child. A group of fewer than SMALL_COUNT children is shown as
 * suppressed: in a village-sized group a count of one or two points at a
 * child everyone knows. Five is the smallest cell size national statistics
 * offices commonly publish; when only one group is suppressed, the next
 * smallest goes too, so the total minus the shown groups cannot reveal it.
 */
export const SMALL_COUNT = 5;
/** Visits, escalations and wishes are counted over the last twelve months. */
const MONTHS = 12;
/** "Due" is the coming week's work: visits falling due from today on, within this many days. */
export const DUE_WITHIN_DAYS = 7;

export type GroupCounts = {
  /** Active children in the group. */
  covered: number;
  /** Active children whose next visit is past due today. */
  overdue: number;
  /** Active children whose next visit falls due within DUE_WITHIN_DAYS (today included), not yet overdue. */
  due: number;
  /** Visits in the period, and those made by their due date. */
  visits: number;
  onTime: number;
  escalations: number;
  /** Active children paired with a caring parent today. */
  pairings: number;
  wishesFulfilled: number;
};
export type Group = { district: string; risk: RiskLevel; counts: GroupCounts | null };
/** A month's visits and those on time; null when 1 to 4 visits (too few to show). */
export type Month = { month: string; visits: number | null; onTime: number | null };
/** `chain`: whether the visits and their timeliness agree with the access chain (null: no children to check). */
export type Dashboard = { groups: Group[]; total: GroupCounts | null; months: Month[]; since: string; chain: ChainVerdict | null };

const zero = (): GroupCounts => ({ covered: 0, overdue: 0, due: 0, visits: 0, onTime: 0, escalations: 0, pairings: 0, wishesFulfilled: 0 });

/** The dashboard over these townships (a supervisor's, or the whole city for its admin). */
export async function timeliness(w: CityWork, districts: readonly string[], rule: VisitRule, now = new Date()): Promise<Dashboard> {
  const { tx, tenantId } = w;
  const today = toLocalDateInput(now);
  const dueBefore = addDays(today, DUE_WITHIN_DAYS);
  const since = `${addMonths(today.slice(0, 7), -(MONTHS - 1))}-01`;
  const months = Array.from({ length: MONTHS }, (_, i) => addMonths(since.slice(0, 7), i));
  const empty: Dashboard = { groups: [], total: null, months: months.map((month) => ({ month, visits: 0, onTime: null })), since, chain: null };
  if (districts.length === 0) return empty;

  const kids = await tx.select({ id: children.id, district: children.district, risk: children.riskLevel, registeredOn: children.registeredOn, status: children.status }).from(children).where(and(eq(children.tenantId, tenantId), inArray(children.district, [...districts])));
  if (kids.length === 0) return empty;
  const ids = kids.map((k) => k.id);
  const visitRows = await tx.select({ childId: visits.childId, on: visits.visitedOn }).from(visits).where(and(eq(visits.tenantId, tenantId), inArray(visits.childId, ids)));
  const referralRows = await tx.select({ childId: referrals.childId, at: referrals.raisedAt }).from(referrals).where(and(eq(referrals.tenantId, tenantId), inArray(referrals.childId, ids)));
  const pairedRows = await tx.select({ childId: pairings.childId }).from(pairings).where(and(eq(pairings.tenantId, tenantId), isNull(pairings.endedOn), inArray(pairings.childId, ids)));
  const paired = new Set(pairedRows.map((r) => r.childId));
  const wishRows = await tx.select({ childId: wishes.childId, at: wishes.fulfilledAt }).from(wishes).where(and(eq(wishes.tenantId, tenantId), eq(wishes.status, 'fulfilled'), inArray(wishes.childId, ids)));

  const visitsOf = new Map<string, string[]>();
  for (const v of visitRows) visitsOf.set(v.childId, [...(visitsOf.get(v.childId) ?? []), v.on]);
  const byGroup = new Map<string, GroupCounts>();
  const groupOf = new Map<string, GroupCounts>();
  const byMonth = new Map(months.map((m) => [m, { visits: 0, onTime: 0 }]));
  const timed = new Map<string, TimedVisit[]>();
  for (const kid of kids) {
    const key = `${kid.district}\u0000${kid.risk}`;
    const counts = byGroup.get(key) ?? zero();
    byGroup.set(key, counts);
    groupOf.set(kid.id, counts);
    const { visits: made, last: previous } = timedVisits(rule, kid.risk, kid.registeredOn, visitsOf.get(kid.id) ?? []);
    timed.set(kid.id, made);
    for (const { on, onTime } of made) {
      if (on < since) continue;
      counts.visits += 1;
      if (onTime) counts.onTime += 1;
      const month = byMonth.get(on.slice(0, 7));
      if (month) { month.visits += 1; if (onTime) month.onTime += 1; }
    }
    if (kid.status !== 'active') continue;
    counts.covered += 1;
    const next = dueOn(rule, kid.risk, kid.registeredOn, previous);
    if (next < today) counts.overdue += 1;
    else if (next < dueBefore) counts.due += 1;
    if (paired.has(kid.id)) counts.pairings += 1;
  }
  const sinceDate = new Date(`${since}T00:00:00+08:00`);
  for (const r of referralRows) if (r.at >= sinceDate) groupOf.get(r.childId)!.escalations += 1;
  for (const r of wishRows) if (r.at && r.at >= sinceDate) groupOf.get(r.childId)!.wishesFulfilled += 1;

  const groups: Group[] = [];
  for (const district of districts) {
    for (const risk of RISK_LEVELS) {
      const counts = byGroup.get(`${district}\u0000${risk}`);
      if (counts) groups.push({ district, risk, counts });
    }
  }
  const total = zero();
  for (const g of groups) for (const k of Object.keys(total) as (keyof GroupCounts)[]) total[k] += g.counts![k];
  return {
    groups: suppressSmallGroups(groups),
    total: total.covered >= SMALL_COUNT ? total : null,
    months: months.map((month) => {
      const m = byMonth.get(month)!;
      const shown = m.visits === 0 || m.visits >= SMALL_COUNT;
      return { month, visits: shown ? m.visits : null, onTime: shown && m.visits > 0 ? m.onTime : null };
    }),
    since,
    chain: await checkAgainstChain(w, kids, rule, since, timed),
  };
}

/** Groups under the threshold lose their counts; a lone suppressed group takes the next smallest with it. */
export function suppressSmallGroups(groups: Group[]): Group[] {
  const small = (g: Group) => g.counts!.covered < SMALL_COUNT;
  const hidden = new Set(groups.filter(small));
  if (hidden.size === 1) {
    const next = groups.filter((g) => !hidden.has(g)).sort((a, b) => a.counts!.covered - b.counts!.covered)[0];
    if (next) hidden.add(next);
  }
  return groups.map((g) => (hidden.has(g) ? { ...g, counts: null } : g));
}

/** `YYYY-MM` plus whole months, by the calendar (Date.UTC carries the year). */
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}
