import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charityFundPlugin } from '../../../plugins/charity-fund/index.ts';
import { charityDonations, charityExpenses, charityFunds, charityGifts, charityGrants } from '../../../plugins/charity-fund/schema.ts';
import { seedCharityFund } from '../../../plugins/charity-fund/seed.ts';
import { defineTenant, mainOf, startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';
import { P } from './fixtures.ts';

const gamma = defineTenant({
  slug: 'gamma',
  names: { 'zh-CN': '丙市', en: 'Gamma City' },
  branding: { primaryColor: '#224466', accentColor: '#f2a900', logoText: '丙市', footer: { 'zh-CN': '丙市', en: 'Gamma' }, contact: {} },
  plugins: { 'charity-fund': { settings: { paymentProvider: 'sandbox' } } },
  demoAccounts: [
    { email: 'admin@gamma.test', name: '丙管理', password: 'password-123', roles: ['city_admin'] },
    { email: 'social@gamma.test', name: '丙社工', password: 'password-123', roles: ['social_worker', 'charity-fund.manager'] },
    { email: 'vol@gamma.test', name: '丙志愿', password: 'password-123', roles: ['volunteer'] },
  ],
});

let kit: PluginKit;
beforeAll(async () => {
  kit = await startPluginKit(charityFundPlugin, { enabledIn: [], moreCities: [gamma] });
});
afterAll(() => kit.close());

const countOf = (slug: string, table: typeof charityFunds | typeof charityDonations | typeof charityGrants | typeof charityExpenses | typeof charityGifts) =>
  kit.inCity(slug, async (tx, tenantId) => (await tx.select({ n: count() }).from(table).where(eq(table.tenantId, tenantId)))[0]!.n);

describe('demo data of the charity fund', () => {
  it('gives a city that enabled it a fund with donations, an approved grant, an expense and goods, once', async () => {
    expect(await countOf('gamma', charityFunds)).toBe(1);
    expect(await countOf('gamma', charityDonations)).toBe(5);
    expect(await countOf('gamma', charityGrants)).toBe(1);
    expect(await countOf('gamma', charityExpenses)).toBe(1);
    expect(await countOf('gamma', charityGifts)).toBe(1);
    expect((await kit.ledger.verify('gamma')).ok).toBe(true);
    // Cities without the plugin get nothing.
    expect(await countOf('alpha', charityFunds)).toBe(0);

    await kit.addCities([gamma]);
    expect(await countOf('gamma', charityDonations)).toBe(5);

    // On a city with no demo data yet (alpha, once it has a second manager).
    await kit.grantRole('alpha', await kit.userIdOf('alpha', 'vol@alpha.test'), 'charity-fund.manager');
    await kit.asJob('alpha', seedCharityFund);
    expect(await countOf('alpha', charityDonations)).toBe(5);

    const page = await mainOf(await kit.visitor('gamma').get(`${P}/`));
    expect(page).toContain('丙市社区慈善基金');
  });
});
