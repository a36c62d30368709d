import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { grantRole } from '../../identity/users.ts';
import { volunteerNumberCounters, volunteerProfiles } from '../schema.ts';

export type VolunteerProfile = typeof volunteerProfiles.$inferSelect;
export type ProfileInput = {
  realName: string;
  mobile: string;
  skills: string[];
  serviceAreas: string[];
  availability: string[];
  idCardNumber: string | null;
};

export async function findProfile(tx: Tx, tenantId: string, userId: string): Promise<VolunteerProfile | null> {
  const [row] = await tx.select().from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, tenantId), eq(volunteerProfiles.userId, userId)));
  return row ?? null;
}

/**
 * The city's next volunteer number, e.g. `XIAMEN-000042`. One statement creates
 * or bumps the counter row and returns the new value; the row lock it takes
 * makes concurrent completions queue, so no two get the same number.
 */
export async function nextVolunteerNumber(tx: Tx, tenantId: string, slug: string): Promise<string> {
  const [row] = await tx
    .insert(volunteerNumberCounters)
    .values({ tenantId, lastNumber: 1 })
    .onConflictDoUpdate({ target: volunteerNumberCounters.tenantId, set: { lastNumber: sql`${volunteerNumberCounters.lastNumber} + 1` } })
    .returning({ n: volunteerNumberCounters.lastNumber });
  return `${slug.toUpperCase()}-${String(row!.n).padStart(6, '0')}`;
}

/**
 * Creates or updates the profile. Completing it the first time hands out a
 * volunteer number and grants the city role `volunteer`; later saves keep the number.
 */
export async function saveProfile(
  tx: Tx,
  tenant: { id: string; slug: string },
  userId: string,
  input: ProfileInput,
): Promise<{ profile: VolunteerProfile; created: boolean }> {
  const existing = await findProfile(tx, tenant.id, userId);
  if (existing) {
    const [profile] = await tx
      .update(volunteerProfiles)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(volunteerProfiles.tenantId, tenant.id), eq(volunteerProfiles.userId, userId)))
      .returning();
    return { profile: profile!, created: false };
  }
  const volunteerNumber = await nextVolunteerNumber(tx, tenant.id, tenant.slug);
  // Two first saves of one user racing: the second becomes an update and its number is left unused.
  const [profile] = await tx
    .insert(volunteerProfiles)
    .values({ tenantId: tenant.id, userId, volunteerNumber, ...input })
    .onConflictDoUpdate({ target: [volunteerProfiles.tenantId, volunteerProfiles.userId], set: { ...input, updatedAt: new Date() } })
    .returning();
  await grantRole(tx, tenant.id, userId, 'volunteer');
  return { profile: profile!, created: profile!.volunteerNumber === volunteerNumber };
}
