import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmDonation, startDonation } from '../../../plugins/charity-fund/donations.ts';
import { providerSecret } from '../../../plugins/charity-fund/payments/keys.ts';
import { sandboxCallback } from '../../../plugins/charity-fund/payments/sandbox.ts';
import { type PluginKit } from '../../support/plugin-kit/index.ts';
import { donationIdOf, fund, P, startCharityKit, today } from './fixtures.ts';

/**
 * The fund page is offered to the page cache (`offerToPageCache` of the plugin API): visitors who are not
 * signed in share one kept page, and every donation, however it is confirmed, shows on it at once.
 * A change made through the plugin's services (not a request) is what a kept page hides, which is how
 * these tests tell a kept page from a fresh one.
 */
let kit: PluginKit;
beforeAll(async () => {
  kit = await startCharityKit('sandbox', { env: { PAGE_CACHE_SECONDS: 300 } });
});
afterAll(() => kit.close());

/** What the fund page says was raised, as a visitor who is not signed in sees it. */
const raised = async (fundId: string) => {
  const html = await (await kit.visitor('alpha').get(`${P}/funds/${fundId}`)).text();
  return /已筹 <strong><span class="money">([^<]+)<\/span>/.exec(html)?.[1];
};

describe(`the fund page in the page cache (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('keeps the page for visitors: a donation confirmed outside a request does not show yet', async () => {
    const fundId = await fund(kit);
    expect(await raised(fundId)).toBe('¥0.00');
    await kit.work('alpha', async (w) => {
      const started = await startDonation(w, { fundId, projectId: null, donorUserId: null, donorName: '缓存捐赠人', visibility: 'named', message: '', amountFen: 1000, channel: 'station', provider: 'cash' }, today());
      if (!started.ok) throw new Error(started.reason);
      await confirmDonation(w, started.donation.id, { confirmedBy: null });
    });
    expect(await raised(fundId)).toBe('¥0.00');
  });

  it('shows a donation at once when the gateway’s callback confirms it', async () => {
    const fundId = await fund(kit);
    expect(await raised(fundId)).toBe('¥0.00');
    const donor = await kit.person('alpha', '缓存页捐赠人');
    const started = await donor.client.post(`${P}/funds/${fundId}/donate`, { amount: '66.60', donor_name: '缓存页捐赠人', visibility: 'named', message: '', project: '' });
    const id = donationIdOf(started);
    // Only the donor's pending donation so far: nothing raised.
    expect(await raised(fundId)).toBe('¥0.00');
    const secret = await kit.work('alpha', (w) => providerSecret(w, 'sandbox'));
    const body = JSON.stringify(sandboxCallback(id, 6660, 'paid', secret));
    const callback = await kit.app.request(`http://alpha.localhost${P}/payments/sandbox/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(callback.status).toBe(200);
    expect(await raised(fundId)).toBe('¥66.60');
  });

  it('shows a pledge at once when station staff confirm it', async () => {
    const fundId = await fund(kit);
    const donor = await kit.person('alpha', '认捐人');
    const staff = await kit.person('alpha', '捐赠站工作人员', { roles: ['charity-fund.station_staff'] });
    const pledge = await kit.work('alpha', (w) =>
      startDonation(w, { fundId, projectId: null, donorUserId: donor.id, donorName: '认捐人', visibility: 'masked', message: '', amountFen: 2500, channel: 'online', provider: 'offline' }, today()),
    );
    if (!pledge.ok) throw new Error(pledge.reason);
    expect(await raised(fundId)).toBe('¥0.00');
    expect((await staff.client.post(`${P}/donations/${pledge.donation.id}/confirm`)).status).toBe(303);
    expect(await raised(fundId)).toBe('¥25.00');
  });
});
