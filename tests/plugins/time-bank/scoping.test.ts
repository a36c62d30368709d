import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItem } from '../../../plugins/time-bank/catalogue.ts';
import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';
import { mainOf, startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';
import { position } from './helpers.ts';

let kit: PluginKit;
beforeAll(async () => {
  kit = await startPluginKit(timeBankPlugin, { enabledIn: ['alpha'] });
});
afterAll(() => kit.close());

const PAGES = ['/p/time-bank/', '/p/time-bank/market', '/p/time-bank/catalogue', '/p/time-bank/statement', '/p/time-bank/family', '/p/time-bank/admin'];

describe(`the time bank belongs to its city (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('is a 404 everywhere in a city that has not enabled it, and earns nothing there', async () => {
    const betaAdmin = await kit.cityAdmin('beta');
    for (const path of PAGES) expect([path, (await betaAdmin.client.get(path)).status]).toEqual([path, 404]);
    expect((await betaAdmin.client.post('/p/time-bank/market/new', { kind: 'offer', title: 'x', description: 'y', credits: '1' })).status).toBe(404);
    const o = await kit.organiser('beta', 'elder_care');
    const volunteer = await kit.person('beta', '乙志愿者', { profile: true });
    await kit.verifiedService(o, volunteer.id, 120);
    expect(await position(kit, volunteer.id, 'beta')).toEqual({ balance: 0, owed: 0 });
  });

  it('answers 404 in another city for a listing, exchange or item of this one, and shows none of them', async () => {
    await kit.enable('beta', {});
    const o = await kit.organiser();
    const helped = await kit.person('alpha', '甲受助', { profile: true });
    const helper = await kit.person('alpha', '甲服务');
    await kit.verifiedService(o, helped.id, 180);
    const listing = /market\/([0-9a-f-]{36})$/.exec((await helper.client.post('/p/time-bank/market/new', { kind: 'offer', title: '陪聊', description: '下午', credits: '1' })).headers.get('location')!)![1]!;
    const exchange = /exchanges\/([0-9a-f-]{36})$/.exec((await helped.client.post(`/p/time-bank/market/${listing}/respond`, { message: '' })).headers.get('location')!)![1]!;
    const itemId = await kit.work('alpha', (w) => createItem(w, { kind: 'goods', name: '毛巾', description: '一条', donor: '商家', price: 100, stock: 3 }));
    await helped.client.post(`/p/time-bank/catalogue/${itemId}/redeem`);

    const stranger = await kit.person('beta', '乙市居民');
    expect((await stranger.client.get(`/p/time-bank/market/${listing}`)).status).toBe(404);
    expect((await stranger.client.post(`/p/time-bank/market/${listing}/respond`, { message: '' })).status).toBe(404);
    expect((await stranger.client.get(`/p/time-bank/exchanges/${exchange}`)).status).toBe(404);
    expect((await stranger.client.post(`/p/time-bank/exchanges/${exchange}/confirm`)).status).toBe(404);
    expect((await stranger.client.post(`/p/time-bank/catalogue/${itemId}/redeem`)).status).toBe(404);
    expect(await mainOf(await stranger.client.get('/p/time-bank/market'))).not.toContain('陪聊');
    expect(await mainOf(await stranger.client.get('/p/time-bank/catalogue'))).not.toContain('毛巾');
    const betaAdmin = await kit.cityAdmin('beta');
    expect((await betaAdmin.client.post(`/p/time-bank/admin/exchanges/${exchange}/resolve`, { decision: 'complete', note: '越权' })).status).toBe(404);
    expect((await betaAdmin.client.post(`/p/time-bank/admin/catalogue/${itemId}`, { stock: '0' })).status).toBe(404);
    expect((await helped.client.get('/p/time-bank/redemptions')).status).toBe(200);
    expect(await position(kit, helped.id)).toEqual({ balance: 200, owed: 0 });
  });

  it('keeps the admin pages to city admins (403) and shows the city’s figures to them', async () => {
    const member = await kit.person('alpha', '普通会员');
    for (const path of ['/p/time-bank/admin', '/p/time-bank/admin/catalogue', '/p/time-bank/admin/disputes', '/p/time-bank/station']) {
      expect([path, (await member.client.get(path)).status]).toEqual([path, 403]);
    }
    expect((await member.client.post('/p/time-bank/admin/catalogue', { kind: 'goods', name: 'x', description: 'y', donor: 'z', price: '1', stock: '1' })).status).toBe(403);
    const admin = await kit.cityAdmin('alpha');
    const bad = await admin.client.post('/p/time-bank/admin/catalogue', { kind: 'goods', name: '', description: 'y', donor: 'z', price: '-1', stock: 'many' });
    expect(bad.status).toBe(400);
    const dashboard = await mainOf(await admin.client.get('/p/time-bank/admin'));
    // Issued 3 (the earner above) − redeemed 1 = 2 outstanding.
    expect(dashboard).toMatch(/id="figure-issued"><span class="credits">3 时间币/);
    expect(dashboard).toMatch(/id="figure-outstanding"><span class="credits">2 时间币/);
    expect(dashboard).toMatch(/id="figure-redeemed"><span class="credits">1 时间币/);
    expect(dashboard).toContain('社区服务');
  });
});
