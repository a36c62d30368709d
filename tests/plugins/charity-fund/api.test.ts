import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordStationCash } from '../../../plugins/charity-fund/donations.ts';
import { createStation } from '../../../plugins/charity-fund/stations.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { fund, startCharityKit, today } from './fixtures.ts';

/** The charity fund's own resource in the city API, added through the plugin API: each fund with its totals. */
let kit: PluginKit;
let fundId: string;

beforeAll(async () => {
  kit = await startCharityKit();
  fundId = await fund(kit);
  const staff = await kit.person('alpha', '站长', { roles: ['charity-fund.station_staff'] });
  await kit.work('alpha', async (w) => {
    const station = await createStation(w, staff.id, { name: '阳光社工站', address: '幸福路 1 号' });
    if (!station.ok) throw new Error('station');
    await recordStationCash(w, station.id, staff.id, { fundId, amountFen: 20_000, donorName: '王建国', visibility: 'masked', message: '' }, today(), null);
  });
}, 60_000);
afterAll(() => kit.close());

describe('the charity fund in the city API', () => {
  it('lists the city’s funds with what each raised, for a key holding charity-fund:read', async () => {
    const api = await kit.api('alpha', ['charity-fund:read']);
    const res = await api.get('/p/charity-fund/funds');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; raisedFen: number; balanceFen: number }[]; next: string | null };
    expect(body.items).toEqual([expect.objectContaining({ id: fundId, raisedFen: 20_000, balanceFen: 20_000 })]);
    expect(await (await api.get(`/p/charity-fund/funds/${fundId}`)).json()).toMatchObject({ id: fundId, raisedFen: 20_000 });
    expect(JSON.stringify(body)).not.toContain('王建国');
  });

  it('needs its scope, and the fund of this city', async () => {
    expect((await (await kit.api('alpha', ['catalogue:read'])).get('/p/charity-fund/funds')).status).toBe(403);
    const missing = await (await kit.api('alpha', ['charity-fund:read'])).get('/p/charity-fund/funds/01a24ab3-9a01-7093-b5dc-bfc2b39fcb57');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });

  it('is a 404 problem in a city that has not enabled the module', async () => {
    const res = await (await kit.api('beta', ['charity-fund:read'])).get('/p/charity-fund/funds');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ detail: expect.stringContaining('not enabled') });
  });

  it('is in the city’s OpenAPI document, and its scope is offered on the API keys page', async () => {
    const document = (await (await (await kit.api('alpha', [])).get('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/p/charity-fund/funds', '/p/charity-fund/funds/{id}']));
    const admin = await kit.cityAdmin('alpha');
    expect(await (await admin.client.get('/admin/api-keys')).text()).toContain('charity-fund:read');
  });
});
