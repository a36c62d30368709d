import { and, eq, gt, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { invitations } from '../db/schema/identity.ts';
import type { LocalizedText } from '../db/schema/tenancy.ts';
import { queueMessage } from '../messages/outbox.ts';
import { invitationKind } from './message-kinds.ts';
import { hashPassword } from './passwords.ts';
import { randomToken, hashSecretHex } from './tokens.ts';
import { createUser, findUserByLogin, grantRole } from './users.ts';

export const INVITATION_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export type Invitation = typeof invitations.$inferSelect;

/** A one-time link for `email` to join the city with `role`; only the token's hash is stored. */
export async function createInvitation(
  tx: Tx,
  tenantId: string,
  input: { email: string; role: string; invitedBy: string },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const id = newId();
  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * DAY_MS);
  await tx.insert(invitations).values({
    tenantId,
    id,
    email: input.email.trim().toLowerCase(),
    role: input.role,
    tokenHash: hashSecretHex(token),
    invitedBy: input.invitedBy,
    expiresAt,
  });
  return { id, token, expiresAt };
}

export type EmailInvitation = {
  email: string;
  role: string;
  roleNames: LocalizedText;
  /** Who invites, as the audit log names actors (`user:<id>`, `platform:<email>`). */
  invitedBy: string;
  address: string | null;
  /** The city's site as the invited person opens it (origin and any `/t/<slug>` prefix). */
  siteUrl: string;
};

/**
 * Invites `email` to the city with `role`, mails them the link in this
 * transaction (a rollback sends nothing) and writes the audit entry. Returns
 * the link: the page that made it still shows it, for platforms without mail.
 */
export async function inviteByEmail(tx: Tx, tenantId: string, input: EmailInvitation): Promise<string> {
  const email = input.email.trim().toLowerCase();
  const created = await createInvitation(tx, tenantId, { email, role: input.role, invitedBy: input.invitedBy });
  const inviteUrl = `${input.siteUrl}/invite/${created.token}`;
  await queueMessage(
    tx,
    tenantId,
    invitationKind,
    { email },
    { link: inviteUrl, roleZh: input.roleNames['zh-CN'], roleEn: input.roleNames.en, days: INVITATION_DAYS },
    `invitation:${created.id}`,
  );
  await recordAudit(tx, tenantId, { actor: input.invitedBy, action: 'invitation.created', target: created.id, address: input.address, detail: { email, role: input.role } });
  return inviteUrl;
}

/** The invitation behind a token if it is neither accepted nor expired; `lock` holds it until the transaction ends. */
export async function findOpenInvitation(tx: Tx, tenantId: string, token: string, lock = false): Promise<Invitation | null> {
  const query = tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        eq(invitations.tokenHash, hashSecretHex(token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** Whether the invited email already has an account in this city (then they confirm with its password). */
export async function invitedUserExists(tx: Tx, tenantId: string, invitation: Invitation): Promise<boolean> {
  return (await findUserByLogin(tx, tenantId, invitation.email)) !== null;
}

export type AcceptResult =
  | { kind: 'accepted'; userId: string; created: boolean; role: string; email: string; name: string }
  | { kind: 'invalid' }
  | { kind: 'wrong-password' };

/**
 * Uses an invitation: creates the invited user with this name and password, or,
 * when the email already has an account here, takes `confirmedUserId`: the
 * account whose password the guarded sign-in check accepted. Grants the role and
 * marks the invitation used. Call inside one transaction: nothing is written
 * unless everything is.
 */
export async function acceptInvitation(
  tx: Tx,
  tenantId: string,
  input: { token: string; name: string; password: string; confirmedUserId: string | null; address?: string | null },
): Promise<AcceptResult> {
  const invitation = await findOpenInvitation(tx, tenantId, input.token, true);
  if (!invitation) return { kind: 'invalid' };
  const existing = await findUserByLogin(tx, tenantId, invitation.email);
  // An account that appeared after the check (or another one) was not confirmed.
  if (existing && existing.id !== input.confirmedUserId) return { kind: 'wrong-password' };
  const name = existing?.name ?? input.name;
  const userId =
    existing?.id ??
    (await createUser(tx, tenantId, { name, email: invitation.email, passwordHash: await hashPassword(input.password) }));
  await grantRole(tx, tenantId, userId, invitation.role);
  await tx
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, invitation.id)));
  const actor = `user:${userId}`;
  await recordAudit(tx, tenantId, {
    actor,
    action: 'invitation.accepted',
    target: invitation.id,
    address: input.address,
    detail: { email: invitation.email, role: invitation.role, newUser: !existing },
  });
  await recordAudit(tx, tenantId, {
    actor: invitation.invitedBy,
    action: 'role.granted',
    target: actor,
    address: input.address,
    detail: { role: invitation.role, through: `invitation:${invitation.id}` },
  });
  return { kind: 'accepted', userId, created: !existing, role: invitation.role, email: invitation.email, name };
}
