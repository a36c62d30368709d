import type { Tx } from '../db/database.ts';
import type { CoreEvents, ServiceRecordEvent } from '../plugins/events.ts';
import { recordWebhookEvent } from './outbox.ts';

/** A record as the webhook carries it: the API's record ids and facts, no name (a revocation's reason stays on the site). */
const recordOf = (r: ServiceRecordEvent) => ({
  id: r.recordId,
  volunteerId: r.volunteerUserId,
  organisationId: r.organisationId,
  projectId: r.projectId,
  activityId: r.activityId,
  category: r.category,
  minutes: r.minutes,
  serviceDate: r.serviceDate,
});

/** `service.verified` and `service.revoked` as webhook events, one per core event (a batch verification is one event). */
export async function webhookOnServiceEvent(tx: Tx, city: { id: string; slug: string }, event: keyof CoreEvents, payload: unknown): Promise<void> {
  if (event !== 'service.verified' && event !== 'service.revoked') return;
  const { records } = payload as CoreEvents['service.verified'];
  await recordWebhookEvent(tx, city, event, { records: records.map(recordOf) });
}
