import { and, eq, sql } from 'drizzle-orm';
import { type CityWork, selectBuiltOnce } from '../../core/plugin-api.ts';
import { legalAidLawyerConflicts } from './schema.ts';

export type Conflicts = { firm: string; parties: string };

/**
 * Names compared without spaces, punctuation, case or a company's legal form:
 * `张 三` and `张三` are one party, and so are `椰林建筑公司` and `椰林建筑有限公司`.
 */
const LEGAL_FORM = /(股份有限公司|有限责任公司|有限公司|公司|集团|colimited|coltd|limited|ltd|inc)$/;
const normalised = (name: string) => name.toLowerCase().replace(/[\s\p{P}]/gu, '').replace(LEGAL_FORM, '');

/** The declared parties that match the adverse party (either contains the other), for the conflict check. */
export function conflictingParties(declared: string, adverseParty: string): string[] {
  const adverse = normalised(adverseParty);
  if (!adverse) return [];
  return declared
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => {
      const party = normalised(line);
      return party.length > 0 && (adverse.includes(party) || party.includes(adverse));
    });
}

export async function conflictsOf(w: CityWork, lawyerId: string): Promise<Conflicts> {
  const { tx, tenantId } = w;
  const [row] = await tx.select().from(legalAidLawyerConflicts).where(and(eq(legalAidLawyerConflicts.tenantId, tenantId), eq(legalAidLawyerConflicts.userId, lawyerId)));
  return { firm: row?.firm ?? '', parties: row?.parties ?? '' };
}

/**
 * The parties a lawyer is checked against: their own declaration and that of every
 * lawyer who declared the same firm (compared as names are), so a conflict one
 * lawyer of a firm declared holds for the whole firm.
 */
export async function partiesOfLawyerAndFirm(w: CityWork, lawyerId: string): Promise<string> {
  const { tx, tenantId } = w;
  const declarations = await tx.select().from(legalAidLawyerConflicts).where(eq(legalAidLawyerConflicts.tenantId, tenantId));
  const own = declarations.find((d) => d.userId === lawyerId);
  if (!own) return '';
  const firm = normalised(own.firm);
  return declarations
    .filter((d) => d.userId === lawyerId || (firm.length > 0 && normalised(d.firm) === firm))
    .map((d) => d.parties)
    .join('\n');
}

/** A lawyer's firm and the parties they or the firm act for or against, one a line. */
export async function saveConflicts(w: CityWork, lawyerId: string, conflicts: Conflicts): Promise<void> {
  const { tx, tenantId } = w;
  await tx
    .insert(legalAidLawyerConflicts)
    .values({ tenantId, userId: lawyerId, ...conflicts })
    .onConflictDoUpdate({ target: [legalAidLawyerConflicts.tenantId, legalAidLawyerConflicts.userId], set: conflicts });
  await w.audit({ actor: `user:${lawyerId}`, action: 'legal-aid-card.conflicts_declared', target: `user:${lawyerId}` });
}

/** What a lawyer practises and where: the plugin's categories and the city's districts (by Chinese name). */
export type PracticeProfile = { areas: string[]; districts: string[] };

export async function practiceOf(w: CityWork, lawyerId: string): Promise<PracticeProfile> {
  const [row] = await practiceRow(w.tx, { tenantId: w.tenantId, lawyerId });
  return { areas: row?.areas ?? [], districts: row?.districts ?? [] };
}

// Built once: the lawyer's queue reads it at every reload.
const practiceRow = selectBuiltOnce((tx) =>
  tx
    .select({ areas: legalAidLawyerConflicts.areas, districts: legalAidLawyerConflicts.districts })
    .from(legalAidLawyerConflicts)
    .where(and(eq(legalAidLawyerConflicts.tenantId, sql.placeholder('tenantId')), eq(legalAidLawyerConflicts.userId, sql.placeholder('lawyerId')))),
);

/** Every lawyer's declarations in the city, by lawyer: for matching cases to lawyers. */
export async function declarationsByLawyer(w: CityWork): Promise<Map<string, typeof legalAidLawyerConflicts.$inferSelect>> {
  const { tx, tenantId } = w;
  const rows = await tx.select().from(legalAidLawyerConflicts).where(eq(legalAidLawyerConflicts.tenantId, tenantId));
  return new Map(rows.map((r) => [r.userId, r]));
}

/** The parties a lawyer is checked against, from declarations already read (see `partiesOfLawyerAndFirm`). */
export function partiesFrom(declarations: ReadonlyMap<string, { userId: string; firm: string; parties: string }>, lawyerId: string): string {
  const own = declarations.get(lawyerId);
  if (!own) return '';
  const firm = normalised(own.firm);
  return [...declarations.values()]
    .filter((d) => d.userId === lawyerId || (firm.length > 0 && normalised(d.firm) === firm))
    .map((d) => d.parties)
    .join('\n');
}

/** A lawyer's practice areas and districts; their firm and conflicts stay as declared. */
export async function savePractice(w: CityWork, lawyerId: string, practice: PracticeProfile): Promise<void> {
  const { tx, tenantId } = w;
  await tx
    .insert(legalAidLawyerConflicts)
    .values({ tenantId, userId: lawyerId, ...practice })
    .onConflictDoUpdate({ target: [legalAidLawyerConflicts.tenantId, legalAidLawyerConflicts.userId], set: practice });
  await w.audit({ actor: `user:${lawyerId}`, action: 'legal-aid-card.practice_declared', target: `user:${lawyerId}`, detail: { areas: practice.areas, districts: practice.districts } });
}
