import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';
import { citizen, organisation, project, serviceRecord, signedIn } from '../volunteering/fixtures.ts';
import { register } from './fixtures.ts';

type VerifyWebhook = (secret: string, headers: Record<string, unknown>, body: string, now?: number) => boolean;

/** The README's few lines of Node that check a delivery (tests/webhooks/verify-webhook.mjs), run on a real one. */
let p: TestPlatform;
let verifyWebhook: VerifyWebhook;
const hooks = new WebhookReceiver();

beforeAll(async () => {
  p = await startTestPlatform();
  ({ verifyWebhook } = (await import(new URL('./verify-webhook.mjs', import.meta.url).href)) as { verifyWebhook: VerifyWebhook });
  await hooks.up();
}, 60_000);
afterAll(async () => {
  await hooks.down();
  await p.close();
});

describe(`the README's webhook check (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('accepts a delivery as sent, and refuses a changed body, another secret or an old timestamp', async () => {
    const admin = (await signedIn(p, 'alpha', 'admin@alpha.test')).client;
    const { secret } = await register(admin, hooks.url, ['service.verified']);
    const organiser = await citizen(p, 'alpha', '组织者');
    const volunteer = await citizen(p, 'alpha', '服务者', { profile: true });
    const org = await organisation(p, 'alpha', organiser.id);
    const record = await serviceRecord(p, 'alpha', volunteer.id, await project(p, 'alpha', org, organiser.id));
    await organiser.client.post(`/organisations/${org}/records/verify`, { record_id: [record], status: 'pending', page: '1' });
    await p.jobs.drain();
    const [{ headers, body }] = hooks.received as [(typeof hooks.received)[number]];
    expect(verifyWebhook(secret, headers, body)).toBe(true);
    expect(body).toContain('"minutes":120');
    expect(verifyWebhook(secret, headers, body.replace('"minutes":120', '"minutes":1200'))).toBe(false);
    const other = (await register(admin, `${hooks.url}?other`, ['certificate.issued'])).secret;
    expect(verifyWebhook(other, headers, body)).toBe(false);
    expect(verifyWebhook(secret, headers, body, Date.now() + 10 * 60_000)).toBe(false);
  });
});
