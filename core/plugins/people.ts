import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { userRoles, users } from '../db/schema/identity.ts';
import { findUserByLogin } from '../identity/users.ts';
import { volunteerProfiles } from '../volunteering/volunteers/schema.ts';

/** What plugins may know of a city's people, without reaching into the core's tables. */

export type Member = { id: string; name: string };

/** A member of this city by email or mobile number (as they sign in), or null. */
export async function findMember(tx: Tx, tenantId: string, login: string): Promise<Member | null> {
  const user = await findUserByLogin(tx, tenantId, login);
  return user ? { id: user.id, name: user.name } : null;
}

/** Display names of members of this city, by id; unknown ids are left out. */
export async function memberNames(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Members of this city holding a role, longest-held first (e.g. to pick who acts in demo data). */
export async function membersWithRole(tx: Tx, tenantId: string, role: string): Promise<Member[]> {
  return tx
    .select({ id: users.id, name: users.name })
    .from(userRoles)
    .innerJoin(users, and(eq(users.tenantId, userRoles.tenantId), eq(users.id, userRoles.userId)))
    .where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.role, role)))
    .orderBy(asc(userRoles.grantedAt), asc(users.id));
}

export type VolunteerFacts = { realName: string; volunteerNumber: string; /** `YYYY-MM-DD` from the identity document, when it carries one. */ birthDate: string | null };

/** A volunteer's real name, number and (if their identity document carries it) date of birth. */
export async function volunteerFacts(tx: Tx, tenantId: string, userId: string): Promise<VolunteerFacts | null> {
  const [row] = await tx
    .select({ realName: volunteerProfiles.realName, volunteerNumber: volunteerProfiles.volunteerNumber, birthDate: volunteerProfiles.birthDate })
    .from(volunteerProfiles)
    .where(and(eq(volunteerProfiles.tenantId, tenantId), eq(volunteerProfiles.userId, userId)));
  return row ?? null;
}
