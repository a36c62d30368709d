import type { Tx } from '../../db/database.ts';
import type { CoreEvents } from '../../plugins/events.ts';
import { updateStarLevels } from './service.ts';

/** The core's own listener to service events: star levels follow verifications and revocations, in the same transaction. */
export async function levelStarsOn<E extends keyof CoreEvents>(tx: Tx, tenantId: string, event: E, payload: CoreEvents[E]): Promise<void> {
  if (event !== 'service.verified' && event !== 'service.revoked') return;
  const { records } = payload as CoreEvents['service.verified'];
  await updateStarLevels(tx, tenantId, [...new Set(records.map((r) => r.volunteerUserId))]);
}
