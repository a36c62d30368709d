import { and, eq } from 'drizzle-orm';
import { findAccount } from '../../../core/ledger/accounts.ts';
import { setPluginEnablement } from '../../../core/plugins/enablement.ts';
import { ACCOUNTS, TIME_CREDIT } from '../../../plugins/time-bank/credits.ts';
import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';
import { timeBankLots } from '../../../plugins/time-bank/schema.ts';
import type { TestPlatform } from '../../support/platform.ts';
import { startTestPlatform } from '../../support/platform.ts';
import { citizen, inCity, organisation, project, serviceRecord, tenantOf, verify } from '../../volunteering/fixtures.ts';
import type { ProjectCategory } from '../../../core/volunteering/shared/catalogue.ts';

/** The test platform with the time bank, enabled for alpha (beta keeps it off) with `settings`. */
export async function timeBankPlatform(settings: Record<string, unknown> = {}) {
  const p = await startTestPlatform({ plugins: [timeBankPlugin] });
  await enable(p, 'alpha', settings);
  return p;
}

export async function enable(p: TestPlatform, slug: string, settings: Record<string, unknown> = {}) {
  const id = tenantOf(p, slug).id;
  await p.db.tenant(id, (tx) => setPluginEnablement(tx, id, timeBankPlugin, { enabled: true, settings, changedBy: 'test' }));
}

/** A member's spendable balance and what they owe, straight from the ledger (hundredths). */
export async function position(p: TestPlatform, userId: string, slug = 'alpha') {
  return inCity(p, slug, async (tx, t) => ({
    balance: (await findAccount(tx, t, TIME_CREDIT, ACCOUNTS.member(userId)))?.balance ?? 0,
    owed: 0 - ((await findAccount(tx, t, TIME_CREDIT, ACCOUNTS.shortfall(userId)))?.balance ?? 0),
  }));
}

/** The sum of a member's open lots: must always equal their ledger balance. */
export async function lotsTotal(p: TestPlatform, userId: string, slug = 'alpha') {
  const rows = await inCity(p, slug, (tx, t) => tx.select().from(timeBankLots).where(and(eq(timeBankLots.tenantId, t), eq(timeBankLots.memberId, userId))));
  return rows.reduce((s, r) => s + r.remaining, 0);
}

export type Organiser = Awaited<ReturnType<typeof organiserOf>>;

/** An organiser with an approved organisation and a project of `category`. */
export async function organiserOf(p: TestPlatform, category: ProjectCategory = 'community_service', slug = 'alpha') {
  const organiser = await citizen(p, slug, '组织者');
  const orgId = await organisation(p, slug, organiser.id);
  const projectId = await project(p, slug, orgId, organiser.id, { category });
  return { ...organiser, orgId, projectId };
}

/** Verified service for a volunteer, as the organiser's verification posts it (events included). */
export async function served(p: TestPlatform, o: Organiser, volunteerId: string, minutes: number, slug = 'alpha'): Promise<string> {
  const recordId = await serviceRecord(p, slug, volunteerId, o.projectId, { minutes });
  const result = await verify(p, slug, o.orgId, o.id, [recordId]);
  if (result.verified.length !== 1) throw new Error('record not verified');
  return recordId;
}

/** Text of the flash message a page shows after a redirect. */
export const flashOf = (html: string) => /class="flash flash-(?:success|error|info)"[^>]*>([^<]*)</.exec(html)?.[1] ?? null;
