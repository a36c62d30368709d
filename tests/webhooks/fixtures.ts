import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TestClient } from '../support/client.ts';
import type { Received } from '../support/webhook-receiver.ts';

/** The signing secret on the page shown after an endpoint is made or rotated. */
export const secretOn = (html: string) => /id="signing-secret"[^>]*value="(whsec_[^"]+)"/.exec(html)?.[1] ?? null;

/** Registers an endpoint as the city admin does on /admin/webhooks; its id and secret. */
export async function register(admin: TestClient, url: string, events: string[]): Promise<{ id: string; secret: string }> {
  const res = await admin.post('/admin/webhooks', { url, description: '测试接收端', events });
  if (res.status !== 200) throw new Error(`registering answered ${res.status}`);
  const secret = secretOn(await res.text());
  const list = await (await admin.get('/admin/webhooks')).text();
  const id = new RegExp(`/admin/webhooks/([0-9a-f-]{36})">${url.replace(/[.?]/g, '\\$&')}<`).exec(list)?.[1];
  if (!secret || !id) throw new Error('no secret or id on the pages');
  return { id, secret };
}

/** What a receiver does (Standard Webhooks): HMAC-SHA256 over `id.timestamp.body` with the secret's key, compared in constant time. */
export function signatureValid(secret: string, request: Received): boolean {
  const { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': header } = request.headers;
  const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${id}.${timestamp}.${request.body}`).digest();
  return String(header)
    .split(' ')
    .some((part) => {
      const given = Buffer.from(part.replace(/^v1,/, ''), 'base64');
      return part.startsWith('v1,') && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

/** The ids of an endpoint's deliveries on its log page, newest first. */
export const deliveryIdsOn = (html: string) => [...html.matchAll(/\/deliveries\/([0-9a-f-]{36})\/replay/g)].map((m) => m[1]!);
