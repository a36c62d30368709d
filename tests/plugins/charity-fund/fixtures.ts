import { and, eq } from 'drizzle-orm';
import { newId, toLocalDateInput } from '../../../core/plugin-api.ts';
import { accountCodes, UNIT } from '../../../plugins/charity-fund/accounts.ts';
import { createFund } from '../../../plugins/charity-fund/funds.ts';
import { charityFundPlugin } from '../../../plugins/charity-fund/index.ts';
import { reviewProposal, submitProposal } from '../../../plugins/charity-fund/proposals.ts';
import { charityDonations } from '../../../plugins/charity-fund/schema.ts';
import { startPluginKit, type KitOptions, type PluginKit } from '../../support/plugin-kit/index.ts';

/** Set-up through the plugin's services; the tests then act through the pages. */
export const P = '/p/charity-fund';

/** The kit with the charity fund enabled for alpha (not beta), with the given payment provider. */
export function startCharityKit(provider: 'offline' | 'sandbox' = 'offline', options: Omit<KitOptions, 'enabledIn' | 'settings'> = {}) {
  return startPluginKit(charityFundPlugin, { ...options, enabledIn: ['alpha'], settings: { paymentProvider: provider } });
}

export const today = () => toLocalDateInput(new Date());

/** A fund open today, created by a new city admin. */
export async function fund(kit: PluginKit, slug = 'alpha', name = `基金${newId().slice(-8)}`) {
  const admin = await kit.person(slug, '基金创建人', { roles: ['city_admin'] });
  const year = Number(today().slice(0, 4));
  const result = await kit.work(slug, (w) =>
    createFund(w, admin.id, { name, community: '幸福社区', hostCharity: '市慈善会', purpose: '帮助社区', targetFen: 10_000_000, startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` }),
  );
  if (!result.ok) throw new Error('fund not created');
  return result.id;
}

/** An approved project of a fund (submitted by one person, approved by another). */
export async function approvedProject(kit: PluginKit, slug: string, fundId: string, approveFen: number) {
  const a = await kit.person(slug, '申请人');
  const b = await kit.person(slug, '审核人');
  return kit.work(slug, async (w) => {
    const id = await submitProposal(w, fundId, a.id, { kind: 'micro_venture', title: `项目${newId().slice(-6)}`, applicant: '社区', need: '需要', beneficiaries: '老人', budgetFen: approveFen });
    await reviewProposal(w, id, b.id, { approveFen });
    return id;
  });
}

/** Balance of one of the plugin's ledger accounts. */
export const accountBalance = (kit: PluginKit, slug: string, code: string) => kit.ledger.balance(slug, code, UNIT);
export const fundBalance = (kit: PluginKit, slug: string, fundId: string) => accountBalance(kit, slug, accountCodes.fund(fundId));

export const transfersLike = (kit: PluginKit, slug: string, keyPrefix: string) => kit.ledger.transfers(slug, { keyPrefix });

export const donationRow = async (kit: PluginKit, slug: string, id: string) =>
  (await kit.inCity(slug, (tx, t) => tx.select().from(charityDonations).where(and(eq(charityDonations.tenantId, t), eq(charityDonations.id, id)))))[0];

export const donationCount = async (kit: PluginKit, slug: string) => (await kit.inCity(slug, (tx, t) => tx.select().from(charityDonations).where(eq(charityDonations.tenantId, t)))).length;

/** The donation id a donate post redirected to (`/donations/<id>` or `/sandbox/pay/<id>`). */
export const donationIdOf = (res: Response) => /\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')?.[1] ?? '';
