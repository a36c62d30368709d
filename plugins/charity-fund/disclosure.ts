import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { type CityWork, selectBuiltOnce } from '../../core/plugin-api.ts';
import { fundTotals, type Fund } from './funds.ts';
import type { Project } from './proposals.ts';
import { charityDonations, charityExpenses, charityGifts, charityGrants, charityProjects, charityStations } from './schema.ts';

/**
 * A fund's public disclosure for one month (China time): every confirmed
 * donation, grant and expense of the month, in-kind gifts at their estimated
 * value, the month's and all-time totals summed from the ledger, and the city's
 * ledger hash at the end of the month.
 */

const OFFSET_MS = 8 * 60 * 60 * 1000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type Period = { month: string; from: Date; until: Date };

/** `2026-05` → that month in China time, [from, until); null when not a month. */
export function monthPeriod(month: string): Period | null {
  const m = MONTH.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  if (year < 2000 || year > 2999) return null;
  return { month, from: new Date(Date.UTC(year, index, 1) - OFFSET_MS), until: new Date(Date.UTC(year, index + 1, 1) - OFFSET_MS) };
}

/** The month (`YYYY-MM`) an instant falls in, China time. */
export function monthOf(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 7);
}

export async function fundDisclosure(w: CityWork, fund: Fund, period: Period, now = new Date()) {
  const { tx, tenantId } = w;
  const inPeriod = { from: period.from, until: period.until };
  const projects = await tx
    .select({ id: charityProjects.id, title: charityProjects.title, accountId: charityProjects.accountId })
    .from(charityProjects)
    .where(and(eq(charityProjects.tenantId, tenantId), eq(charityProjects.fundId, fund.id), eq(charityProjects.status, 'approved')));
  const projectAccounts = projects.flatMap((p) => (p.accountId ? [p.accountId] : []));
  const titles = new Map(projects.map((p) => [p.id, p.title]));

  const donations = await tx
    .select({ donation: charityDonations, stationName: charityStations.name })
    .from(charityDonations)
    .leftJoin(charityStations, and(eq(charityStations.tenantId, charityDonations.tenantId), eq(charityStations.id, charityDonations.stationId)))
    .where(and(eq(charityDonations.tenantId, tenantId), eq(charityDonations.fundId, fund.id), eq(charityDonations.status, 'confirmed'), gte(charityDonations.confirmedAt, period.from), lt(charityDonations.confirmedAt, period.until)))
    .orderBy(asc(charityDonations.confirmedAt), asc(charityDonations.receiptNumber));
  const grants = await tx
    .select()
    .from(charityGrants)
    .where(and(eq(charityGrants.tenantId, tenantId), eq(charityGrants.fundId, fund.id), eq(charityGrants.status, 'approved'), gte(charityGrants.decidedAt, period.from), lt(charityGrants.decidedAt, period.until)))
    .orderBy(asc(charityGrants.decidedAt));
  const expenses = await tx
    .select()
    .from(charityExpenses)
    .where(and(eq(charityExpenses.tenantId, tenantId), eq(charityExpenses.fundId, fund.id), eq(charityExpenses.status, 'approved'), gte(charityExpenses.decidedAt, period.from), lt(charityExpenses.decidedAt, period.until)))
    .orderBy(asc(charityExpenses.decidedAt));
  const gifts = await tx
    .select({ gift: charityGifts, stationName: charityStations.name })
    .from(charityGifts)
    .innerJoin(charityStations, and(eq(charityStations.tenantId, charityGifts.tenantId), eq(charityStations.id, charityGifts.stationId)))
    .where(and(eq(charityGifts.tenantId, tenantId), eq(charityGifts.fundId, fund.id), gte(charityGifts.createdAt, period.from), lt(charityGifts.createdAt, period.until)))
    .orderBy(asc(charityGifts.createdAt));

  // The month's hash is final once the month is over; until then it is the head as of now.
  const hashAt = period.until < now ? period.until : now;
  const posted = [...donations.map((d) => d.donation.transferId), ...grants.map((g) => g.transferId), ...expenses.map((x) => x.transferId)];
  return {
    period,
    totals: await fundTotals(w, fund),
    month: await fundTotals(w, fund, inPeriod),
    /** What approved projects of the fund paid out of their grants: all time and this month. */
    projectsSpent: {
      total: (await w.ledger.movements(projectAccounts)).debits,
      month: (await w.ledger.movements(projectAccounts, inPeriod)).debits,
    },
    donations: donations.map((row) => ({ ...row, projectTitle: row.donation.projectId ? (titles.get(row.donation.projectId) ?? '') : null })),
    grants: grants.map((grant) => ({ grant, projectTitle: titles.get(grant.projectId) ?? '' })),
    expenses: expenses.map((expense) => ({ expense, projectTitle: expense.projectId ? (titles.get(expense.projectId) ?? '') : null })),
    gifts,
    giftsEstimatedFen: gifts.reduce((sum, g) => sum + g.gift.estimatedFen, 0),
    chain: { ...(await w.ledger.hashAt(hashAt)), asOf: hashAt, final: period.until < now },
    /** Each posted amount's place on the public ledger, by transfer id. */
    ledgerNumbers: await w.ledger.transferNumbers(posted.filter((id): id is string => id !== null)),
  };
}
export type Disclosure = Awaited<ReturnType<typeof fundDisclosure>>;

/** Confirmed donations designated for each of these projects. */
export async function projectDonationsTotal(w: CityWork, projectIds: string[]): Promise<Map<string, number>> {
  const { tx, tenantId } = w;
  if (projectIds.length === 0) return new Map();
  const rows = await tx
    .select({ projectId: charityDonations.projectId, total: sql<string>`sum(${charityDonations.amountFen})::text` })
    .from(charityDonations)
    .where(and(eq(charityDonations.tenantId, tenantId), inArray(charityDonations.projectId, projectIds), eq(charityDonations.status, 'confirmed')))
    .groupBy(charityDonations.projectId);
  return new Map(rows.map((r) => [r.projectId!, Number(r.total)]));
}

/**
 * A fund's approved projects, oldest first, each with the confirmed donations designated for it: the fund's
 * page in one statement (the sums read through `charity_fund_donations_project`).
 */
export async function approvedProjectsOf(w: CityWork, fundId: string): Promise<{ project: Project; designated: number }[]> {
  const rows = await approvedWithDesignated(w.tx, { tenantId: w.tenantId, fundId });
  return rows.map((r) => ({ project: r.project, designated: Number(r.designated) }));
}

// Built once, as the fund page's other reads.
const approvedWithDesignated = selectBuiltOnce((tx) =>
  tx
    .select({ project: charityProjects, designated: sql<string>`coalesce(sum(${charityDonations.amountFen}), 0)::text` })
    .from(charityProjects)
    .leftJoin(
      charityDonations,
      and(eq(charityDonations.tenantId, charityProjects.tenantId), eq(charityDonations.projectId, charityProjects.id), eq(charityDonations.status, 'confirmed')),
    )
    .where(and(eq(charityProjects.tenantId, sql.placeholder('tenantId')), eq(charityProjects.fundId, sql.placeholder('fundId')), eq(charityProjects.status, 'approved')))
    .groupBy(charityProjects.tenantId, charityProjects.id)
    .orderBy(asc(charityProjects.createdAt)),
);
