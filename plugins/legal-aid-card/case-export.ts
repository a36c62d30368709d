import { asc, eq } from 'drizzle-orm';
import type { CityWork } from '../../core/plugin-api.ts';
import { MAY_COORDINATE, type Viewer } from './access.ts';
import { legalAidApplications } from './schema.ts';

/**
 * What an export carries of a case: its kind, basis, steps and outcome, for the
 * coordinators' reporting; never the applicant, the matter, the adverse party or
 * the hardship statement, which only an audited read of the case shows.
 */
export type ExportedCase = Pick<typeof legalAidApplications.$inferSelect, 'id' | 'category' | 'exemptGroup' | 'emergencyGround' | 'status' | 'submittedAt' | 'decidedAt' | 'designatedAt' | 'closedAt' | 'outcome' | 'referredTo'> & { lawyerName: string };

/** Every case of the city, for coordinators only; each case exported is an entry in the audit log. */
export async function exportCases(w: CityWork, viewer: Viewer, address: string | null): Promise<ExportedCase[] | 'forbidden'> {
  if (!viewer.can(MAY_COORDINATE)) return 'forbidden';
  const { tx, tenantId } = w;
  const a = legalAidApplications;
  const rows = await tx
    .select({ id: a.id, category: a.category, exemptGroup: a.exemptGroup, emergencyGround: a.emergencyGround, status: a.status, submittedAt: a.submittedAt, decidedAt: a.decidedAt, designatedAt: a.designatedAt, closedAt: a.closedAt, outcome: a.outcome, referredTo: a.referredTo, lawyerUserId: a.lawyerUserId })
    .from(a)
    .where(eq(a.tenantId, tenantId))
    .orderBy(asc(a.submittedAt), asc(a.id));
  for (const row of rows) await w.audit({ actor: `user:${viewer.id}`, action: 'legal-aid-card.case_exported', target: `legal-aid-card:case:${row.id}`, address });
  await w.audit({ actor: `user:${viewer.id}`, action: 'legal-aid-card.cases_exported', address, detail: { cases: rows.length } });
  const names = await w.people.names(rows.flatMap((r) => (r.lawyerUserId ? [r.lawyerUserId] : [])));
  return rows.map(({ lawyerUserId, ...r }) => ({ ...r, lawyerName: lawyerUserId ? (names.get(lawyerUserId) ?? '') : '' }));
}
