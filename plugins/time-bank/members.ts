import { and, eq } from 'drizzle-orm';
import { toLocalDateInput, type CityWork } from '../../core/plugin-api.ts';
import { timeBankMembers } from './schema.ts';

/** A member's birth date: from the identity card on their volunteer profile, else the one they declared here. */
export async function birthDateOf(w: CityWork, userId: string): Promise<{ birthDate: string | null; source: 'identity_card' | 'declared' | null }> {
  const { tx, tenantId } = w;
  const facts = await w.people.volunteerFacts(userId);
  if (facts?.birthDate) return { birthDate: facts.birthDate, source: 'identity_card' };
  const [row] = await tx.select().from(timeBankMembers).where(and(eq(timeBankMembers.tenantId, tenantId), eq(timeBankMembers.userId, userId)));
  return row?.birthDate ? { birthDate: row.birthDate, source: 'declared' } : { birthDate: null, source: null };
}

/** Full years between a `YYYY-MM-DD` birth date and today in China. */
export function ageOn(birthDate: string, now: Date): number {
  const today = toLocalDateInput(now);
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** Declares a birth date once; a second declaration (or one with a card on file) changes nothing. */
export async function declareBirthDate(w: CityWork, userId: string, birthDate: string): Promise<boolean> {
  const { tx, tenantId } = w;
  if ((await birthDateOf(w, userId)).birthDate) return false;
  const inserted = await tx.insert(timeBankMembers).values({ tenantId, userId, birthDate }).onConflictDoNothing().returning();
  return inserted.length === 1;
}
