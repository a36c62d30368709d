import { and, between, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { users } from '../../db/schema/identity.ts';
import { queueMessages } from '../../messages/outbox.ts';
import { organisationMembers, organisations } from '../organisations/schema.ts';
import { DAY_MS, toLocalDateInput } from '../shared/time.ts';
import { MAY_MANAGE_MEMBERS } from '../volunteers/members.ts';
import { policyEndingKind } from './expiry-notices.ts';
import { insurancePolicies } from './schema.ts';

export const WARN_DAYS_BEFORE = 14;

/**
 * Warns each administrator of the organisation of every policy ending within the
 * next 14 days (China's calendar). A window, not one exact day, so a missed daily
 * run still warns; the key (policy, end, administrator) makes each warning go out once.
 */
export async function queuePolicyExpiryWarnings(tx: Tx, tenantId: string, now: Date): Promise<number> {
  const rows = await tx
    .select({
      policyId: insurancePolicies.id,
      insurer: insurancePolicies.insurer,
      policyNumber: insurancePolicies.policyNumber,
      endsOn: insurancePolicies.endsOn,
      organisation: organisations.name,
      userId: users.id,
      email: users.email,
      locale: users.locale,
    })
    .from(insurancePolicies)
    .innerJoin(organisations, and(eq(organisations.tenantId, insurancePolicies.tenantId), eq(organisations.id, insurancePolicies.organisationId)))
    .innerJoin(organisationMembers, and(eq(organisationMembers.tenantId, insurancePolicies.tenantId), eq(organisationMembers.organisationId, insurancePolicies.organisationId)))
    .innerJoin(users, and(eq(users.tenantId, organisationMembers.tenantId), eq(users.id, organisationMembers.userId)))
    .where(
      and(
        eq(insurancePolicies.tenantId, tenantId),
        between(insurancePolicies.endsOn, toLocalDateInput(now), toLocalDateInput(new Date(now.getTime() + WARN_DAYS_BEFORE * DAY_MS))),
        inArray(organisationMembers.role, [...MAY_MANAGE_MEMBERS]),
      ),
    );
  await queueMessages(
    tx,
    tenantId,
    policyEndingKind,
    rows.map((r) => ({
      to: { userId: r.userId, email: r.email ?? undefined, locale: r.locale ?? undefined },
      params: { organisation: r.organisation, insurer: r.insurer, policyNumber: r.policyNumber, endsOn: r.endsOn },
      idempotencyKey: `insurance-ending:${r.policyId}:${r.endsOn}:${r.userId}`,
    })),
  );
  return rows.length;
}
