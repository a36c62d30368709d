import { and, eq, or, sql } from 'drizzle-orm';
import { newId, toLocalDateInput, type CityWork } from '../../core/plugin-api.ts';
import { CENTS } from './credits.ts';
import { timeBankFamilyLinks, timeBankFamilyTransfers } from './schema.ts';
import { moveCredits } from './spending.ts';

/**
 * Family: a member asks another to be linked as family; the other confirms.
 * Linked members give each other credits within the city's yearly limit, so
 * an older parent can withdraw their child's stored time as elder care.
 */

export type FamilyLink = typeof timeBankFamilyLinks.$inferSelect & { otherId: string; otherName: string; askedByMe: boolean };

const mine = (tenantId: string, userId: string) =>
  and(eq(timeBankFamilyLinks.tenantId, tenantId), or(eq(timeBankFamilyLinks.requesterId, userId), eq(timeBankFamilyLinks.relativeId, userId)));

export async function familyOf(w: CityWork, userId: string): Promise<FamilyLink[]> {
  const { tx, tenantId } = w;
  const rows = await tx.select().from(timeBankFamilyLinks).where(mine(tenantId, userId)).orderBy(timeBankFamilyLinks.createdAt);
  const others = rows.map((r) => (r.requesterId === userId ? r.relativeId : r.requesterId));
  const names = await w.people.names(others);
  return rows.map((r, i) => ({ ...r, otherId: others[i]!, otherName: names.get(others[i]!) ?? '', askedByMe: r.requesterId === userId }));
}

export type LinkResult = { ok: true } | { ok: false; reason: 'self' | 'exists' };

export async function askFamilyLink(w: CityWork, requesterId: string, relativeId: string, relation: string): Promise<LinkResult> {
  const { tx, tenantId } = w;
  if (requesterId === relativeId) return { ok: false, reason: 'self' };
  const inserted = await tx.insert(timeBankFamilyLinks).values({ tenantId, id: newId(), requesterId, relativeId, relation }).onConflictDoNothing().returning();
  return inserted.length === 1 ? { ok: true } : { ok: false, reason: 'exists' };
}

/** Only the member who was asked confirms. */
export async function confirmFamilyLink(w: CityWork, linkId: string, userId: string, now = new Date()): Promise<boolean> {
  const { tx, tenantId } = w;
  const done = await tx
    .update(timeBankFamilyLinks)
    .set({ status: 'confirmed', confirmedAt: now })
    .where(and(eq(timeBankFamilyLinks.tenantId, tenantId), eq(timeBankFamilyLinks.id, linkId), eq(timeBankFamilyLinks.relativeId, userId), eq(timeBankFamilyLinks.status, 'pending')))
    .returning({ id: timeBankFamilyLinks.id });
  return done.length === 1;
}

/** Either side removes the link (or withdraws or declines the request). */
export async function removeFamilyLink(w: CityWork, linkId: string, userId: string): Promise<boolean> {
  const { tx, tenantId } = w;
  const done = await tx.delete(timeBankFamilyLinks).where(and(eq(timeBankFamilyLinks.id, linkId), mine(tenantId, userId))).returning({ id: timeBankFamilyLinks.id });
  return done.length === 1;
}

const yearOf = (now: Date) => Number(toLocalDateInput(now).slice(0, 4));

/** Credits (hundredths) the member gave to family in this calendar year (China time). */
export async function givenThisYear(w: CityWork, fromId: string, now: Date): Promise<number> {
  const { tx, tenantId } = w;
  const [row] = await tx
    .select({ sum: sql<number>`coalesce(sum(${timeBankFamilyTransfers.amount}), 0)`.mapWith(Number) })
    .from(timeBankFamilyTransfers)
    .where(and(eq(timeBankFamilyTransfers.tenantId, tenantId), eq(timeBankFamilyTransfers.fromId, fromId), eq(timeBankFamilyTransfers.year, yearOf(now))));
  return row?.sum ?? 0;
}

export type GiveResult = { ok: true } | { ok: false; reason: 'not_family' | 'over_limit' | 'insufficient'; left?: number };

/** Gives credits to a confirmed family member, within `limitCredits` whole credits a year. */
export async function giveToFamily(w: CityWork, fromId: string, toId: string, amount: number, limitCredits: number, now = new Date()): Promise<GiveResult> {
  const { tx, tenantId } = w;
  // The ledger lock also orders two gifts of one member at once, so the yearly sum cannot be raced past.
  await w.ledger.lock();
  const [link] = await tx
    .select({ id: timeBankFamilyLinks.id })
    .from(timeBankFamilyLinks)
    .where(
      and(
        eq(timeBankFamilyLinks.tenantId, tenantId),
        eq(timeBankFamilyLinks.status, 'confirmed'),
        or(and(eq(timeBankFamilyLinks.requesterId, fromId), eq(timeBankFamilyLinks.relativeId, toId)), and(eq(timeBankFamilyLinks.requesterId, toId), eq(timeBankFamilyLinks.relativeId, fromId))),
      ),
    );
  if (!link) return { ok: false, reason: 'not_family' };
  const left = limitCredits * CENTS - (await givenThisYear(w, fromId, now));
  if (amount > left) return { ok: false, reason: 'over_limit', left: Math.max(0, left) };
  const id = newId();
  const moved = await moveCredits(w, fromId, toId, amount, { idempotencyKey: `time-bank:family:${id}`, kind: 'time-bank.family_transfer', memo: { to: toId, from: fromId }, source: 'family', ref: id }, now);
  if (!moved.ok) return { ok: false, reason: 'insufficient' };
  await tx.insert(timeBankFamilyTransfers).values({ tenantId, id, fromId, toId, amount, year: yearOf(now), transferId: moved.transfer.id, createdAt: now });
  return { ok: true };
}
