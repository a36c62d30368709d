import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { type CityWork, type Locale, newId, type Programme } from '../../core/plugin-api.ts';
import { canOnHours, type Viewer } from './access.ts';
import { hoursMessages } from './hours-messages.ts';
import { legalAidApplications, legalAidConsultations, legalAidLawyerHours } from './schema.ts';

export type HoursSource = 'consultation' | 'case';
export type HoursEntry = typeof legalAidLawyerHours.$inferSelect;
export type HoursRefusal = 'not_found' | 'forbidden' | 'already_verified';
export type VerifyRefusal = 'not_found' | 'forbidden' | 'no_firm';

/** What the service record says was done: the kind of work only, nothing of the holder. */
export type HoursWording = { programme: Programme; content: Record<HoursSource, string> };

/** The programme and the work as the service record names them, in the city's language. */
export function hoursWording(locale: Locale): HoursWording {
  const t = hoursMessages[locale];
  return {
    programme: { key: 'lawyer-service', name: t.programme, category: 'legal_aid', description: t.programmeDescription },
    content: { consultation: t.sources('consultation'), case: t.sources('case') },
  };
}

const ofCity = (tenantId: string) => eq(legalAidLawyerHours.tenantId, tenantId);
const target = (id: string) => `legal-aid-card:hours:${id}`;

/** The lawyer who answered a consultation, or the designated lawyer of a case once they cleared conflicts (before that they have seen nothing of it); null when there is none yet. */
async function lawyerOf(w: CityWork, source: HoursSource, sourceId: string): Promise<{ lawyer: string | null } | null> {
  const { tx, tenantId } = w;
  const [row] =
    source === 'consultation'
      ? await tx.select({ lawyer: legalAidConsultations.lawyerUserId }).from(legalAidConsultations).where(and(eq(legalAidConsultations.tenantId, tenantId), eq(legalAidConsultations.id, sourceId)))
      : await tx.select({ lawyer: sql<string | null>`case when ${legalAidApplications.conflictClearedAt} is null then null else ${legalAidApplications.lawyerUserId} end` }).from(legalAidApplications).where(and(eq(legalAidApplications.tenantId, tenantId), eq(legalAidApplications.id, sourceId)));
  return row ?? null;
}

/** Whether the viewer may enter minutes on this consultation or case, checked before reading the form. */
export async function hoursRight(w: CityWork, viewer: Viewer, source: HoursSource, sourceId: string): Promise<'ok' | 'not_found' | 'forbidden'> {
  const found = await lawyerOf(w, source, sourceId);
  if (!found) return 'not_found';
  return canOnHours(viewer, 'enter', found.lawyer) ? 'ok' : 'forbidden';
}

/** Enters (or corrects, until verified) the lawyer's minutes on a consultation or a case. */
export async function enterHours(w: CityWork, viewer: Viewer, source: HoursSource, sourceId: string, minutes: number, now: Date): Promise<'ok' | HoursRefusal> {
  const { tx, tenantId } = w;
  const found = await lawyerOf(w, source, sourceId);
  if (!found) return 'not_found';
  if (!canOnHours(viewer, 'enter', found.lawyer)) return 'forbidden';
  const [entry] = await tx
    .insert(legalAidLawyerHours)
    .values({ tenantId, id: newId(), source, sourceId, lawyerUserId: found.lawyer!, minutes, enteredBy: viewer.id, enteredAt: now })
    .onConflictDoUpdate({
      target: [legalAidLawyerHours.tenantId, legalAidLawyerHours.source, legalAidLawyerHours.sourceId],
      set: { minutes, enteredBy: viewer.id, enteredAt: now },
      setWhere: isNull(legalAidLawyerHours.verifiedAt),
    })
    .returning({ id: legalAidLawyerHours.id });
  if (!entry) return 'already_verified';
  await w.audit({ actor: `user:${viewer.id}`, action: 'legal-aid-card.hours_entered', target: target(entry.id), detail: { minutes } });
  return 'ok';
}

/** The key a verified entry's service record is posted under (the sponsor report finds its place on the ledger by it). */
export const hoursServiceKey = (entryId: string) => `hours:${entryId}`;

/**
 * A coordinator verifies: the minutes become a verified core service record under
 * the lawyer's firm (the first approved organisation they belong to) and post to
 * the ledger. Verifying again posts nothing more: the record is keyed by the entry.
 */
export async function verifyHours(w: CityWork, viewer: Viewer, id: string, wording: HoursWording, address: string | null, now: Date): Promise<'ok' | VerifyRefusal> {
  const { tx, tenantId } = w;
  const [entry] = await tx.select().from(legalAidLawyerHours).where(and(ofCity(tenantId), eq(legalAidLawyerHours.id, id))).for('update');
  if (!entry) return 'not_found';
  if (!canOnHours(viewer, 'verify', entry.lawyerUserId)) return 'forbidden';
  const [firm] = await w.service.organisationsOf(entry.lawyerUserId);
  if (!firm) return 'no_firm';
  const recorded = await w.service.recordVerified({
    key: hoursServiceKey(entry.id),
    volunteerUserId: entry.lawyerUserId,
    organisationId: firm.id,
    programme: wording.programme,
    startedAt: new Date(entry.enteredAt.getTime() - entry.minutes * 60_000),
    minutes: entry.minutes,
    content: wording.content[entry.source],
    verifiedBy: viewer.id,
    address,
  });
  // The firm was approved a moment ago; a refusal here means it no longer is.
  if (!recorded.ok) return 'no_firm';
  if (entry.verifiedAt === null) {
    await tx.update(legalAidLawyerHours).set({ verifiedBy: viewer.id, verifiedAt: now }).where(and(ofCity(tenantId), eq(legalAidLawyerHours.id, id)));
    await w.audit({ actor: `user:${viewer.id}`, action: 'legal-aid-card.hours_verified', target: target(id), address });
  }
  return 'ok';
}

/** A lawyer's own entries, newest first. */
export async function hoursOf(w: CityWork, lawyerId: string): Promise<HoursEntry[]> {
  const { tx, tenantId } = w;
  return tx.select().from(legalAidLawyerHours).where(and(ofCity(tenantId), eq(legalAidLawyerHours.lawyerUserId, lawyerId))).orderBy(desc(legalAidLawyerHours.enteredAt));
}

/** Entries waiting for a coordinator, oldest first. */
export async function hoursAwaitingVerification(w: CityWork): Promise<HoursEntry[]> {
  const { tx, tenantId } = w;
  return tx.select().from(legalAidLawyerHours).where(and(ofCity(tenantId), isNull(legalAidLawyerHours.verifiedAt))).orderBy(asc(legalAidLawyerHours.enteredAt));
}
