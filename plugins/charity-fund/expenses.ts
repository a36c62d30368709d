import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { LedgerError, newId, type CityWork } from '../../core/plugin-api.ts';
import { paidOutAccount, postingKeys } from './accounts.ts';
import { findFund } from './funds.ts';
import type { DecideResult, Decision } from './grants.ts';
import { charityExpenses, charityProjects } from './schema.ts';

/**
 * Expenses: money paid to a payee for a purpose, resting on a document (invoice,
 * contract, voucher), from the fund itself or from a project's grant. Proposed by
 * one manager and approved by another, like grants; the approval posts it.
 */

export type Expense = typeof charityExpenses.$inferSelect;
export type ExpenseInput = { projectId: string | null; purpose: string; payee: string; amountFen: number; documentRef: string };
export type ProposeExpenseResult = { ok: true; id: string } | { ok: false; reason: 'not_found' | 'project_not_approved' };

export async function proposeExpense(w: CityWork, fundId: string, proposerId: string, input: ExpenseInput): Promise<ProposeExpenseResult> {
  const { tx, tenantId } = w;
  const fund = await findFund(w, fundId);
  if (!fund) return { ok: false, reason: 'not_found' };
  if (input.projectId) {
    const [project] = await tx
      .select({ status: charityProjects.status })
      .from(charityProjects)
      .where(and(eq(charityProjects.tenantId, tenantId), eq(charityProjects.id, input.projectId), eq(charityProjects.fundId, fundId)));
    if (!project || project.status !== 'approved') return { ok: false, reason: 'project_not_approved' };
  }
  const id = newId();
  await tx.insert(charityExpenses).values({ tenantId, id, fundId, proposedBy: proposerId, ...input });
  await w.audit({ actor: `user:${proposerId}`, action: 'charity-fund.expense_proposed', target: `charity-fund-expense:${id}`, detail: { amountFen: input.amountFen, payee: input.payee } });
  return { ok: true, id };
}

/** Approves (posts source → paid out) or rejects a proposed expense; the decider must not be the proposer. */
export async function decideExpense(w: CityWork, id: string, deciderId: string, decision: Decision, address: string | null = null): Promise<DecideResult> {
  const { tx, tenantId } = w;
  const [expense] = await tx.select().from(charityExpenses).where(and(eq(charityExpenses.tenantId, tenantId), eq(charityExpenses.id, id))).for('update');
  if (!expense) return { ok: false, reason: 'not_found' };
  if (expense.status !== 'proposed') return { ok: false, reason: 'wrong_status' };
  if (expense.proposedBy === deciderId) return { ok: false, reason: 'same_person' };
  const decided = { decidedBy: deciderId, decidedAt: new Date() };
  const where = and(eq(charityExpenses.tenantId, tenantId), eq(charityExpenses.id, id));
  if (!decision.approve) {
    await tx.update(charityExpenses).set({ ...decided, status: 'rejected', rejectionReason: decision.reason }).where(where);
    await w.audit({ actor: `user:${deciderId}`, action: 'charity-fund.expense_rejected', target: `charity-fund-expense:${id}`, address, detail: { reason: decision.reason } });
    return { ok: true };
  }
  const source = expense.projectId
    ? (await tx.select({ accountId: charityProjects.accountId }).from(charityProjects).where(and(eq(charityProjects.tenantId, tenantId), eq(charityProjects.id, expense.projectId))))[0]!.accountId!
    : (await findFund(w, expense.fundId))!.accountId;
  try {
    // A savepoint: when the ledger refuses, the payee's account made for it goes too.
    const transfer = await w.savepoint(async (sp) => sp.ledger.postTransfer({
      debitAccountId: source,
      creditAccountId: (await paidOutAccount(sp, id)).id,
      amount: expense.amountFen,
      idempotencyKey: postingKeys.expense(id),
      kind: 'charity-fund.expense',
      memo: { expense: id, fund: expense.fundId, project: expense.projectId, documentRef: expense.documentRef, proposedBy: expense.proposedBy, approvedBy: deciderId },
    }));
    await tx.update(charityExpenses).set({ ...decided, decidedAt: transfer.postedAt, status: 'approved', transferId: transfer.id }).where(where);
  } catch (e) {
    if (e instanceof LedgerError && e.code === 'insufficient_balance') return { ok: false, reason: 'insufficient_funds' };
    throw e;
  }
  await w.audit({ actor: `user:${deciderId}`, action: 'charity-fund.expense_approved', target: `charity-fund-expense:${id}`, address, detail: { amountFen: expense.amountFen } });
  return { ok: true };
}

/** A fund's expenses (its own and its projects'), proposed first. */
export async function fundExpenses(w: CityWork, fundId: string) {
  const { tx, tenantId } = w;
  return tx
    .select({ expense: charityExpenses, projectTitle: charityProjects.title })
    .from(charityExpenses)
    .leftJoin(charityProjects, and(eq(charityProjects.tenantId, charityExpenses.tenantId), eq(charityProjects.id, charityExpenses.projectId)))
    .where(and(eq(charityExpenses.tenantId, tenantId), eq(charityExpenses.fundId, fundId)))
    .orderBy(sql`${charityExpenses.status} <> 'proposed'`, desc(charityExpenses.decidedAt), asc(charityExpenses.proposedAt));
}

/** The fund a expense belongs to, or null when this city has no such one. */
export async function expenseFundId(w: CityWork, id: string): Promise<string | null> {
  const { tx, tenantId } = w;
  const [row] = await tx.select({ fundId: charityExpenses.fundId }).from(charityExpenses).where(and(eq(charityExpenses.tenantId, tenantId), eq(charityExpenses.id, id)));
  return row?.fundId ?? null;
}
