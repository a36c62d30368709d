import { eq, sql } from 'drizzle-orm';
import { selectBuiltOnce } from '../../db/built-once.ts';
import type { Tx } from '../../db/database.ts';
import { findAccount } from '../../ledger/accounts.ts';
import { nextActivities } from '../activities/service.ts';
import { volunteerNumberCounters } from '../volunteers/schema.ts';
import { SERVICE_ISSUANCE, SERVICE_MINUTES } from '../records/verification.ts';

const lastVolunteerNumber = selectBuiltOnce((tx) =>
  tx.select({ n: volunteerNumberCounters.lastNumber }).from(volunteerNumberCounters).where(eq(volunteerNumberCounters.tenantId, sql.placeholder('tenantId'))),
);

/**
 * What a city's front page says about it, read in constant time: the number of
 * volunteers is the last volunteer number handed out, and the verified minutes
 * are what the city's issuing account has given (its balance, negated).
 */
export async function cityAtAGlance(tx: Tx, tenantId: string, now = new Date()) {
  // Independent reads, sent together (one round trip on PostgreSQL).
  const [[counter], issuance, upcoming] = await Promise.all([
    lastVolunteerNumber(tx, { tenantId }),
    findAccount(tx, tenantId, SERVICE_MINUTES, SERVICE_ISSUANCE),
    nextActivities(tx, tenantId, 4, now),
  ]);
  return { volunteers: counter?.n ?? 0, verifiedMinutes: -(issuance?.balance ?? 0), upcoming };
}
