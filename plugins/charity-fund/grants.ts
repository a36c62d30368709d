import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { LedgerError, newId, type CityWork } from '../../core/plugin-api.ts';
import { postingKeys } from './accounts.ts';
import { findFund, fundTotals } from './funds.ts';
import { charityGrants, charityProjects } from './schema.ts';

/**
 * Grants: money from a fund to one of its approved projects. One manager
 * proposes, a different one approves (the two-person rule, also a check
 * constraint on the table); only the approval posts to the ledger.
 */

export type Grant = typeof charityGrants.$inferSelect;
export type Decision = { approve: true } | { approve: false; reason: string };
export type DecideResult = { ok: true } | { ok: false; reason: 'not_found' | 'wrong_status' | 'same_person' | 'insufficient_funds' };
export type ProposeGrantResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'not_found' | 'project_not_approved' | 'over_approved' }
  /** `availableFen`: the fund's balance less the grants already waiting for approval. */
  | { ok: false; reason: 'over_balance'; availableFen: number };

export async function proposeGrant(w: CityWork, fundId: string, proposerId: string, input: { projectId: string; amountFen: number; note: string }): Promise<ProposeGrantResult> {
  const { tx, tenantId } = w;
  const fund = await findFund(w, fundId);
  if (!fund) return { ok: false, reason: 'not_found' };
  const [project] = await tx
    .select()
    .from(charityProjects)
    .where(and(eq(charityProjects.tenantId, tenantId), eq(charityProjects.id, input.projectId), eq(charityProjects.fundId, fundId)))
    .for('update');
  if (!project || project.status !== 'approved') return { ok: false, reason: 'project_not_approved' };
  // Grants proposed or approved so far may not exceed what the project was approved for.
  const [sum] = await tx
    .select({ total: sql<string>`coalesce(sum(${charityGrants.amountFen}), 0)::text` })
    .from(charityGrants)
    .where(and(eq(charityGrants.tenantId, tenantId), eq(charityGrants.projectId, project.id), inArray(charityGrants.status, ['proposed', 'approved'])));
  if (Number(sum?.total ?? 0) + input.amountFen > (project.approvedFen ?? 0)) return { ok: false, reason: 'over_approved' };
  // Refused now rather than at approval: the fund must hold it beside the grants already waiting.
  const [waiting] = await tx
    .select({ total: sql<string>`coalesce(sum(${charityGrants.amountFen}), 0)::text` })
    .from(charityGrants)
    .where(and(eq(charityGrants.tenantId, tenantId), eq(charityGrants.fundId, fundId), eq(charityGrants.status, 'proposed')));
  const availableFen = Math.max(0, (await fundTotals(w, fund)).balance - Number(waiting?.total ?? 0));
  if (input.amountFen > availableFen) return { ok: false, reason: 'over_balance', availableFen };
  const id = newId();
  await tx.insert(charityGrants).values({ tenantId, id, fundId, projectId: project.id, amountFen: input.amountFen, note: input.note, proposedBy: proposerId });
  await w.audit({ actor: `user:${proposerId}`, action: 'charity-fund.grant_proposed', target: `charity-fund-grant:${id}`, detail: { amountFen: input.amountFen, projectId: project.id } });
  return { ok: true, id };
}

/** Approves (posts fund → project) or rejects a proposed grant; the decider must not be the proposer. */
export async function decideGrant(w: CityWork, id: string, deciderId: string, decision: Decision, address: string | null = null): Promise<DecideResult> {
  const { tx, tenantId } = w;
  const [grant] = await tx.select().from(charityGrants).where(and(eq(charityGrants.tenantId, tenantId), eq(charityGrants.id, id))).for('update');
  if (!grant) return { ok: false, reason: 'not_found' };
  if (grant.status !== 'proposed') return { ok: false, reason: 'wrong_status' };
  if (grant.proposedBy === deciderId) return { ok: false, reason: 'same_person' };
  const decided = { decidedBy: deciderId, decidedAt: new Date() };
  const where = and(eq(charityGrants.tenantId, tenantId), eq(charityGrants.id, id));
  if (!decision.approve) {
    await tx.update(charityGrants).set({ ...decided, status: 'rejected', rejectionReason: decision.reason }).where(where);
    await w.audit({ actor: `user:${deciderId}`, action: 'charity-fund.grant_rejected', target: `charity-fund-grant:${id}`, address, detail: { reason: decision.reason } });
    return { ok: true };
  }
  const fund = (await findFund(w, grant.fundId))!;
  const [project] = await tx.select().from(charityProjects).where(and(eq(charityProjects.tenantId, tenantId), eq(charityProjects.id, grant.projectId)));
  try {
    const transfer = await w.ledger.postTransfer({
      debitAccountId: fund.accountId,
      creditAccountId: project!.accountId!,
      amount: grant.amountFen,
      idempotencyKey: postingKeys.grant(id),
      kind: 'charity-fund.grant',
      memo: { grant: id, fund: fund.id, project: grant.projectId, proposedBy: grant.proposedBy, approvedBy: deciderId },
    });
    await tx.update(charityGrants).set({ ...decided, decidedAt: transfer.postedAt, status: 'approved', transferId: transfer.id }).where(where);
  } catch (e) {
    // The ledger refused before writing anything: the fund has less than the grant.
    if (e instanceof LedgerError && e.code === 'insufficient_balance') return { ok: false, reason: 'insufficient_funds' };
    throw e;
  }
  await w.audit({ actor: `user:${deciderId}`, action: 'charity-fund.grant_approved', target: `charity-fund-grant:${id}`, address, detail: { amountFen: grant.amountFen } });
  return { ok: true };
}

/** A fund's grants with their projects' titles; proposed first, then the latest decisions. */
export async function fundGrants(w: CityWork, fundId: string) {
  const { tx, tenantId } = w;
  return tx
    .select({ grant: charityGrants, projectTitle: charityProjects.title })
    .from(charityGrants)
    .innerJoin(charityProjects, and(eq(charityProjects.tenantId, charityGrants.tenantId), eq(charityProjects.id, charityGrants.projectId)))
    .where(and(eq(charityGrants.tenantId, tenantId), eq(charityGrants.fundId, fundId)))
    .orderBy(sql`${charityGrants.status} <> 'proposed'`, desc(charityGrants.decidedAt), asc(charityGrants.proposedAt));
}

/** The fund a grant belongs to, or null when this city has no such one. */
export async function grantFundId(w: CityWork, id: string): Promise<string | null> {
  const { tx, tenantId } = w;
  const [row] = await tx.select({ fundId: charityGrants.fundId }).from(charityGrants).where(and(eq(charityGrants.tenantId, tenantId), eq(charityGrants.id, id)));
  return row?.fundId ?? null;
}
