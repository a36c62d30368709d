import { asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Database, type Tx } from '../../core/db/database.ts';
import { createSession } from '../../core/identity/sessions.ts';
import { charityFunds } from '../../plugins/charity-fund/schema.ts';
import { inTenantTransaction } from '../lib/bulk.ts';

/**
 * What a page benchmark needs from the city's data: sessions of its benchmark volunteer and admin, a certificate code;
 * for the plugins' pages (when `bench/seed-plugins.ts` added what they need), sessions of its lawyer and child director
 * and its charity fund.
 */
export type PageFixtures = { volunteerSession: string; adminSession: string; code: string | undefined } & Partial<PluginFixtures>;

type PluginFixtures = { lawyerSession: string; directorSession: string; fundId: string };

export type BenchPage = {
  name: string;
  path: string;
  headers: Record<string, string>;
  /** Asked by a visitor who is not signed in: the page cache may answer it. */
  anonymous: boolean;
};

/** What the pages need: sessions for the city's benchmark volunteer and admin, a certificate code, and the plugins' people and fund. */
export async function pageFixtures(db: Database, slug: string): Promise<PageFixtures> {
  const [tenant] = await inTenantTransaction(db, null, (q) => q(`select id::text as id from tenants where slug = $1`, [slug]));
  const tenantId = String(tenant!.id);
  return db.tenant(tenantId, async (tx) => {
    const find = async (email: string) => rowsOf<{ id: string }>(await tx.execute(sql`select id::text as id from users where tenant_id = ${tenantId} and email = ${email}`))[0]!.id;
    const volunteer = await find(`volunteer@${slug}.bench`);
    const admin = await find(`admin@${slug}.bench`);
    const code = rowsOf<{ code: string }>(await tx.execute(sql`select code from service_certificates where tenant_id = ${tenantId} limit 1`))[0]?.code;
    const volunteerSession = (await createSession(tx, tenantId, volunteer, { userAgent: 'bench' })).token;
    const adminSession = (await createSession(tx, tenantId, admin, { userAgent: 'bench' })).token;
    return { volunteerSession, adminSession, code, ...(await pluginFixtures(tx, tenantId, slug)) };
  });
}

/** The plugins' benchmark people and fund in a city (see `bench/seed-plugins.ts`), or nothing when it has none. */
export async function pluginFixtures(tx: Tx, tenantId: string, slug: string): Promise<Partial<PluginFixtures>> {
  const user = async (who: string) => rowsOf<{ id: string }>(await tx.execute(sql`select id::text as id from users where tenant_id = ${tenantId} and email = ${`${who}@${slug}.bench`}`))[0]?.id;
  const [fund] = await tx.select({ id: charityFunds.id }).from(charityFunds).where(eq(charityFunds.tenantId, tenantId)).orderBy(asc(charityFunds.createdAt)).limit(1);
  const fundId = fund?.id;
  const lawyer = await user('lawyer');
  const director = await user('director');
  if (!fundId || !lawyer || !director) return {};
  const session = async (id: string) => (await createSession(tx, tenantId, id, { userAgent: 'bench' })).token;
  return { lawyerSession: await session(lawyer), directorSession: await session(director), fundId };
}

/** The pages the benchmark loads and counts round trips for, in the order of the table. */
export function benchPages(f: PageFixtures): BenchPage[] {
  const pages: BenchPage[] = [
    { name: 'home page', path: '/', headers: {}, anonymous: true },
    { name: 'project list', path: '/projects', headers: {}, anonymous: true },
    { name: "volunteer's hours", path: '/volunteer/hours', headers: { cookie: `session=${f.volunteerSession}` }, anonymous: false },
  ];
  if (f.code) pages.push({ name: 'certificate verify', path: `/verify/${f.code}`, headers: {}, anonymous: true });
  pages.push(
    { name: 'project filter (htmx partial)', path: '/projects?category=elder_care', headers: { 'hx-request': 'true' }, anonymous: true },
    { name: 'members search (htmx partial)', path: `/admin/members?q=${encodeURIComponent('王')}`, headers: { cookie: `session=${f.adminSession}`, 'hx-request': 'true' }, anonymous: false },
  );
  // The plugins' busiest pages, when the city runs them (bench/README.md, "Pages", says why these).
  if (f.fundId && f.lawyerSession && f.directorSession) {
    pages.push(
      { name: "time bank: member's balance", path: '/p/time-bank/', headers: { cookie: `session=${f.volunteerSession}` }, anonymous: false },
      { name: 'charity fund: fund page', path: `/p/charity-fund/funds/${f.fundId}`, headers: {}, anonymous: true },
      { name: "legal-aid card: lawyer's queue", path: '/p/legal-aid-card/queue', headers: { cookie: `session=${f.lawyerSession}` }, anonymous: false },
      { name: "child care: director's visit list", path: '/p/child-care-visits/', headers: { cookie: `session=${f.directorSession}` }, anonymous: false },
    );
  }
  return pages;
}
