import { and, count, countDistinct, desc, eq, gte, lt, sql, sum } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import type { ProjectCategory } from '../shared/catalogue.ts';
import { organisations } from '../organisations/schema.ts';
import { projects } from '../projects/schema.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { serviceRecords } from '../records/schema.ts';
import { DAY_MS } from '../shared/time.ts';

/**
 * The city's figures for its dashboard. Only verified records count; each figure
 * is one grouped query, so the cost follows the number of groups, not of records.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
export const ACTIVE_DAYS = 90;
export const MONTHS_SHOWN = 12;
export const TOP_ORGANISATIONS = 10;

export type Month = { year: number; month: number };
export type MonthMinutes = Month & { minutes: number };
export type CityDashboard = {
  volunteers: number;
  activeVolunteers: number;
  thisMonthMinutes: number;
  lastMonthMinutes: number;
  /** Oldest first, every month present (zero when nothing was verified). */
  byMonth: MonthMinutes[];
  /** Over the months shown, most hours first. */
  byCategory: { category: ProjectCategory; minutes: number }[];
  byDistrict: { district: string; minutes: number }[];
  topOrganisations: { id: string; name: string; minutes: number; volunteers: number }[];
};

/** The month `offset` months from the one `now` falls in, China time. */
export function monthOf(now: Date, offset = 0): Month {
  const local = new Date(now.getTime() + OFFSET_MS);
  const index = local.getUTCFullYear() * 12 + local.getUTCMonth() + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Midnight China time on the first day of the month. */
export function monthStart({ year, month }: Month): Date {
  return new Date(Date.UTC(year, month - 1, 1) - OFFSET_MS);
}

const monthKey = ({ year, month }: Month) => `${year}-${String(month).padStart(2, '0')}`;
const minutes = (value: string | number | null | undefined) => Number(value ?? 0);

export async function cityDashboard(tx: Tx, tenantId: string, now = new Date()): Promise<CityDashboard> {
  const r = serviceRecords;
  const thisMonth = monthStart(monthOf(now));
  const lastMonth = monthStart(monthOf(now, -1));
  const nextMonth = monthStart(monthOf(now, 1));
  const firstShown = monthStart(monthOf(now, 1 - MONTHS_SHOWN));
  const verified = and(eq(r.tenantId, tenantId), eq(r.status, 'verified'));
  const shown = and(verified, gte(r.startedAt, firstShown), lt(r.startedAt, nextMonth));
  const total = sum(r.minutes);
  const withProject = and(eq(projects.tenantId, r.tenantId), eq(projects.id, r.projectId));

  const [profiles] = await tx.select({ n: count() }).from(volunteerProfiles).where(eq(volunteerProfiles.tenantId, tenantId));
  const [active] = await tx
    .select({ n: countDistinct(r.volunteerUserId) })
    .from(r)
    .where(and(verified, gte(r.startedAt, new Date(now.getTime() - ACTIVE_DAYS * DAY_MS))));
  const [recent] = await tx
    .select({
      thisMonth: sql<string>`coalesce(sum(${r.minutes}) filter (where ${r.startedAt} >= ${thisMonth.toISOString()}::timestamptz), 0)`,
      lastMonth: sql<string>`coalesce(sum(${r.minutes}) filter (where ${r.startedAt} < ${thisMonth.toISOString()}::timestamptz), 0)`,
    })
    .from(r)
    .where(and(verified, gte(r.startedAt, lastMonth), lt(r.startedAt, nextMonth)));

  // The month in China time: the instant shifted by eight hours, read as UTC.
  const month = sql<string>`to_char((${r.startedAt} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;
  const months = await tx.select({ month, minutes: total }).from(r).where(shown).groupBy(month);
  const byCategory = await tx
    .select({ category: projects.category, minutes: total })
    .from(r)
    .innerJoin(projects, withProject)
    .where(shown)
    .groupBy(projects.category)
    .orderBy(desc(total), projects.category);
  const byDistrict = await tx
    .select({ district: projects.district, minutes: total })
    .from(r)
    .innerJoin(projects, withProject)
    .where(shown)
    .groupBy(projects.district)
    .orderBy(desc(total), projects.district);
  const top = await tx
    .select({ id: organisations.id, name: organisations.name, minutes: total, volunteers: countDistinct(r.volunteerUserId) })
    .from(r)
    .innerJoin(organisations, and(eq(organisations.tenantId, r.tenantId), eq(organisations.id, r.organisationId)))
    .where(shown)
    .groupBy(organisations.id, organisations.name)
    .orderBy(desc(total), organisations.name)
    .limit(TOP_ORGANISATIONS);

  const perMonth = new Map(months.map((m) => [m.month, minutes(m.minutes)]));
  return {
    volunteers: profiles?.n ?? 0,
    activeVolunteers: active?.n ?? 0,
    thisMonthMinutes: minutes(recent?.thisMonth),
    lastMonthMinutes: minutes(recent?.lastMonth),
    byMonth: Array.from({ length: MONTHS_SHOWN }, (_, i) => {
      const m = monthOf(now, i + 1 - MONTHS_SHOWN);
      return { ...m, minutes: perMonth.get(monthKey(m)) ?? 0 };
    }),
    byCategory: byCategory.map((row) => ({ category: row.category, minutes: minutes(row.minutes) })),
    byDistrict: byDistrict.map((row) => ({ district: row.district, minutes: minutes(row.minutes) })),
    topOrganisations: top.map((row) => ({ ...row, minutes: minutes(row.minutes), volunteers: Number(row.volunteers) })),
  };
}
