import { and, asc, count, eq, isNotNull } from 'drizzle-orm';
import type { CityWork, Locale } from '../../core/plugin-api.ts';
import { MAY_ANSWER, MAY_COORDINATE, type Viewer } from './access.ts';
import { enterHours, hoursWording, verifyHours } from './lawyer-hours.ts';
import { legalAidApplications, legalAidConsultations, legalAidLawyerHours } from './schema.ts';

/**
 * The demo lawyer's hours, verified by the demo coordinator onto the ledger: on the
 * first consultation they answered and the first case they cleared conflicts on. They
 * are recorded under the lawyer's firm, which the city's manifest declares. Runs
 * once: skipped when the city has lawyer hours, so a city seeded before gets them.
 */
export async function seedHours(w: CityWork, locale: Locale, now: Date): Promise<void> {
  const [{ n }] = (await w.tx.select({ n: count() }).from(legalAidLawyerHours).where(eq(legalAidLawyerHours.tenantId, w.tenantId))) as [{ n: number }];
  if (n > 0) return;
  const [lawyer] = await w.people.withRole('legal-aid-card.lawyer');
  const [coordinator] = await w.people.withRole('legal-aid-card.coordinator');
  if (!lawyer || !coordinator || (await w.service.organisationsOf(lawyer.id)).length === 0) return;
  const [answered] = await w.tx
    .select({ id: legalAidConsultations.id })
    .from(legalAidConsultations)
    .where(and(eq(legalAidConsultations.tenantId, w.tenantId), eq(legalAidConsultations.lawyerUserId, lawyer.id), eq(legalAidConsultations.status, 'answered')))
    .orderBy(asc(legalAidConsultations.askedAt))
    .limit(1);
  const [worked] = await w.tx
    .select({ id: legalAidApplications.id })
    .from(legalAidApplications)
    .where(and(eq(legalAidApplications.tenantId, w.tenantId), eq(legalAidApplications.lawyerUserId, lawyer.id), isNotNull(legalAidApplications.conflictClearedAt)))
    .orderBy(asc(legalAidApplications.submittedAt))
    .limit(1);

  const counsel: Viewer = { id: lawyer.id, can: (p) => p === MAY_ANSWER };
  const boss: Viewer = { id: coordinator.id, can: (p) => p === MAY_COORDINATE };
  const wording = hoursWording(locale);
  const entries = [answered && { source: 'consultation' as const, id: answered.id, minutes: 45 }, worked && { source: 'case' as const, id: worked.id, minutes: 240 }];
  for (const entry of entries) {
    if (!entry || (await enterHours(w, counsel, entry.source, entry.id, entry.minutes, now)) !== 'ok') continue;
    const [row] = await w.tx
      .select({ id: legalAidLawyerHours.id })
      .from(legalAidLawyerHours)
      .where(and(eq(legalAidLawyerHours.tenantId, w.tenantId), eq(legalAidLawyerHours.source, entry.source), eq(legalAidLawyerHours.sourceId, entry.id)));
    if (row) await verifyHours(w, boss, row.id, wording, null, now);
  }
}
