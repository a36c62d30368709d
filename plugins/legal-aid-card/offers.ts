import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { type CityWork } from '../../core/plugin-api.ts';
import { canOnCase, MAY_ANSWER, type Viewer } from './access.ts';
import { type Application, changeCase, type CaseRefusal, findCase } from './applications.ts';
import { notifyDesignated } from './case-notices.ts';
import { conflictingParties, declarationsByLawyer, partiesFrom } from './conflicts.ts';
import { matchLawyers } from './matching.ts';
import { legalAidApplications } from './schema.ts';

/**
 * An approved case offered to the lawyers whose practice areas include its category,
 * instead of designating one: they see only the category, the district and the
 * designation deadline, and the first to take it (the conflict check passing) is designated.
 */
export type OfferedCase = Pick<Application, 'id' | 'category' | 'district' | 'designationDueAt' | 'offeredAt'>;

const target = (id: string) => `legal-aid-card:case:${id}`;
const open = (c: Application) => c.status === 'approved' && !c.lawyerUserId && !c.closedAt;

/** A coordinator offers the case; refused when no lawyer without a conflict practises its category. */
export function offerCase(w: CityWork, viewer: Viewer, id: string, now: Date) {
  return changeCase(w, viewer, id, (c) => canOnCase(viewer, 'decide', c), async (c) => {
    if (!open(c) || c.offeredAt) return 'wrong_state';
    if (!(await matchLawyers(w, c)).some((m) => m.areaMatch)) return 'no_match';
    return { offeredAt: now, offeredBy: viewer.id };
  }, 'case_offered');
}

export function withdrawOffer(w: CityWork, viewer: Viewer, id: string) {
  return changeCase(w, viewer, id, (c) => canOnCase(viewer, 'decide', c), async (c) => (!open(c) || !c.offeredAt ? 'wrong_state' : { offeredAt: null, offeredBy: null }), 'case_offer_withdrawn');
}

/** Whether the offer is this lawyer's to take: in their areas, not their own case, no conflict of theirs or their firm's. */
function offeredTo(c: Application, lawyerId: string, declarations: Awaited<ReturnType<typeof declarationsByLawyer>>): 'yes' | 'not_theirs' | 'conflict' {
  if (c.applicantUserId === lawyerId || !declarations.get(lawyerId)?.areas.includes(c.category)) return 'not_theirs';
  return conflictingParties(partiesFrom(declarations, lawyerId), c.adverseParty).length > 0 ? 'conflict' : 'yes';
}

/** The cases offered to this lawyer now, soonest designation deadline first: summaries only. */
export async function offersFor(w: CityWork, viewer: Viewer): Promise<OfferedCase[]> {
  if (!viewer.can(MAY_ANSWER)) return [];
  const { tx, tenantId } = w;
  const rows = await tx
    .select()
    .from(legalAidApplications)
    .where(and(eq(legalAidApplications.tenantId, tenantId), eq(legalAidApplications.status, 'approved'), isNotNull(legalAidApplications.offeredAt), isNull(legalAidApplications.lawyerUserId)))
    .orderBy(asc(legalAidApplications.designationDueAt), asc(legalAidApplications.id));
  const declarations = await declarationsByLawyer(w);
  return rows.filter((c) => offeredTo(c, viewer.id, declarations) === 'yes').map(({ id, category, district, designationDueAt, offeredAt }) => ({ id, category, district, designationDueAt, offeredAt }));
}

/**
 * A lawyer takes an offered case. The row is locked (`findCase` reads it FOR UPDATE), so of
 * two lawyers taking at once the second waits and then finds it `taken`. Taking is
 * designation: the same audit entry, the designation deadline met, the applicant told,
 * and the details still hidden until the lawyer confirms no conflict.
 */
export async function takeCase(w: CityWork, viewer: Viewer, id: string, now: Date, siteUrl: string): Promise<'ok' | CaseRefusal> {
  if (!viewer.can(MAY_ANSWER)) return 'forbidden';
  const { tx, tenantId } = w;
  const c = await findCase(w, id);
  if (!c) return 'not_found';
  if (c.lawyerUserId) return 'taken';
  if (!open(c) || !c.offeredAt) return 'wrong_state';
  const right = offeredTo(c, viewer.id, await declarationsByLawyer(w));
  if (right === 'not_theirs') return 'forbidden';
  if (right === 'conflict') return 'conflict';
  const taken = await tx
    .update(legalAidApplications)
    .set({ lawyerUserId: viewer.id, designatedAt: now, conflictClearedAt: null, offeredAt: null, offeredBy: null })
    .where(and(eq(legalAidApplications.tenantId, tenantId), eq(legalAidApplications.id, id), isNull(legalAidApplications.lawyerUserId)))
    .returning({ id: legalAidApplications.id });
  if (taken.length === 0) return 'taken';
  await notifyDesignated(w, c, viewer.id, siteUrl, now);
  await w.audit({ actor: `user:${viewer.id}`, action: 'legal-aid-card.case_designated', target: target(id), detail: { lawyer: viewer.id, via: 'offer' } });
  return 'ok';
}
