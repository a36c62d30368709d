import type { Tx } from '../db/database.ts';

/**
 * Domain events the core emits. Handlers run inside the transaction that emits
 * the event, so a failing handler rolls the whole change back. A change to many
 * records is one event carrying all of them, so a plugin locks and posts once.
 */
export interface CoreEvents {
  'user.registered': { userId: string; name: string; email: string | null; mobile: string | null };
  /** Service records were verified and their minutes posted to the volunteers' ledger accounts. */
  'service.verified': { records: ServiceRecordEvent[] };
  /** Verified service records were revoked and their postings reversed. */
  'service.revoked': { records: RevokedRecordEvent[] };
}

/** The facts of a service record that plugins act on. */
export type ServiceRecordEvent = {
  recordId: string;
  volunteerUserId: string;
  organisationId: string;
  projectId: string;
  activityId: string | null;
  /** Service category id from the fixed list (e.g. `elder_care`). */
  category: string;
  /** Verified duration in whole minutes. */
  minutes: number;
  /** Day of service, `YYYY-MM-DD` in Asia/Shanghai. */
  serviceDate: string;
};

export type RevokedRecordEvent = ServiceRecordEvent & { reason: string };

/** Where the core sends one city's events: to the plugins that city has enabled, in the caller's transaction. */
export type CityEvents = {
  emit<E extends keyof CoreEvents>(tx: Tx, event: E, payload: CoreEvents[E]): Promise<void>;
};
