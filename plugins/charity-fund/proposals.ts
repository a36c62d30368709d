import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { newId, type CityWork } from '../../core/plugin-api.ts';
import { projectAccount } from './accounts.ts';
import { charityFunds, charityProjects } from './schema.ts';

/**
 * Fundraising projects and micro-venture proposals: a resident or an
 * organisation submits a need with its beneficiaries and budget; a fund manager
 * approves it with an amount (it then gets a ledger account to receive grants)
 * or rejects it with a reason.
 */

export type Project = typeof charityProjects.$inferSelect;
export const PROJECT_KINDS = ['branded', 'micro_venture'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export type ProposalInput = { kind: ProjectKind; title: string; applicant: string; need: string; beneficiaries: string; budgetFen: number };
export type Review = { approveFen: number } | { rejectReason: string };
export type ReviewResult = { ok: true } | { ok: false; reason: 'not_found' | 'wrong_status' | 'own_proposal' };

export async function submitProposal(w: CityWork, fundId: string, userId: string, input: ProposalInput): Promise<string> {
  const { tx, tenantId } = w;
  const id = newId();
  await tx.insert(charityProjects).values({ tenantId, id, fundId, submittedBy: userId, ...input });
  await w.audit({ actor: `user:${userId}`, action: 'charity-fund.proposal_submitted', target: `charity-fund-project:${id}`, detail: { fundId, budgetFen: input.budgetFen } });
  return id;
}

export async function findProject(w: CityWork, id: string) {
  const { tx, tenantId } = w;
  const [row] = await tx
    .select({ project: charityProjects, fundName: charityFunds.name })
    .from(charityProjects)
    .innerJoin(charityFunds, and(eq(charityFunds.tenantId, charityProjects.tenantId), eq(charityFunds.id, charityProjects.fundId)))
    .where(and(eq(charityProjects.tenantId, tenantId), eq(charityProjects.id, id)));
  return row ?? null;
}

/**
 * Approves with an amount or rejects with a reason; only a submitted proposal,
 * and never one's own (a manager who proposes must let another decide).
 */
export async function reviewProposal(w: CityWork, id: string, reviewerId: string, review: Review): Promise<ReviewResult> {
  const { tx, tenantId } = w;
  const [project] = await tx.select().from(charityProjects).where(and(eq(charityProjects.tenantId, tenantId), eq(charityProjects.id, id))).for('update');
  if (!project) return { ok: false, reason: 'not_found' };
  if (project.status !== 'submitted') return { ok: false, reason: 'wrong_status' };
  if (project.submittedBy === reviewerId) return { ok: false, reason: 'own_proposal' };
  const decided = { reviewedBy: reviewerId, reviewedAt: new Date() };
  if ('approveFen' in review) {
    const account = await projectAccount(w, id);
    await tx
      .update(charityProjects)
      .set({ ...decided, status: 'approved', approvedFen: review.approveFen, accountId: account.id })
      .where(and(eq(charityProjects.tenantId, tenantId), eq(charityProjects.id, id)));
  } else {
    await tx
      .update(charityProjects)
      .set({ ...decided, status: 'rejected', rejectionReason: review.rejectReason })
      .where(and(eq(charityProjects.tenantId, tenantId), eq(charityProjects.id, id)));
  }
  const action = 'approveFen' in review ? 'charity-fund.proposal_approved' : 'charity-fund.proposal_rejected';
  await w.audit({ actor: `user:${reviewerId}`, action, target: `charity-fund-project:${id}`, detail: { ...review } });
  return { ok: true };
}

export async function fundProjects(w: CityWork, fundId: string, statuses: Project['status'][]) {
  const { tx, tenantId } = w;
  return tx
    .select()
    .from(charityProjects)
    .where(and(eq(charityProjects.tenantId, tenantId), eq(charityProjects.fundId, fundId), inArray(charityProjects.status, statuses)))
    .orderBy(asc(charityProjects.createdAt));
}

/** Proposals waiting for a manager, oldest first, with their fund's name. */
export async function reviewQueue(w: CityWork) {
  const { tx, tenantId } = w;
  return tx
    .select({ project: charityProjects, fundName: charityFunds.name })
    .from(charityProjects)
    .innerJoin(charityFunds, and(eq(charityFunds.tenantId, charityProjects.tenantId), eq(charityFunds.id, charityProjects.fundId)))
    .where(and(eq(charityProjects.tenantId, tenantId), eq(charityProjects.status, 'submitted')))
    .orderBy(asc(charityProjects.createdAt));
}

/** Someone's own proposals, newest first. */
export async function proposalsBy(w: CityWork, userId: string) {
  const { tx, tenantId } = w;
  return tx
    .select({ project: charityProjects, fundName: charityFunds.name })
    .from(charityProjects)
    .innerJoin(charityFunds, and(eq(charityFunds.tenantId, charityProjects.tenantId), eq(charityFunds.id, charityProjects.fundId)))
    .where(and(eq(charityProjects.tenantId, tenantId), eq(charityProjects.submittedBy, userId)))
    .orderBy(desc(charityProjects.createdAt));
}

/** Granted to the project and paid out of it, from its ledger account. */
export async function projectTotals(w: CityWork, project: Project) {
  if (!project.accountId) return { granted: 0, spent: 0, balance: 0 };
  const { credits, debits } = await w.ledger.movements([project.accountId]);
  return { granted: credits, spent: debits, balance: credits - debits };
}
