import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { newSigningSecret, sealSigningSecret } from './secrets.ts';
import { webhookEndpoints } from './schema.ts';

/**
 * A city's webhook endpoints. The signing secret is shown once, when the endpoint is made
 * or its secret rotated; the site keeps it sealed, to sign with. Every change is audited.
 */
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type EndpointActor = { userId: string; address: string | null };
export type NewEndpoint = { url: string; description: string; events: readonly string[] };

const audit = (tx: Tx, tenantId: string, actor: EndpointActor, action: string, id: string, detail?: Record<string, unknown>) =>
  recordAudit(tx, tenantId, { actor: `user:${actor.userId}`, action, target: `webhook_endpoint:${id}`, address: actor.address, detail });

export async function createEndpoint(tx: Tx, tenantId: string, input: NewEndpoint, actor: EndpointActor): Promise<{ id: string; secret: string }> {
  const id = newId();
  const secret = newSigningSecret();
  await tx.insert(webhookEndpoints).values({ tenantId, id, url: input.url, description: input.description, events: [...input.events], secretSealed: sealSigningSecret(secret), createdBy: actor.userId });
  await audit(tx, tenantId, actor, 'webhook_endpoint.created', id, { events: [...input.events] });
  return { id, secret };
}

/** How long a replaced secret keeps signing beside the new one, unless the admin stops it at once. */
export const ROTATION_OVERLAP_HOURS = 24;

/**
 * A new secret. With `keepOld`, the replaced one signs too for ROTATION_OVERLAP_HOURS, so the
 * receiver can switch without refusing a delivery; without it (a leaked secret) it stops at once.
 */
export async function rotateEndpointSecret(tx: Tx, tenantId: string, endpoint: WebhookEndpoint, keepOld: boolean, actor: EndpointActor, now = new Date()): Promise<{ secret: string; oldSecretUntil: Date | null }> {
  const secret = newSigningSecret();
  const until = keepOld ? new Date(now.getTime() + ROTATION_OVERLAP_HOURS * 3_600_000) : null;
  await tx
    .update(webhookEndpoints)
    .set({ secretSealed: sealSigningSecret(secret), rotatedAt: now, previousSecretSealed: keepOld ? endpoint.secretSealed : null, previousSecretUntil: until })
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, endpoint.id)));
  await audit(tx, tenantId, actor, 'webhook_endpoint.rotated', endpoint.id, { oldSecretSignsUntil: until?.toISOString() ?? null });
  return { secret, oldSecretUntil: until };
}

/** The sealed secrets an attempt at `now` is signed with: the current one, and the replaced one while it overlaps. */
export function signingSecretsAt(endpoint: Pick<WebhookEndpoint, 'secretSealed' | 'previousSecretSealed' | 'previousSecretUntil'>, now = new Date()): string[] {
  const overlapping = endpoint.previousSecretSealed && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now;
  return overlapping ? [endpoint.secretSealed, endpoint.previousSecretSealed!] : [endpoint.secretSealed];
}

/** A disabled endpoint is owed no new event, and its waiting deliveries are not sent. */
export async function setEndpointEnabled(tx: Tx, tenantId: string, id: string, enabled: boolean, actor: EndpointActor): Promise<void> {
  await tx.update(webhookEndpoints).set({ enabled }).where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)));
  await audit(tx, tenantId, actor, enabled ? 'webhook_endpoint.enabled' : 'webhook_endpoint.disabled', id);
}

/** Deletes the endpoint with its delivery log. */
export async function deleteEndpoint(tx: Tx, tenantId: string, id: string, actor: EndpointActor): Promise<void> {
  await tx.delete(webhookEndpoints).where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)));
  await audit(tx, tenantId, actor, 'webhook_endpoint.deleted', id);
}

export async function findEndpoint(tx: Tx, tenantId: string, id: string): Promise<WebhookEndpoint | null> {
  const [row] = await tx.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)));
  return row ?? null;
}

export async function listEndpoints(tx: Tx, tenantId: string): Promise<WebhookEndpoint[]> {
  return tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenantId)).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
}
