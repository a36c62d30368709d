import { and, eq, inArray, lte, ne } from 'drizzle-orm';
import { toLocalDateInput, type CityWork } from '../../core/plugin-api.ts';
import { can, type Viewer } from './access.ts';
import { logAccess, logAccesses } from './access-log.ts';
import { endPairingsOf } from './caring-parents.ts';
import { children, consents, contacts, pairings, referrals, visits, wishes, type CloseReason } from './schema.ts';
import { addDays } from './visits.ts';

/**
 * Retention: a supervisor closes a child's case when the child leaves care;
 * once the city's retention period has passed, the daily job erases the
 * personal data and keeps an anonymous stub (township, risk level, dates) so
 * the counts and the timeliness trend stay true.
 *
 * The access chain is left as it is: its entries hold only ids, an action and
 * a time, none of them personal once the record behind the id is erased, so
 * nothing in it is deleted or rewritten and the chain still verifies. The
 * erasure itself is appended as an entry by SYSTEM_ACTOR.
 */

/** The actor of entries the retention job writes: nobody signed in (the nil UUID). */
export const SYSTEM_ACTOR = '00000000-0000-0000-0000-000000000000';

/** Closes an open case with its reason; wishes nobody has claimed are withdrawn and the caring parent's pairing ends. */
export async function closeCase(w: CityWork, viewer: Viewer, childId: string, reason: CloseReason, now = new Date()): Promise<boolean> {
  const { tx, tenantId } = w;
  const [child] = await tx.select().from(children).where(and(eq(children.tenantId, tenantId), eq(children.id, childId)));
  if (!child || !can(viewer, 'close', child)) return false;
  await tx.update(children).set({ status: 'closed', closedOn: toLocalDateInput(now), closeReason: reason, closedBy: viewer.id }).where(and(eq(children.tenantId, tenantId), eq(children.id, childId)));
  await tx.delete(wishes).where(and(eq(wishes.tenantId, tenantId), eq(wishes.childId, childId), eq(wishes.status, 'open')));
  await logAccess(w, viewer.id, childId, 'case_closed', now);
  await endPairingsOf(w, viewer.id, [childId], now);
  return true;
}

/**
 * Erases the records closed at least `retentionDays` ago: name, village and risk
 * reasons blanked, the consent and details deleted, visit notes and referral
 * reasons blanked, wishes not fulfilled deleted (fulfilled ones were public and
 * anonymous already), pairings ended and their aliases and contact notes blanked. Returns how many were erased; a rerun finds none.
 */
export async function eraseExpired(w: CityWork, retentionDays: number, now = new Date()): Promise<number> {
  const { tx, tenantId } = w;
  const today = toLocalDateInput(now);
  const due = await tx.select({ id: children.id }).from(children).where(and(eq(children.tenantId, tenantId), eq(children.status, 'closed'), lte(children.closedOn, addDays(today, -retentionDays))));
  const ids = due.map((d) => d.id);
  if (ids.length === 0) return 0;
  const mine = eq(children.tenantId, tenantId);
  await tx.update(children).set({ name: '', village: '', riskReasons: '', status: 'erased', erasedOn: today }).where(and(mine, inArray(children.id, ids)));
  // The details' foreign key cascades from the consent: both go.
  await tx.delete(consents).where(and(eq(consents.tenantId, tenantId), inArray(consents.childId, ids)));
  await tx.update(visits).set({ findings: '', needs: '', followUp: '' }).where(and(eq(visits.tenantId, tenantId), inArray(visits.childId, ids)));
  await tx.update(referrals).set({ reason: '' }).where(and(eq(referrals.tenantId, tenantId), inArray(referrals.childId, ids)));
  await tx.delete(wishes).where(and(eq(wishes.tenantId, tenantId), inArray(wishes.childId, ids), ne(wishes.status, 'fulfilled')));
  await endPairingsOf(w, SYSTEM_ACTOR, ids, now);
  const theirPairings = tx.select({ id: pairings.id }).from(pairings).where(and(eq(pairings.tenantId, tenantId), inArray(pairings.childId, ids)));
  await tx.update(contacts).set({ note: '' }).where(and(eq(contacts.tenantId, tenantId), inArray(contacts.pairingId, theirPairings)));
  await tx.update(pairings).set({ alias: '' }).where(and(eq(pairings.tenantId, tenantId), inArray(pairings.childId, ids)));
  await logAccesses(w, SYSTEM_ACTOR, ids, 'erased', now);
  return ids.length;
}
