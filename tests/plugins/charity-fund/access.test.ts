import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainOf, type PluginKit } from '../../support/plugin-kit/index.ts';
import { donationCount, donationIdOf, fund, P, startCharityKit } from './fixtures.ts';

let kit: PluginKit;
let alphaFund: string;
let donationId: string;
let stationId: string;
beforeAll(async () => {
  kit = await startCharityKit();
  alphaFund = await fund(kit);
  const donor = await kit.person('alpha', '甲捐赠');
  donationId = donationIdOf(await donor.client.post(`${P}/funds/${alphaFund}/donate`, { amount: '5', donor_name: '甲', visibility: 'masked', message: '', project: '' }));
  const admin = await kit.person('alpha', '甲管理', { roles: ['city_admin'] });
  const res = await admin.client.post(`${P}/stations`, { name: '甲站', address: '甲路' });
  stationId = res.headers.get('location')!.split('/').pop()!;
});
afterAll(() => kit.close());

/** Every page and action of the plugin with alpha's ids. */
const routes = () => [
  ['get', '/'], ['get', '/mine'], ['get', '/review'], ['get', '/staff'], ['get', '/funds/new'],
  ['get', `/funds/${alphaFund}`], ['get', `/funds/${alphaFund}/donate`], ['get', `/funds/${alphaFund}/disclosure`], ['get', `/funds/${alphaFund}/disclosure.csv`],
  ['get', `/funds/${alphaFund}/manage`], ['get', `/funds/${alphaFund}/propose`], ['get', `/donations/${donationId}`], ['get', `/receipts/${donationId}`],
  ['get', `/stations/${stationId}`], ['post', `/funds/${alphaFund}/donate`], ['post', `/donations/${donationId}/confirm`], ['post', `/donations/${donationId}/cancel`],
  ['post', `/stations/${stationId}/cash`], ['post', `/funds/${alphaFund}/grants`], ['post', `/funds/${alphaFund}/expenses`],
] as const;

describe('the charity fund is scoped to the city', () => {
  it('answers 404 on every route where the plugin is disabled, and shows no menu entry', async () => {
    const betaAdmin = await kit.person('beta', '乙管理', { roles: ['city_admin'] });
    for (const [method, path] of routes()) {
      const res = method === 'get' ? await betaAdmin.client.get(`${P}${path}`) : await betaAdmin.client.post(`${P}${path}`, { amount: '5' });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await (await betaAdmin.client.get('/')).text()).not.toContain('/p/charity-fund/');
  });

  it('answers 404 to another city that enabled it too, for alpha’s ids, and changes nothing', async () => {
    await kit.enable('beta');
    const betaAdmin = await kit.person('beta', '乙管理', { roles: ['city_admin'] });
    const before = await donationCount(kit, 'alpha');
    for (const [method, path] of routes().filter(([, path]) => path.includes(alphaFund) || path.includes(donationId) || path.includes(stationId))) {
      const res = method === 'get' ? await betaAdmin.client.get(`${P}${path}`) : await betaAdmin.client.post(`${P}${path}`, { amount: '5', fund: alphaFund, donor_name: 'x', visibility: 'masked', project: '', reason: 'x' });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await donationCount(kit, 'alpha')).toBe(before);
    expect(await mainOf(await betaAdmin.client.get(`${P}/`))).toContain('本市还没有慈善基金。');
    await kit.disable('beta');
  });

  it('answers 403 to people without the right, and sends strangers to sign in before giving', async () => {
    const volunteer = await kit.person('alpha', '志愿者', { roles: ['volunteer'] });
    for (const path of ['/review', '/staff', '/funds/new', `/funds/${alphaFund}/manage`, `/stations/${stationId}`]) {
      expect((await volunteer.client.get(`${P}${path}`)).status, path).toBe(403);
    }
    expect((await volunteer.client.post(`${P}/donations/${donationId}/confirm`)).status).toBe(403);
    expect((await volunteer.client.post(`${P}/funds/${alphaFund}/grants`, { project: alphaFund, amount: '1' })).status).toBe(403);
    const stranger = kit.visitor('alpha');
    const res = await stranger.get(`${P}/funds/${alphaFund}/donate`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/sign-in?next=');
    expect((await stranger.get(`${P}/funds/${alphaFund}`)).status).toBe(200);
    expect((await stranger.get(`${P}/funds/${alphaFund}/disclosure`)).status).toBe(200);
    // Station staff see the desk, not fund management.
    const staff = await kit.person('alpha', '站员', { roles: ['charity-fund.station_staff'] });
    expect((await staff.client.get(`${P}/staff`)).status).toBe(200);
    expect((await staff.client.get(`${P}/funds/${alphaFund}/manage`)).status).toBe(403);
    expect((await staff.client.post(`${P}/stations`, { name: 'x', address: 'y' })).status).toBe(403);
  });
});
