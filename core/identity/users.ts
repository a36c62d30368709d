import { and, eq, or } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { userRoles, users } from '../db/schema/identity.ts';

export type NewUser = { name: string; email?: string | null; mobile?: string | null; passwordHash: string | null };

function userRow(tenantId: string, input: NewUser) {
  return {
    tenantId,
    id: newId(),
    name: input.name,
    email: input.email?.toLowerCase() ?? null,
    mobile: input.mobile ?? null,
    passwordHash: input.passwordHash,
  };
}

export async function createUser(tx: Tx, tenantId: string, input: NewUser): Promise<string> {
  const row = userRow(tenantId, input);
  await tx.insert(users).values(row);
  return row.id;
}

/**
 * Creates the user unless the email or mobile is already taken in this city (null
 * then). The unique indexes decide, so two registrations racing for one address
 * cannot both win, and the transaction stays usable.
 */
export async function createUserUnlessTaken(tx: Tx, tenantId: string, input: NewUser): Promise<string | null> {
  const [row] = await tx.insert(users).values(userRow(tenantId, input)).onConflictDoNothing().returning({ id: users.id });
  return row?.id ?? null;
}

/** A user by email (case-insensitive) or mobile number, in one city. */
export async function findUserByLogin(tx: Tx, tenantId: string, login: string) {
  const value = login.trim();
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), or(eq(users.email, value.toLowerCase()), eq(users.mobile, value))));
  return row ?? null;
}

export async function grantRole(tx: Tx, tenantId: string, userId: string, role: string): Promise<void> {
  await tx.insert(userRoles).values({ tenantId, userId, role }).onConflictDoNothing();
}

export async function revokeRole(tx: Tx, tenantId: string, userId: string, role: string): Promise<void> {
  await tx.delete(userRoles).where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.userId, userId), eq(userRoles.role, role)));
}
