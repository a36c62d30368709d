import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin } from '../../core/plugin-api.ts';
import { charityFundPlugin } from '../../plugins/charity-fund/index.ts';
import { PluginKit } from '../support/plugin-kit/index.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { enableEveryPlugin } from '../support/route-ids.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';
import { register, signatureValid } from './fixtures.ts';
import { donationIdOf, fund, P } from '../plugins/charity-fund/fixtures.ts';

/**
 * Plugins' own webhook events through the plugin API, with the charity fund as the example:
 * declared in its definition, emitted when a donation is confirmed.
 */
let p: TestPlatform;
let kit: PluginKit;
const hooks = new WebhookReceiver();

beforeAll(async () => {
  p = await startTestPlatform({ plugins: [charityFundPlugin] });
  await enableEveryPlugin(p, ['alpha']);
  kit = new PluginKit(p);
  await hooks.up();
}, 60_000);
afterAll(async () => {
  await hooks.down();
  await p.close();
});

describe(`charity-fund.donation.received (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('is offered on the webhooks page and sent, signed and without the donor, when staff confirm a donation', async () => {
    const admin = (await kit.cityAdmin('alpha')).client;
    expect(await (await admin.get('/admin/webhooks')).text()).toContain('value="charity-fund.donation.received"');
    const { secret } = await register(admin, hooks.url, ['charity-fund.donation.received']);
    const fundId = await fund(kit);
    const donor = await kit.person('alpha', '黄捐赠');
    const staff = await kit.person('alpha', '站点员', { roles: ['charity-fund.station_staff'] });
    const pledged = await donor.client.post(`${P}/funds/${fundId}/donate`, { donor_name: '黄捐赠', visibility: 'named', message: '', project: '', amount: '88' });
    const id = donationIdOf(pledged);
    await p.jobs.drain();
    // A pledge is not a donation received.
    expect(hooks.received).toHaveLength(0);

    expect((await staff.client.post(`${P}/donations/${id}/confirm`)).status).toBe(303);
    await p.jobs.drain();
    expect(hooks.received).toHaveLength(1);
    expect(signatureValid(secret, hooks.received[0]!)).toBe(true);
    const event = JSON.parse(hooks.received[0]!.body);
    expect(event).toMatchObject({ type: 'charity-fund.donation.received', city: 'alpha', data: { id, fundId, amountFen: 8800, channel: 'online' } });
    expect(hooks.received[0]!.body).not.toContain('黄捐赠');
    expect(hooks.received[0]!.body).not.toContain(donor.id);
  });

  it('lets a plugin emit only the events it declares, named under its id', async () => {
    await expect(kit.work('alpha', (w) => w.webhooks.emit('charity-fund.secret.leaked', {}), charityFundPlugin)).rejects.toThrow(/not among the webhookEvents/);
    await expect(kit.work('alpha', (w) => w.webhooks.emit('service.verified', {}), charityFundPlugin)).rejects.toThrow(/not among the webhookEvents/);
    const base = { id: 'named-events', version: '1.0.0', name: { 'zh-CN': '事件', en: 'Events' }, settings: z.object({}) };
    expect(() => definePlugin({ ...base, webhookEvents: { 'donation.received': { 'zh-CN': '捐赠', en: 'Gift' } } })).toThrow(/must start with "named-events\."/);
  });
});
