import { and, count, desc, eq, ne, or } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { users } from '../../db/schema/identity.ts';
import { grantRole } from '../../identity/users.ts';
import type { OrganisationKind } from '../shared/catalogue.ts';
import { organisationMembers, organisations } from './schema.ts';

export type Organisation = typeof organisations.$inferSelect;
export type OrganisationApplication = {
  name: string;
  kind: OrganisationKind;
  description: string;
  district: string;
  contactPhone: string;
  creditCode: string | null;
};

export type ApplyResult = { ok: true; id: string } | { ok: false; field: 'name' | 'creditCode' };

/**
 * Files an application. A name or credit code already used by a live (pending
 * or approved) organisation of this city is refused; the unique indexes settle races.
 */
export async function applyForOrganisation(tx: Tx, tenantId: string, applicantId: string, input: OrganisationApplication): Promise<ApplyResult> {
  const live = ne(organisations.status, 'rejected');
  const clash = await tx
    .select({ name: organisations.name, creditCode: organisations.creditCode })
    .from(organisations)
    .where(and(eq(organisations.tenantId, tenantId), live, or(eq(organisations.name, input.name), input.creditCode ? eq(organisations.creditCode, input.creditCode) : undefined)));
  if (clash.some((o) => o.name === input.name)) return { ok: false, field: 'name' };
  if (clash.length > 0) return { ok: false, field: 'creditCode' };
  const id = newId();
  const [row] = await tx
    .insert(organisations)
    .values({ tenantId, id, applicantId, ...input })
    .onConflictDoNothing()
    .returning({ id: organisations.id });
  return row ? { ok: true, id } : { ok: false, field: 'name' };
}

export async function findOrganisation(tx: Tx, tenantId: string, id: string, lock = false): Promise<Organisation | null> {
  const query = tx.select().from(organisations).where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** One page of organisations in one status, newest first (approved ones by name). */
export async function listOrganisations(tx: Tx, tenantId: string, status: Organisation['status'], page: number, pageSize: number) {
  const where = and(eq(organisations.tenantId, tenantId), eq(organisations.status, status));
  const [total] = await tx.select({ n: count() }).from(organisations).where(where);
  const rows = await tx
    .select({ organisation: organisations, applicantName: users.name })
    .from(organisations)
    .innerJoin(users, and(eq(users.tenantId, organisations.tenantId), eq(users.id, organisations.applicantId)))
    .where(where)
    .orderBy(status === 'approved' ? organisations.name : desc(organisations.createdAt), organisations.id)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
}

/** What a signed-in user has to do with organisations: their applications, and where they are a member. */
export async function organisationsOfUser(tx: Tx, tenantId: string, userId: string) {
  return tx
    .select({ organisation: organisations, role: organisationMembers.role })
    .from(organisations)
    .leftJoin(
      organisationMembers,
      and(eq(organisationMembers.tenantId, organisations.tenantId), eq(organisationMembers.organisationId, organisations.id), eq(organisationMembers.userId, userId)),
    )
    .where(and(eq(organisations.tenantId, tenantId), or(eq(organisations.applicantId, userId), eq(organisationMembers.userId, userId))))
    .orderBy(desc(organisations.createdAt));
}

export type Review = { reviewerId: string; address: string | null };
export type ReviewResult = { ok: true; organisation: Organisation } | { ok: false; reason: 'not_found' | 'not_pending' };

/** Approves a pending application: the applicant becomes its administrator and gets the city role org_admin. */
export async function approveOrganisation(tx: Tx, tenantId: string, id: string, review: Review): Promise<ReviewResult> {
  const organisation = await findOrganisation(tx, tenantId, id, true);
  if (!organisation) return { ok: false, reason: 'not_found' };
  if (organisation.status !== 'pending') return { ok: false, reason: 'not_pending' };
  const reviewedAt = new Date();
  await tx
    .update(organisations)
    .set({ status: 'approved', reviewedBy: review.reviewerId, reviewedAt })
    .where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, id)));
  await tx
    .insert(organisationMembers)
    .values({ tenantId, organisationId: id, userId: organisation.applicantId, role: 'org_admin', addedBy: review.reviewerId })
    .onConflictDoNothing();
  await grantRole(tx, tenantId, organisation.applicantId, 'org_admin');
  const actor = `user:${review.reviewerId}`;
  await recordAudit(tx, tenantId, { actor, action: 'organisation.approved', target: `organisation:${id}`, address: review.address });
  await recordAudit(tx, tenantId, { actor, action: 'role.granted', target: `user:${organisation.applicantId}`, address: review.address, detail: { role: 'org_admin', organisation: id } });
  return { ok: true, organisation: { ...organisation, status: 'approved', reviewedBy: review.reviewerId, reviewedAt } };
}

/** Rejects a pending application; the applicant sees the reason on the organisation's page. */
export async function rejectOrganisation(tx: Tx, tenantId: string, id: string, reason: string, review: Review): Promise<ReviewResult> {
  const organisation = await findOrganisation(tx, tenantId, id, true);
  if (!organisation) return { ok: false, reason: 'not_found' };
  if (organisation.status !== 'pending') return { ok: false, reason: 'not_pending' };
  const reviewedAt = new Date();
  await tx
    .update(organisations)
    .set({ status: 'rejected', rejectionReason: reason, reviewedBy: review.reviewerId, reviewedAt })
    .where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, id)));
  await recordAudit(tx, tenantId, {
    actor: `user:${review.reviewerId}`,
    action: 'organisation.rejected',
    target: `organisation:${id}`,
    address: review.address,
    detail: { reason },
  });
  return { ok: true, organisation: { ...organisation, status: 'rejected', rejectionReason: reason, reviewedBy: review.reviewerId, reviewedAt } };
}
