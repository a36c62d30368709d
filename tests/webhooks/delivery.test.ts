import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEndpoints } from '../../core/webhooks/schema.ts';
import { DELIVER_WEBHOOK } from '../../core/webhooks/job-names.ts';
import { WEBHOOK_RETRIES } from '../../core/webhooks/deliver-job.ts';
import { queuedJobs, retriesDueNow } from '../support/jobs.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';
import { citizen, inCity, organisation, project, serviceRecord, signedIn } from '../volunteering/fixtures.ts';
import { deliveryIdsOn, register, secretOn, signatureValid } from './fixtures.ts';

/**
 * Webhooks end to end against receivers in the test process: an event caused by a page is
 * delivered signed, a receiver that is down gets it when it is back (the queue's retry driven
 * by the test, never by waiting), and a delivery can be sent again from the log.
 */
let p: TestPlatform;
let admin: Awaited<ReturnType<typeof signedIn>>['client'];
let organiser: Awaited<ReturnType<typeof citizen>>;
let volunteer: Awaited<ReturnType<typeof citizen>>;
let org: string;
let projectId: string;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  p = await startTestPlatform();
  admin = (await signedIn(p, 'alpha', 'admin@alpha.test')).client;
  organiser = await citizen(p, 'alpha', '甲组织者');
  volunteer = await citizen(p, 'alpha', '甲服务者', { profile: true });
  org = await organisation(p, 'alpha', organiser.id);
  projectId = await project(p, 'alpha', org, organiser.id);
}, 60_000);
afterAll(async () => {
  for (const r of receivers) await r.down();
  await p.close();
});

async function receiver(): Promise<WebhookReceiver> {
  const r = new WebhookReceiver();
  await r.up();
  receivers.push(r);
  return r;
}

/** The organiser verifies a new record of the volunteer on the organisation's page. */
async function verifiedRecord(minutes = 90): Promise<string> {
  const record = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes });
  const res = await organiser.client.post(`/organisations/${org}/records/verify`, { record_id: [record], status: 'pending', page: '1' });
  expect(res.status).toBe(303);
  return record;
}

describe(`webhook delivery (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('sends a verification, signed, to the endpoint that subscribed to it, with ids and no name', async () => {
    const hooks = await receiver();
    const { id, secret } = await register(admin, hooks.url, ['service.verified']);
    const record = await verifiedRecord();
    await p.jobs.drain();
    expect(hooks.received).toHaveLength(1);
    const [request] = hooks.received;
    expect(signatureValid(secret, request!)).toBe(true);
    expect(signatureValid(secret, { ...request!, body: request!.body.replace('"minutes":90', '"minutes":900') })).toBe(false);
    const event = JSON.parse(request!.body);
    expect(event).toMatchObject({ id: request!.headers['webhook-id'], type: 'service.verified', city: 'alpha' });
    expect(Math.abs(Date.parse(event.time) / 1000 - Number(request!.headers['webhook-timestamp']))).toBeLessThan(3600);
    expect(event.data.records).toEqual([expect.objectContaining({ id: record, volunteerId: volunteer.id, organisationId: org, projectId, minutes: 90 })]);
    expect(request!.body).not.toContain('甲服务者');
    expect(request!.body).not.toContain(volunteer.email);
    const log = await (await admin.get(`/admin/webhooks/${id}`)).text();
    expect(log).toContain('已送达');
    expect(log).toContain('HTTP 200');
  });

  it('retries a receiver that is down with backoff, and delivers once it is back', async () => {
    const hooks = await receiver();
    const { id, secret } = await register(admin, hooks.url, ['service.verified']);
    await hooks.down();
    await verifiedRecord(45);
    await p.jobs.drain();
    const waiting = (await queuedJobs(p, DELIVER_WEBHOOK)).filter((j) => j.state === 'retry');
    expect(waiting).toHaveLength(1);
    // The queue holds it back (30–60 s before the first retry): it is not tried again at once.
    expect(waiting[0]!.waitSeconds).toBeGreaterThanOrEqual(30);
    await p.jobs.drain();
    expect(hooks.received).toHaveLength(0);
    const failedOnce = await (await admin.get(`/admin/webhooks/${id}`)).text();
    expect(failedOnce).toContain('ECONNREFUSED');
    expect(failedOnce).toContain('等待发送');

    await hooks.up();
    await retriesDueNow(p);
    await p.jobs.drain();
    expect(hooks.received).toHaveLength(1);
    expect(signatureValid(secret, hooks.received[0]!)).toBe(true);
    expect(JSON.parse(hooks.received[0]!.body).data.records[0].minutes).toBe(45);
    const log = await (await admin.get(`/admin/webhooks/${id}`)).text();
    expect(log).toContain('已送达');
    expect(log).toMatch(/第 2 次[^<]*HTTP 200/);
  });

  it('marks a delivery failed when its tries run out, and the admin can send it again: the same event, signed anew', async () => {
    const hooks = await receiver();
    hooks.status = 503;
    const { id, secret } = await register(admin, hooks.url, ['service.verified']);
    await verifiedRecord(30);
    for (let tries = 0; tries <= WEBHOOK_RETRIES; tries++) {
      await retriesDueNow(p);
      await p.jobs.drain();
    }
    expect(hooks.received).toHaveLength(WEBHOOK_RETRIES + 1);
    // Out of tries it is the city admin's to see, not a failed job in the operator's console; nothing waits.
    const jobs = await queuedJobs(p, DELIVER_WEBHOOK);
    expect(jobs.filter((j) => j.state === 'retry' || j.state === 'failed')).toEqual([]);
    const failed = await (await admin.get(`/admin/webhooks/${id}`)).text();
    expect(failed).toContain('失败（重试已用完）');
    expect(failed).toContain('HTTP 503');

    hooks.status = 204;
    const [delivery] = deliveryIdsOn(failed);
    expect((await admin.post(`/admin/webhooks/${id}/deliveries/${delivery}/replay`)).status).toBe(303);
    await p.jobs.drain();
    const [first, replayed] = [hooks.received[0]!, hooks.received.at(-1)!];
    expect(replayed.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(replayed.body).toBe(first.body);
    expect(signatureValid(secret, replayed)).toBe(true);
    const log = await (await admin.get(`/admin/webhooks/${id}`)).text();
    expect(deliveryIdsOn(log)).toHaveLength(2);
    expect(log).toContain('HTTP 204');
  });

  it('signs with the new secret once rotated, and sends nothing to a disabled or deleted endpoint', async () => {
    const hooks = await receiver();
    const { id, secret } = await register(admin, hooks.url, ['service.verified']);
    const rotated = /value="(whsec_[^"]+)"/.exec(await (await admin.post(`/admin/webhooks/${id}/rotate`)).text())?.[1];
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await verifiedRecord(20);
    await p.jobs.drain();
    expect(signatureValid(rotated!, hooks.received[0]!)).toBe(true);
    expect(signatureValid(secret, hooks.received[0]!)).toBe(false);

    expect((await admin.post(`/admin/webhooks/${id}/disable`)).status).toBe(303);
    await verifiedRecord(25);
    await p.jobs.drain();
    expect(hooks.received).toHaveLength(1);
    expect((await admin.post(`/admin/webhooks/${id}/delete`)).status).toBe(303);
    expect((await admin.get(`/admin/webhooks/${id}`)).status).toBe(404);
  });

  it('signs with the old secret beside the new one for a day when the admin keeps it, then with the new one alone', async () => {
    const hooks = await receiver();
    const { id, secret } = await register(admin, hooks.url, ['service.verified']);
    const shown = await (await admin.post(`/admin/webhooks/${id}/rotate`, { keepOld: '1' })).text();
    const rotated = secretOn(shown)!;
    expect(rotated).toMatch(/^whsec_/);
    expect(shown).toContain('旧密钥继续签名至');
    expect(await (await admin.get('/admin/webhooks')).text()).toContain('旧密钥继续签名至');
    await verifiedRecord(15);
    await p.jobs.drain();
    // A receiver still on the old secret and one already on the new both accept it.
    expect(signatureValid(rotated, hooks.received[0]!)).toBe(true);
    expect(signatureValid(secret, hooks.received[0]!)).toBe(true);

    // The overlap ends (moved into the past rather than waited for).
    await inCity(p, 'alpha', (tx, tenantId) =>
      tx.update(webhookEndpoints).set({ previousSecretUntil: new Date(Date.now() - 1000) }).where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id))),
    );
    await verifiedRecord(16);
    await p.jobs.drain();
    expect(signatureValid(rotated, hooks.received[1]!)).toBe(true);
    expect(signatureValid(secret, hooks.received[1]!)).toBe(false);
    expect(await (await admin.get('/admin/webhooks')).text()).not.toContain('旧密钥继续签名至');
  });

  it('sends certificate.issued only to an endpoint that chose it, without the verification code', async () => {
    const certificates = await receiver();
    await register(admin, certificates.url, ['certificate.issued']);
    await verifiedRecord(60);
    const today = new Date().toISOString().slice(0, 10);
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    expect((await volunteer.client.post('/volunteer/certificates', { from: weekAgo, to: today })).status).toBe(303);
    await p.jobs.drain();
    expect(certificates.received).toHaveLength(1);
    const event = JSON.parse(certificates.received[0]!.body);
    expect(event).toMatchObject({ type: 'certificate.issued', data: { volunteerId: volunteer.id, organisationId: org } });
    expect(Object.keys(event.data)).not.toContain('code');
  });
});
