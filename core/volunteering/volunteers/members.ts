import { and, count, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { users } from '../../db/schema/identity.ts';
import { grantRole, revokeRole } from '../../identity/users.ts';
import type { MemberRole } from '../shared/catalogue.ts';
import { findOrganisation, type Organisation } from '../organisations/service.ts';
import { organisationMembers } from '../organisations/schema.ts';

/** Who may do what inside one organisation. */
export const MAY_MANAGE_MEMBERS: readonly MemberRole[] = ['org_admin'];
export const MAY_MANAGE_PROJECTS: readonly MemberRole[] = ['org_admin', 'social_worker'];
export const MAY_RUN_ACTIVITIES: readonly MemberRole[] = ['org_admin', 'social_worker', 'team_lead'];
/** Verifying, rejecting, revoking and evaluating service records, and answering disputes. */
export const MAY_VERIFY_HOURS: readonly MemberRole[] = ['org_admin', 'social_worker'];

export async function memberRole(tx: Tx, tenantId: string, organisationId: string, userId: string): Promise<MemberRole | null> {
  const [row] = await tx
    .select({ role: organisationMembers.role })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.tenantId, tenantId), eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
  return row?.role ?? null;
}

export type OrganisationAccess =
  | { ok: true; organisation: Organisation; role: MemberRole }
  | { ok: false; reason: 'not_found' | 'forbidden' };

/**
 * The approved organisation and the user's role in it, if that role is among
 * `allowed`. Unknown (or another city's) id → not_found; anything else → forbidden.
 */
export async function organisationAccess(
  tx: Tx,
  tenantId: string,
  organisationId: string,
  userId: string,
  allowed: readonly MemberRole[],
): Promise<OrganisationAccess> {
  const organisation = await findOrganisation(tx, tenantId, organisationId);
  if (!organisation) return { ok: false, reason: 'not_found' };
  const role = await memberRole(tx, tenantId, organisationId, userId);
  if (organisation.status !== 'approved' || !role || !allowed.includes(role)) return { ok: false, reason: 'forbidden' };
  return { ok: true, organisation, role };
}

export type OrganisationMember = { userId: string; name: string; email: string | null; role: MemberRole; addedAt: Date };

export async function listMembers(tx: Tx, tenantId: string, organisationId: string): Promise<OrganisationMember[]> {
  return tx
    .select({ userId: users.id, name: users.name, email: users.email, role: organisationMembers.role, addedAt: organisationMembers.addedAt })
    .from(organisationMembers)
    .innerJoin(users, and(eq(users.tenantId, organisationMembers.tenantId), eq(users.id, organisationMembers.userId)))
    .where(and(eq(organisationMembers.tenantId, tenantId), eq(organisationMembers.organisationId, organisationId)))
    .orderBy(organisationMembers.role, users.name);
}

type Change = { actorId: string; address: string | null };
export type AddMemberResult = { ok: true; name: string } | { ok: false; reason: 'no_user' | 'already_member' };

/** Adds an existing user of this city, found by email, to the organisation with a role. */
export async function addMember(
  tx: Tx,
  tenantId: string,
  organisationId: string,
  input: { email: string; role: MemberRole } & Change,
): Promise<AddMemberResult> {
  const [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.email, input.email)));
  if (!user) return { ok: false, reason: 'no_user' };
  const [row] = await tx
    .insert(organisationMembers)
    .values({ tenantId, organisationId, userId: user.id, role: input.role, addedBy: input.actorId })
    .onConflictDoNothing()
    .returning({ userId: organisationMembers.userId });
  if (!row) return { ok: false, reason: 'already_member' };
  if (input.role === 'org_admin') await grantRole(tx, tenantId, user.id, 'org_admin');
  await recordAudit(tx, tenantId, {
    actor: `user:${input.actorId}`,
    action: 'organisation.member_added',
    target: `user:${user.id}`,
    address: input.address,
    detail: { organisation: organisationId, role: input.role },
  });
  return { ok: true, name: user.name };
}

export type RemoveMemberResult = { ok: true } | { ok: false; reason: 'not_member' | 'last_admin' };

/**
 * Removes a member. The last administrator stays, so an organisation is never
 * left without one; the city role org_admin goes when they administer nothing else.
 */
export async function removeMember(tx: Tx, tenantId: string, organisationId: string, userId: string, change: Change): Promise<RemoveMemberResult> {
  // Locking the organisation row makes two admins removing each other take turns.
  await findOrganisation(tx, tenantId, organisationId, true);
  const role = await memberRole(tx, tenantId, organisationId, userId);
  if (!role) return { ok: false, reason: 'not_member' };
  const inThisOrg = and(eq(organisationMembers.tenantId, tenantId), eq(organisationMembers.organisationId, organisationId));
  if (role === 'org_admin') {
    const [admins] = await tx.select({ n: count() }).from(organisationMembers).where(and(inThisOrg, eq(organisationMembers.role, 'org_admin')));
    if ((admins?.n ?? 0) <= 1) return { ok: false, reason: 'last_admin' };
  }
  await tx.delete(organisationMembers).where(and(inThisOrg, eq(organisationMembers.userId, userId)));
  if (role === 'org_admin') {
    const [elsewhere] = await tx
      .select({ n: count() })
      .from(organisationMembers)
      .where(and(eq(organisationMembers.tenantId, tenantId), eq(organisationMembers.userId, userId), eq(organisationMembers.role, 'org_admin')));
    if ((elsewhere?.n ?? 0) === 0) await revokeRole(tx, tenantId, userId, 'org_admin');
  }
  await recordAudit(tx, tenantId, {
    actor: `user:${change.actorId}`,
    action: 'organisation.member_removed',
    target: `user:${userId}`,
    address: change.address,
    detail: { organisation: organisationId, role },
  });
  return { ok: true };
}
