import type { Tx } from '../db/database.ts';

/**
 * Domain events the core emits. Handlers run inside the transaction that emits
 * the event, so a failing handler rolls the whole change back.
 */
export interface CoreEvents {
  'user.registered': { userId: string; name: string; email: string | null; mobile: string | null };
}

export type EventContext = {
  tx: Tx;
  tenantId: string;
  /** The plugin's settings for this city, parsed with its schema. */
  settings: Record<string, unknown>;
};
