import { type CityWork } from '../../core/plugin-api.ts';
import { conflictingParties, declarationsByLawyer, partiesFrom } from './conflicts.ts';

/** A lawyer who may take a case, and why they fit it: the case's category among their areas, its district among theirs. */
export type LawyerMatch = { id: string; name: string; areaMatch: boolean; districtMatch: boolean };
export type CaseToMatch = { category: string; district: string | null; adverseParty: string; applicantUserId: string };

export const LAWYER_ROLE = 'legal-aid-card.lawyer';

/**
 * The city's volunteer lawyers for a case, area matches first, then district
 * matches, then the longest-serving: leaving out the applicant and every lawyer whose
 * (or whose firm's) declared conflicts match the adverse party.
 */
export async function matchLawyers(w: CityWork, c: CaseToMatch): Promise<LawyerMatch[]> {
  const declarations = await declarationsByLawyer(w);
  const lawyers = (await w.people.withRole(LAWYER_ROLE)).filter((m) => m.id !== c.applicantUserId);
  const matches = lawyers
    .filter((m) => conflictingParties(partiesFrom(declarations, m.id), c.adverseParty).length === 0)
    .map((m) => {
      const d = declarations.get(m.id);
      return { id: m.id, name: m.name, areaMatch: d?.areas.includes(c.category) ?? false, districtMatch: c.district !== null && (d?.districts.includes(c.district) ?? false) };
    });
  const score = (m: LawyerMatch) => (m.areaMatch ? 2 : 0) + (m.districtMatch ? 1 : 0);
  // Array.prototype.sort is stable: equal scores keep the longest-held role first.
  return matches.sort((a, b) => score(b) - score(a));
}

/** Whether this lawyer would be offered the case: their areas include its category and no conflict. */
export function isOfferedTo(match: readonly LawyerMatch[], lawyerId: string): boolean {
  return match.some((m) => m.id === lawyerId && m.areaMatch);
}
