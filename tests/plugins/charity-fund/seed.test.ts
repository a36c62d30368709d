import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByLogin, grantRole } from '../../../core/identity/users.ts';
import { verifyLedger } from '../../../core/ledger/verify.ts';
import { defineTenant } from '../../../core/tenancy/manifest.ts';
import { syncTenants } from '../../../core/tenancy/sync.ts';
import { charityFundPlugin } from '../../../plugins/charity-fund/index.ts';
import { charityDonations, charityExpenses, charityFunds, charityGifts, charityGrants } from '../../../plugins/charity-fund/schema.ts';
import { seedCharityFund } from '../../../plugins/charity-fund/seed.ts';
import { testCities } from '../../support/cities.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { mainOf, P } from './fixtures.ts';
import { TestClient } from '../../support/client.ts';
import { pluginContextIn } from '../../support/plugin-work.ts';

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

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ plugins: [charityFundPlugin], cities: [...testCities, gamma] });
});
afterAll(() => p.close());

const countOf = (tenantId: string, table: typeof charityFunds | typeof charityDonations | typeof charityGrants | typeof charityExpenses | typeof charityGifts) =>
  p.db.tenant(tenantId, async (tx) => (await tx.select({ n: count() }).from(table).where(eq(table.tenantId, tenantId)))[0]!.n);

describe('demo data of the charity fund', () => {
  it('gives a city that enabled it a fund with donations, an approved grant, an expense and goods, once', async () => {
    const id = p.cities.gamma!.id;
    expect(await countOf(id, charityFunds)).toBe(1);
    expect(await countOf(id, charityDonations)).toBe(5);
    expect(await countOf(id, charityGrants)).toBe(1);
    expect(await countOf(id, charityExpenses)).toBe(1);
    expect(await countOf(id, charityGifts)).toBe(1);
    expect((await p.db.tenant(id, (tx) => verifyLedger(tx, id))).ok).toBe(true);
    // Cities without the plugin get nothing.
    expect(await countOf(p.cities.alpha!.id, charityFunds)).toBe(0);

    await syncTenants(p.db, [gamma], { registry: p.registry, seedDemo: true });
    expect(await countOf(id, charityDonations)).toBe(5);

    // On a city with no demo data yet (alpha, once it has a second manager).
    const alpha = p.cities.alpha!;
    await p.db.tenant(alpha.id, async (tx) => grantRole(tx, alpha.id, (await findUserByLogin(tx, alpha.id, 'vol@alpha.test'))!.id, 'charity-fund.manager'));
    await p.db.tenant(alpha.id, (tx) => seedCharityFund(pluginContextIn(charityFundPlugin, tx, alpha)));
    expect(await countOf(alpha.id, charityDonations)).toBe(5);

    const page = await mainOf(await new TestClient(p.app, 'http://gamma.localhost').get(`${P}/`));
    expect(page).toContain('丙市社区慈善基金');
  });
});
