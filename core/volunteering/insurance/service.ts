import { and, asc, desc, eq, gte, inArray, lte, or } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { activities, activitySignups } from '../activities/schema.ts';
import { organisations } from '../organisations/schema.ts';
import { projects } from '../projects/schema.ts';
import { findIdentityRequirements } from '../volunteers/identity-requirements.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { activityInsuranceRequirements, insurancePolicies, insuredVolunteers } from './schema.ts';

export type PolicyInput = { insurer: string; policyNumber: string; startsOn: string; endsOn: string; coversAll: boolean; volunteerNumbers: string[] };
export type Policy = typeof insurancePolicies.$inferSelect & { volunteerNumbers: string[] };
type By = { id: string; address: string | null };

export type RecordPolicyResult = { ok: true; id: string } | { ok: false; unknownNumbers: string[]; unverifiedNumbers: string[] };

/**
 * Records a policy; named volunteers are given by unified volunteer number. Every number must be one of
 * this city's volunteers, and, when the city requires it for insurance, one whose identity is verified.
 */
export async function recordPolicy(tx: Tx, tenantId: string, organisationId: string, input: PolicyInput, by: By): Promise<RecordPolicyResult> {
  const numbers = input.coversAll ? [] : [...new Set(input.volunteerNumbers)];
  const found = numbers.length
    ? await tx
        .select({ userId: volunteerProfiles.userId, number: volunteerProfiles.volunteerNumber, verifiedAt: volunteerProfiles.idVerifiedAt })
        .from(volunteerProfiles)
        .where(and(eq(volunteerProfiles.tenantId, tenantId), inArray(volunteerProfiles.volunteerNumber, numbers)))
    : [];
  const unknownNumbers = numbers.filter((n) => !found.some((f) => f.number === n));
  const mustBeVerified = found.length > 0 && (await findIdentityRequirements(tx, tenantId)).insurance;
  const unverifiedNumbers = mustBeVerified ? found.filter((f) => !f.verifiedAt).map((f) => f.number) : [];
  if (unknownNumbers.length > 0 || unverifiedNumbers.length > 0) return { ok: false, unknownNumbers, unverifiedNumbers };
  const id = newId();
  const { volunteerNumbers: _, ...policy } = input;
  await tx.insert(insurancePolicies).values({ tenantId, id, organisationId, ...policy, createdBy: by.id });
  if (found.length) await tx.insert(insuredVolunteers).values(found.map((f) => ({ tenantId, policyId: id, userId: f.userId })));
  await recordAudit(tx, tenantId, { actor: `user:${by.id}`, action: 'insurance_policy.recorded', target: `organisation:${organisationId}`, address: by.address, detail: { policy: id, named: found.length } });
  return { ok: true, id };
}

/** The organisation's policies, newest period first, with the numbers of the volunteers each names. */
export async function organisationPolicies(tx: Tx, tenantId: string, organisationId: string): Promise<Policy[]> {
  const policies = await tx
    .select()
    .from(insurancePolicies)
    .where(and(eq(insurancePolicies.tenantId, tenantId), eq(insurancePolicies.organisationId, organisationId)))
    .orderBy(desc(insurancePolicies.endsOn), asc(insurancePolicies.insurer));
  const named = policies.length
    ? await tx
        .select({ policyId: insuredVolunteers.policyId, number: volunteerProfiles.volunteerNumber })
        .from(insuredVolunteers)
        .innerJoin(volunteerProfiles, and(eq(volunteerProfiles.tenantId, insuredVolunteers.tenantId), eq(volunteerProfiles.userId, insuredVolunteers.userId)))
        .where(and(eq(insuredVolunteers.tenantId, tenantId), inArray(insuredVolunteers.policyId, policies.map((p) => p.id))))
        .orderBy(asc(volunteerProfiles.volunteerNumber))
    : [];
  return policies.map((p) => ({ ...p, volunteerNumbers: named.filter((n) => n.policyId === p.id).map((n) => n.number) }));
}

/** Policies of the organisation that cover the volunteer on the day (China's calendar, `YYYY-MM-DD`). */
export async function coveringPolicies(tx: Tx, tenantId: string, organisationId: string, userId: string, day: string) {
  const named = tx
    .select({ policyId: insuredVolunteers.policyId })
    .from(insuredVolunteers)
    .where(and(eq(insuredVolunteers.tenantId, tenantId), eq(insuredVolunteers.userId, userId)));
  return tx
    .select({ id: insurancePolicies.id })
    .from(insurancePolicies)
    .where(
      and(
        eq(insurancePolicies.tenantId, tenantId),
        eq(insurancePolicies.organisationId, organisationId),
        lte(insurancePolicies.startsOn, day),
        gte(insurancePolicies.endsOn, day),
        or(eq(insurancePolicies.coversAll, true), inArray(insurancePolicies.id, named)),
      ),
    );
}

/** Every policy that covers the volunteer: naming them, or covering all of an organisation whose activity they signed up for; latest end first. */
export async function volunteerCover(tx: Tx, tenantId: string, userId: string) {
  const named = tx
    .select({ policyId: insuredVolunteers.policyId })
    .from(insuredVolunteers)
    .where(and(eq(insuredVolunteers.tenantId, tenantId), eq(insuredVolunteers.userId, userId)));
  const servedWith = tx
    .select({ organisationId: projects.organisationId })
    .from(activitySignups)
    .innerJoin(activities, and(eq(activities.tenantId, activitySignups.tenantId), eq(activities.id, activitySignups.activityId)))
    .innerJoin(projects, and(eq(projects.tenantId, activities.tenantId), eq(projects.id, activities.projectId)))
    .where(and(eq(activitySignups.tenantId, tenantId), eq(activitySignups.userId, userId), inArray(activitySignups.status, ['confirmed', 'pending', 'waitlisted'])));
  const coversAll = and(eq(insurancePolicies.coversAll, true), inArray(insurancePolicies.organisationId, servedWith));
  return tx
    .select({
      organisation: organisations.name,
      insurer: insurancePolicies.insurer,
      policyNumber: insurancePolicies.policyNumber,
      startsOn: insurancePolicies.startsOn,
      endsOn: insurancePolicies.endsOn,
      coversAll: insurancePolicies.coversAll,
    })
    .from(insurancePolicies)
    .innerJoin(organisations, and(eq(organisations.tenantId, insurancePolicies.tenantId), eq(organisations.id, insurancePolicies.organisationId)))
    .where(and(eq(insurancePolicies.tenantId, tenantId), or(inArray(insurancePolicies.id, named), coversAll)))
    .orderBy(desc(insurancePolicies.endsOn));
}

export async function requiresCover(tx: Tx, tenantId: string, activityId: string): Promise<boolean> {
  const [row] = await tx
    .select({ activityId: activityInsuranceRequirements.activityId })
    .from(activityInsuranceRequirements)
    .where(and(eq(activityInsuranceRequirements.tenantId, tenantId), eq(activityInsuranceRequirements.activityId, activityId)));
  return Boolean(row);
}

/** Makes sign-up to the activity need cover on its date, or no longer. */
export async function setCoverRequired(tx: Tx, tenantId: string, activityId: string, required: boolean, by: By) {
  if (required) {
    await tx.insert(activityInsuranceRequirements).values({ tenantId, activityId, setBy: by.id }).onConflictDoNothing();
  } else {
    await tx.delete(activityInsuranceRequirements).where(and(eq(activityInsuranceRequirements.tenantId, tenantId), eq(activityInsuranceRequirements.activityId, activityId)));
  }
  await recordAudit(tx, tenantId, { actor: `user:${by.id}`, action: required ? 'activity.cover_required' : 'activity.cover_not_required', target: `activity:${activityId}`, address: by.address, detail: {} });
}
