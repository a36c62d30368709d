import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { type StatementLine, type CityWork } from '../../core/plugin-api.ts';
import { ACCOUNTS, TIME_CREDIT } from './credits.ts';
import { timeBankEarnings, timeBankExchanges, timeBankRedemptions } from './schema.ts';

/** Statements for members and the city's dashboard, read from the ledger and the time bank's records. */

/**
 * A member's movements (their account and any shortfall together), newest first, with
 * the running balance; and those accounts' references on the city's public ledger.
 */
export async function memberStatement(
  w: CityWork,
  userId: string,
  page: { limit: number; offset: number },
): Promise<{ lines: StatementLine[]; total: number; accountRefs: string[] }> {
  const accounts = [];
  for (const code of [ACCOUNTS.member(userId), ACCOUNTS.shortfall(userId)]) {
    const account = await w.ledger.findAccount(TIME_CREDIT, code);
    if (account) accounts.push(account);
  }
  return { ...(await w.ledger.statement(accounts.map((a) => a.id), page)), accountRefs: accounts.map((a) => a.publicRef) };
}

export type Dashboard = {
  /** Credits issued for verified service, net of revocations. */
  issued: number;
  /** What members hold (net of what they owe): the city's liability. */
  outstanding: number;
  redeemed: number;
  expired: number;
  exchangesByMonth: { month: string; count: number }[];
  topServices: { category: string; amount: number; records: number }[];
  openRedemptions: number;
};

const balanceOf = async (w: CityWork, code: string) => (await w.ledger.findAccount(TIME_CREDIT, code))?.balance ?? 0;

export async function cityDashboard(w: CityWork): Promise<Dashboard> {
  const { tx, tenantId } = w;
  const issued = 0 - (await balanceOf(w, ACCOUNTS.issuance));
  const redeemed = await balanceOf(w, ACCOUNTS.redemptions);
  const expired = await balanceOf(w, ACCOUNTS.expired);
  const month = sql<string>`to_char(${timeBankExchanges.closedAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const exchangesByMonth = await tx
    .select({ month, count: sql<number>`count(*)`.mapWith(Number) })
    .from(timeBankExchanges)
    .where(and(eq(timeBankExchanges.tenantId, tenantId), eq(timeBankExchanges.status, 'completed')))
    .groupBy(month)
    .orderBy(desc(month))
    .limit(12);
  const topServices = await tx
    .select({ category: timeBankEarnings.category, amount: sql<number>`sum(${timeBankEarnings.amount})`.mapWith(Number), records: sql<number>`count(*)`.mapWith(Number) })
    .from(timeBankEarnings)
    .where(and(eq(timeBankEarnings.tenantId, tenantId), isNull(timeBankEarnings.clawedBackAt)))
    .groupBy(timeBankEarnings.category)
    .orderBy(desc(sql`sum(${timeBankEarnings.amount})`))
    .limit(6);
  const [open] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(timeBankRedemptions)
    .where(and(eq(timeBankRedemptions.tenantId, tenantId), eq(timeBankRedemptions.status, 'issued')));
  return { issued, outstanding: issued - redeemed - expired, redeemed, expired, exchangesByMonth: exchangesByMonth.reverse(), topServices, openRedemptions: open?.n ?? 0 };
}
