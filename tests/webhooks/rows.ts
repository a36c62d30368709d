import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../core/db/database.ts';
import { createEndpoint } from '../../core/webhooks/endpoints.ts';
import { recordWebhookEvent } from '../../core/webhooks/outbox.ts';
import { webhookDeliveries } from '../../core/webhooks/schema.ts';

/** An endpoint of the city with one delivery owed to it, for the attack suites' `webhooks/:id` and `deliveries/:deliveryId`. */
export async function webhookRows(tx: Tx, city: { id: string; slug: string }, adminId: string): Promise<{ webhookEndpoint: string; webhookDelivery: string }> {
  const endpoint = await createEndpoint(tx, city.id, { url: 'https://example.org/hooks', description: '', events: ['service.verified'] }, { userId: adminId, address: null });
  await recordWebhookEvent(tx, city, 'service.verified', { records: [] });
  const [delivery] = await tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(and(eq(webhookDeliveries.tenantId, city.id), eq(webhookDeliveries.endpointId, endpoint.id)));
  return { webhookEndpoint: endpoint.id, webhookDelivery: delivery!.id };
}
