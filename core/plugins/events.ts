import type { Tx } from '../db/database.ts';

/**
 * Domain events the core emits. Handlers run inside the transaction that emits
 * the event, so a failing handler rolls the whole change back.
 */
export interface CoreEvents {
  'user.registered': { userId: string; name: string; email: string | null; mobile: string | null };
  /** A service record was verified and its minutes posted to the volunteer's ledger account. */
  'service.verified': ServiceRecordEvent;
  /** A verified service record was revoked and its posting reversed. */
  'service.revoked': ServiceRecordEvent & { reason: string };
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

export type EventContext = {
  tx: Tx;
  tenantId: string;
  /** The plugin's settings for this city, parsed with its schema. */
  settings: Record<string, unknown>;
};
