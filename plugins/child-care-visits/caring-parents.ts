import { and, desc, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import { newId, parseLocalDate, toLocalDateInput, type CityWork } from '../../core/plugin-api.ts';
import { can, type Viewer } from './access.ts';
import { logAccess, logAccesses } from './access-log.ts';
import { caringParents, childDetails, children, contacts, pairings, type VisitMode } from './schema.ts';
import { dueOn, type VisitRule } from './visits.ts';
import { identifyingParts } from './wishes.ts';

/**
 * Caring parents (爱心家长): a volunteer applies and declares no criminal record;
 * a supervisor records the check and pairs them with one child of their
 * districts under an approved organisation; the caring parent logs contacts,
 * which the child's director confirms into verified service hours on the
 * ledger. The caring parent sees the alias and the next contact due only.
 */

export type CaringParent = typeof caringParents.$inferSelect;
export type Pairing = typeof pairings.$inferSelect;
export type Contact = typeof contacts.$inferSelect;

/** The programme the hours are recorded under, one per organisation. */
export const CARING_PROGRAMME = {
  key: 'caring-parent',
  name: '爱心家长结对关爱',
  category: 'child_care' as const,
  description: '爱心家长与困境儿童结对，定期联系关爱 / Caring parents paired with children in difficulty',
};

export async function applicationOf(w: CityWork, userId: string): Promise<CaringParent | null> {
  const [row] = await w.tx.select().from(caringParents).where(and(eq(caringParents.tenantId, w.tenantId), eq(caringParents.userId, userId)));
  return row ?? null;
}

/** A member applies once; the declaration of no criminal record is required by the form. */
export async function applyAsCaringParent(w: CityWork, userId: string, motivation: string, now = new Date()): Promise<{ ok: true; id: string } | { ok: false; reason: 'already_applied' }> {
  if (await applicationOf(w, userId)) return { ok: false, reason: 'already_applied' };
  const id = newId();
  await w.tx.insert(caringParents).values({ tenantId: w.tenantId, id, userId, declaredNoRecord: true, motivation, appliedAt: now });
  await w.audit({ actor: `user:${userId}`, action: 'child-care-visits.caring_parent_applied', target: `child-care-visits:caring-parent:${id}` });
  return { ok: true, id };
}

/** Applications for a supervisor to vet, oldest first, then the vetted ones. */
export async function applications(w: CityWork): Promise<CaringParent[]> {
  return w.tx.select().from(caringParents).where(eq(caringParents.tenantId, w.tenantId)).orderBy(caringParents.status, caringParents.appliedAt);
}

/** A supervisor records the record check they made and approves, or rejects. False: not an application waiting. */
export async function vetCaringParent(w: CityWork, viewer: Viewer, id: string, decision: { approve: boolean; checkReference: string }, now = new Date()): Promise<boolean> {
  if (viewer.districts.size === 0) return false;
  const [done] = await w.tx
    .update(caringParents)
    .set({ status: decision.approve ? 'approved' : 'rejected', checkReference: decision.checkReference, checkedBy: viewer.id, checkedAt: now })
    .where(and(eq(caringParents.tenantId, w.tenantId), eq(caringParents.id, id), eq(caringParents.status, 'applied')))
    .returning({ id: caringParents.id });
  if (!done) return false;
  await w.audit({ actor: `user:${viewer.id}`, action: decision.approve ? 'child-care-visits.caring_parent_approved' : 'child-care-visits.caring_parent_rejected', target: `child-care-visits:caring-parent:${id}` });
  return true;
}

export type PairInput = { childId: string; caringParentId: string; organisationId: string; alias: string };
export type PairResult = { ok: true; id: string } | { ok: false; reason: 'not_found' | 'not_approved' | 'already_paired' | 'organisation' | 'identifying' };

/** Pairs an approved caring parent with an open case of the supervisor's districts, under an approved organisation the supervisor belongs to. */
export async function pair(w: CityWork, viewer: Viewer, input: PairInput, now = new Date()): Promise<PairResult> {
  const { tx, tenantId } = w;
  const [child] = await tx.select().from(children).where(and(eq(children.tenantId, tenantId), eq(children.id, input.childId)));
  if (!child || !can(viewer, 'pair', child)) return { ok: false, reason: 'not_found' };
  const [parent] = await tx.select().from(caringParents).where(and(eq(caringParents.tenantId, tenantId), eq(caringParents.id, input.caringParentId)));
  if (parent?.status !== 'approved') return { ok: false, reason: 'not_approved' };
  if ((await activePairings(w, { childId: child.id })).length > 0 || (await activePairings(w, { caringParentId: parent.id })).length > 0) return { ok: false, reason: 'already_paired' };
  if (!(await w.service.organisationsOf(viewer.id)).some((o) => o.id === input.organisationId)) return { ok: false, reason: 'organisation' };
  const [details] = await tx.select().from(childDetails).where(and(eq(childDetails.tenantId, tenantId), eq(childDetails.childId, child.id)));
  if (identifyingParts(child, details).some((p) => input.alias.includes(p))) return { ok: false, reason: 'identifying' };
  const id = newId();
  await tx.insert(pairings).values({ tenantId, id, childId: child.id, caringParentId: parent.id, alias: input.alias, organisationId: input.organisationId, pairedBy: viewer.id, pairedOn: toLocalDateInput(now) });
  await logAccess(w, viewer.id, child.id, 'paired', now);
  return { ok: true, id };
}

async function activePairings(w: CityWork, by: { childId: string } | { caringParentId: string }): Promise<Pairing[]> {
  const which = 'childId' in by ? eq(pairings.childId, by.childId) : eq(pairings.caringParentId, by.caringParentId);
  return w.tx.select().from(pairings).where(and(eq(pairings.tenantId, w.tenantId), which, isNull(pairings.endedOn)));
}

/** What the caring parent sees of their child: the alias, the township, the next contact due and their own contacts. */
export type PairingView = { pairing: Pairing; district: string; nextContactOn: string; contacts: Contact[] };

/**
 * The caring parent's own current pairing, or null. `logRead` writes the read
 * to the child's chain: every page that shows it does, except a form sent back
 * with its errors, which must write nothing.
 */
export async function myPairing(w: CityWork, userId: string, rule: VisitRule, options: { logRead: boolean }, now = new Date()): Promise<PairingView | null> {
  const application = await applicationOf(w, userId);
  if (!application) return null;
  const [pairing] = await activePairings(w, { caringParentId: application.id });
  if (!pairing) return null;
  const [child] = await w.tx.select({ district: children.district, riskLevel: children.riskLevel }).from(children).where(and(eq(children.tenantId, w.tenantId), eq(children.id, pairing.childId)));
  const list = await contactsOf(w, pairing.id);
  if (options.logRead) await logAccess(w, userId, pairing.childId, 'pairing_read', now);
  return { pairing, district: child!.district, nextContactOn: dueOn(rule, child!.riskLevel, pairing.pairedOn, list[0]?.contactedOn ?? null), contacts: list };
}

async function contactsOf(w: CityWork, pairingId: string): Promise<Contact[]> {
  return w.tx.select().from(contacts).where(and(eq(contacts.tenantId, w.tenantId), eq(contacts.pairingId, pairingId))).orderBy(desc(contacts.contactedOn), desc(contacts.recordedAt));
}

export type ContactInput = { contactedOn: string; minutes: number; mode: VisitMode; note: string };
export type ContactResult = { ok: true; id: string } | { ok: false; reason: 'not_found' | 'future_date' | 'identifying' };

/** The caring parent logs a contact on their own current pairing; a future date or a note naming the child is refused. */
export async function recordContact(w: CityWork, userId: string, pairingId: string, input: ContactInput, now = new Date()): Promise<ContactResult> {
  const { tx, tenantId } = w;
  const application = await applicationOf(w, userId);
  const [pairing] = application ? (await activePairings(w, { caringParentId: application.id })).filter((p) => p.id === pairingId) : [];
  if (!pairing) return { ok: false, reason: 'not_found' };
  if (input.contactedOn > toLocalDateInput(now)) return { ok: false, reason: 'future_date' };
  const [child] = await tx.select().from(children).where(and(eq(children.tenantId, tenantId), eq(children.id, pairing.childId)));
  const [details] = await tx.select().from(childDetails).where(and(eq(childDetails.tenantId, tenantId), eq(childDetails.childId, pairing.childId)));
  if (identifyingParts(child!, details).some((p) => input.note.includes(p))) return { ok: false, reason: 'identifying' };
  const id = newId();
  await tx.insert(contacts).values({ tenantId, id, pairingId, ...input, recordedAt: now });
  await logAccess(w, userId, pairing.childId, 'contact_recorded', now);
  return { ok: true, id };
}

export type AwaitingContact = Contact & { caringParentUserId: string; alias: string };

/** Contacts with the director's own children waiting for them to confirm, oldest first. */
export async function contactsAwaiting(w: CityWork, viewer: Viewer): Promise<AwaitingContact[]> {
  const { tx, tenantId } = w;
  const rows = await tx
    .select({ contact: contacts, alias: pairings.alias, caringParentUserId: caringParents.userId, child: { directorId: children.directorId, district: children.district, status: children.status } })
    .from(contacts)
    .innerJoin(pairings, and(eq(pairings.tenantId, contacts.tenantId), eq(pairings.id, contacts.pairingId)))
    .innerJoin(caringParents, and(eq(caringParents.tenantId, pairings.tenantId), eq(caringParents.id, pairings.caringParentId)))
    .innerJoin(children, and(eq(children.tenantId, pairings.tenantId), eq(children.id, pairings.childId)))
    .where(and(eq(contacts.tenantId, tenantId), isNull(contacts.confirmedAt), eq(children.directorId, viewer.id)))
    .orderBy(contacts.contactedOn);
  return rows.filter((r) => can(viewer, 'confirm_contact', r.child)).map((r) => ({ ...r.contact, alias: r.alias, caringParentUserId: r.caringParentUserId }));
}

export type ConfirmResult = { ok: true } | { ok: false; reason: 'not_found' | 'organisation_not_approved' | 'bad_minutes' };

/**
 * The child's director confirms a contact took place: it becomes verified
 * service hours of the caring parent under the pairing's organisation. Keyed by
 * the contact, so a second confirmation posts nothing more.
 */
export async function confirmContact(w: CityWork, viewer: Viewer, contactId: string, now = new Date()): Promise<ConfirmResult> {
  const { tx, tenantId } = w;
  const [row] = await tx
    .select({ contact: contacts, pairing: pairings, caringParentUserId: caringParents.userId, child: { directorId: children.directorId, district: children.district, status: children.status } })
    .from(contacts)
    .innerJoin(pairings, and(eq(pairings.tenantId, contacts.tenantId), eq(pairings.id, contacts.pairingId)))
    .innerJoin(caringParents, and(eq(caringParents.tenantId, pairings.tenantId), eq(caringParents.id, pairings.caringParentId)))
    .innerJoin(children, and(eq(children.tenantId, pairings.tenantId), eq(children.id, pairings.childId)))
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
  if (!row || !can(viewer, 'confirm_contact', row.child)) return { ok: false, reason: 'not_found' };
  const recorded = await w.service.recordVerified({
    key: `contact:${contactId}`,
    volunteerUserId: row.caringParentUserId,
    organisationId: row.pairing.organisationId,
    programme: CARING_PROGRAMME,
    startedAt: parseLocalDate(row.contact.contactedOn)!,
    minutes: row.contact.minutes,
    content: `爱心家长结对联系 / Caring-parent contact (${row.contact.mode})`,
    verifiedBy: viewer.id,
    address: null,
  });
  if (!recorded.ok) return recorded;
  if (recorded.created) {
    await tx.update(contacts).set({ confirmedBy: viewer.id, confirmedAt: now }).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
    await logAccess(w, viewer.id, row.pairing.childId, 'contact_confirmed', now);
  }
  return { ok: true };
}

/** Ends the child's current pairings (the case closed): logged in the chain by whoever closed it. */
export async function endPairingsOf(w: CityWork, actorId: string, childIds: string[], now = new Date()): Promise<void> {
  if (childIds.length === 0) return;
  const ended = await w.tx
    .update(pairings)
    .set({ endedOn: toLocalDateInput(now) })
    .where(and(eq(pairings.tenantId, w.tenantId), inArray(pairings.childId, childIds), isNull(pairings.endedOn)))
    .returning({ childId: pairings.childId });
  await logAccesses(w, actorId, ended.map((e) => e.childId), 'pairing_ended', now);
}

/** The child's current pairing, for the supervisor's pairing page. */
export async function currentPairingOf(w: CityWork, childId: string): Promise<Pairing | null> {
  const [row] = await activePairings(w, { childId });
  return row ?? null;
}

/** Approved caring parents with no current pairing, for the supervisor to choose from. */
export async function freeCaringParents(w: CityWork): Promise<CaringParent[]> {
  const { tx, tenantId } = w;
  const busy = tx.select({ id: pairings.caringParentId }).from(pairings).where(and(eq(pairings.tenantId, tenantId), isNull(pairings.endedOn)));
  return tx.select().from(caringParents).where(and(eq(caringParents.tenantId, tenantId), eq(caringParents.status, 'approved'), notInArray(caringParents.id, busy))).orderBy(caringParents.appliedAt);
}
