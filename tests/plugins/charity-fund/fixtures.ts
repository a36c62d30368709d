import { and, eq, like } from 'drizzle-orm';
import type { Tx } from '../../../core/db/database.ts';
import { newId } from '../../../core/db/ids.ts';
import { createUser, grantRole } from '../../../core/identity/users.ts';
import { ledgerAccounts, ledgerTransfers } from '../../../core/ledger/schema.ts';
import { setPluginEnablement } from '../../../core/plugins/enablement.ts';
import { toLocalDateInput } from '../../../core/volunteering/shared/time.ts';
import { accountCodes, UNIT } from '../../../plugins/charity-fund/accounts.ts';
import { createFund } from '../../../plugins/charity-fund/funds.ts';
import { charityFundPlugin } from '../../../plugins/charity-fund/index.ts';
import { reviewProposal, submitProposal } from '../../../plugins/charity-fund/proposals.ts';
import { charityDonations } from '../../../plugins/charity-fund/schema.ts';
import { TestClient } from '../../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { signInAs } from '../../support/sign-in.ts';
import { pluginWork } from '../../support/plugin-work.ts';

/** Set-up through the services; the tests then act through the pages. */
export const P = '/p/charity-fund';
export const origin = (slug: string) => `http://${slug}.localhost`;
export const mainOf = async (res: Response) => /<main[^>]*>([\s\S]*)<\/main>/.exec(await res.text())?.[1] ?? '';
export const fieldError = (html: string, name: string) => new RegExp(`id="f-${name}-error"[^>]*>([^<]*)<`).exec(html)?.[1] ?? null;
export const fieldValue = (html: string, name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? null;

/** The test platform with the plugin enabled for alpha (not beta), with the given provider. */
export async function startCharityPlatform(provider: 'offline' | 'sandbox' = 'offline', options: Omit<NonNullable<Parameters<typeof startTestPlatform>[0]>, 'plugins'> = {}) {
  const p = await startTestPlatform({ ...options, plugins: [charityFundPlugin] });
  await p.db.tenant(p.cities.alpha!.id, (tx) => setPluginEnablement(tx, p.cities.alpha!.id, charityFundPlugin, { enabled: true, settings: { paymentProvider: provider }, changedBy: 'test' }));
  return p;
}

export const inCity = <T>(p: TestPlatform, slug: string, work: (tx: Tx, tenantId: string) => Promise<T>) =>
  p.db.tenant(p.cities[slug]!.id, (tx) => work(tx, p.cities[slug]!.id));

/** A new member of the city with these roles, signed in on its site. */
export async function member(p: TestPlatform, slug: string, name: string, roles: string[] = []) {
  const email = `${newId()}@people.test`;
  const id = await inCity(p, slug, async (tx, t) => {
    const userId = await createUser(tx, t, { name, email, passwordHash: null });
    for (const role of roles) await grantRole(tx, t, userId, role);
    return userId;
  });
  const client = new TestClient(p.app, origin(slug));
  await signInAs(p, client, slug, email);
  return { client, id, email, name };
}

export const today = () => toLocalDateInput(new Date());

/** A fund open today, created by a new city admin. */
export async function fund(p: TestPlatform, slug = 'alpha', name = `基金${newId().slice(-8)}`) {
  const admin = await member(p, slug, '基金创建人', ['city_admin']);
  const year = Number(today().slice(0, 4));
  const result = await inCity(p, slug, (tx, t) =>
    createFund(pluginWork(charityFundPlugin, tx, t), admin.id, { name, community: '幸福社区', hostCharity: '市慈善会', purpose: '帮助社区', targetFen: 10_000_000, startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` }),
  );
  if (!result.ok) throw new Error('fund not created');
  return result.id;
}

/** An approved project of a fund (submitted by one person, approved by another). */
export async function approvedProject(p: TestPlatform, slug: string, fundId: string, approveFen: number) {
  const a = await member(p, slug, '申请人');
  const b = await member(p, slug, '审核人');
  return inCity(p, slug, async (tx, t) => {
    const id = await submitProposal(pluginWork(charityFundPlugin, tx, t), fundId, a.id, { kind: 'micro_venture', title: `项目${newId().slice(-6)}`, applicant: '社区', need: '需要', beneficiaries: '老人', budgetFen: approveFen });
    await reviewProposal(pluginWork(charityFundPlugin, tx, t), id, b.id, { approveFen });
    return id;
  });
}

/** Balance and entries-sum of one of the plugin's ledger accounts. */
export async function accountBalance(p: TestPlatform, slug: string, code: string): Promise<number> {
  const [row] = await inCity(p, slug, (tx, t) => tx.select().from(ledgerAccounts).where(and(eq(ledgerAccounts.tenantId, t), eq(ledgerAccounts.unit, UNIT), eq(ledgerAccounts.code, code))));
  return row?.balance ?? 0;
}
export const fundBalance = (p: TestPlatform, slug: string, fundId: string) => accountBalance(p, slug, accountCodes.fund(fundId));

export const transfersLike = (p: TestPlatform, slug: string, keyPrefix: string) =>
  inCity(p, slug, (tx, t) => tx.select().from(ledgerTransfers).where(and(eq(ledgerTransfers.tenantId, t), like(ledgerTransfers.idempotencyKey, `${keyPrefix}%`))));

export const donationRow = async (p: TestPlatform, slug: string, id: string) =>
  (await inCity(p, slug, (tx, t) => tx.select().from(charityDonations).where(and(eq(charityDonations.tenantId, t), eq(charityDonations.id, id)))))[0];

export const donationCount = async (p: TestPlatform, slug: string) => (await inCity(p, slug, (tx, t) => tx.select().from(charityDonations).where(eq(charityDonations.tenantId, t)))).length;

/** The donation id a donate post redirected to (`/donations/<id>` or `/sandbox/pay/<id>`). */
export const donationIdOf = (res: Response) => /\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')?.[1] ?? '';
