import { Hono } from 'hono';
import { clientAddress, formatFen, messagesFor, notFoundPage, type PluginEnv, requirePermission, setFlash } from '../../core/plugin-api.ts';
import { decideExpense, expenseFundId, fundExpenses, proposeExpense } from './expenses.ts';
import { EXPENSE_FIELDS, expenseForm, fieldErrors, GRANT_FIELDS, grantForm, reasonForm, type FieldErrors, type FormValues } from './forms.ts';
import { findFund, fundTotals } from './funds.ts';
import { MAY_MANAGE } from './fund-routes.tsx';
import { decideGrant, fundGrants, grantFundId, proposeGrant, type DecideResult } from './grants.ts';
import { errorMessages } from './messages.ts';
import { fundProjects, projectTotals } from './proposals.ts';
import { type C, idFrom, page, readForm, redirectTo, userId, work } from './route-kit.ts';
import { ManagePage } from './views/manage-page.tsx';
import { workMessages } from './work-messages.ts';

type Form = { values: FormValues; errors: FieldErrors };
const blank: Form = { values: {}, errors: {} };
type Forms = { grantForm?: Form; expenseForm?: Form; rejectError?: { id: string; message: string } };

async function renderManage(c: C, status: 200 | 400, fundId: string, forms: Forms = {}) {
  const found = await work(c, async (w) => {
    const fund = await findFund(w, fundId);
    if (!fund) return null;
    const projects = [];
    for (const project of await fundProjects(w, fundId, ['approved'])) projects.push({ project, balance: (await projectTotals(w, project)).balance });
    const grants = await fundGrants(w, fundId);
    const expenses = await fundExpenses(w, fundId);
    const people = [...grants.map((g) => g.grant), ...expenses.map((x) => x.expense)].flatMap((r) => [r.proposedBy, r.decidedBy ?? r.proposedBy]);
    return { fund, totals: await fundTotals(w, fund), projects, grants, expenses, names: await w.people.names(people) };
  });
  if (!found) return notFoundPage(c);
  const props = { ...found, viewerId: userId(c), grantForm: forms.grantForm ?? blank, expenseForm: forms.expenseForm ?? blank, rejectError: forms.rejectError ?? null };
  return page(c, status, <ManagePage {...props} />, messagesFor(c, workMessages).manageTitle(found.fund.name));
}

const decisionMessage = (c: C, result: DecideResult, approved: string, rejected: string, approve: boolean) => {
  const w = messagesFor(c, workMessages);
  if (result.ok) return { kind: 'success' as const, message: approve ? approved : rejected };
  const message = result.reason === 'same_person' ? w.samePerson : result.reason === 'insufficient_funds' ? messagesFor(c, errorMessages).insufficientFunds : w.notPending;
  return { kind: 'error' as const, message };
};

/** Grants and expenses of a fund: one manager proposes, another decides. */
export function manageRoutes(app: Hono<PluginEnv>) {
  app.get('/funds/:id/manage', requirePermission(MAY_MANAGE), (c) => {
    const id = idFrom(c);
    return id ? renderManage(c, 200, id) : notFoundPage(c);
  });

  app.post('/funds/:id/grants', requirePermission(MAY_MANAGE), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, GRANT_FIELDS);
    const parsed = grantForm.safeParse(values);
    const e = messagesFor(c, errorMessages);
    if (!parsed.success) return renderManage(c, 400, id, { grantForm: { values, errors: fieldErrors(parsed.error, e) } });
    const { project, amount, note } = parsed.data;
    const result = await work(c, (w) => proposeGrant(w, id, userId(c), { projectId: project, amountFen: amount, note }));
    if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
    if (!result.ok) {
      const errors =
        result.reason === 'over_balance' ? { amount: e.overBalance(formatFen(result.availableFen, c.var.locale)) }
        : result.reason === 'over_approved' ? { amount: e.overApproved }
        : { project: e.projectNotApproved };
      return renderManage(c, 400, id, { grantForm: { values, errors } });
    }
    setFlash(c, { kind: 'success', message: messagesFor(c, workMessages).grantProposed });
    return redirectTo(c, `/funds/${id}/manage`);
  });

  app.post('/funds/:id/expenses', requirePermission(MAY_MANAGE), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, EXPENSE_FIELDS);
    const parsed = expenseForm.safeParse(values);
    const e = messagesFor(c, errorMessages);
    if (!parsed.success) return renderManage(c, 400, id, { expenseForm: { values, errors: fieldErrors(parsed.error, e) } });
    const { source, document_ref, amount, purpose, payee } = parsed.data;
    const result = await work(c, (w) => proposeExpense(w, id, userId(c), { projectId: source, purpose, payee, amountFen: amount, documentRef: document_ref }));
    if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
    if (!result.ok) return renderManage(c, 400, id, { expenseForm: { values, errors: { source: e.projectNotApproved } } });
    setFlash(c, { kind: 'success', message: messagesFor(c, workMessages).expenseProposed });
    return redirectTo(c, `/funds/${id}/manage`);
  });

  for (const kind of ['grants', 'expenses'] as const) {
    const decide = kind === 'grants' ? decideGrant : decideExpense;
    const fundOf = kind === 'grants' ? grantFundId : expenseFundId;
    for (const action of ['approve', 'reject'] as const) {
      app.post(`/${kind}/:id/${action}`, requirePermission(MAY_MANAGE), async (c) => {
        const id = idFrom(c);
        if (!id) return notFoundPage(c);
        const fundId = await work(c, (w) => fundOf(w, id));
        if (!fundId) return notFoundPage(c);
        let reason = '';
        if (action === 'reject') {
          const parsed = reasonForm.safeParse(await readForm(c, ['reason']));
          if (!parsed.success) return renderManage(c, 400, fundId, { rejectError: { id, message: fieldErrors(parsed.error, messagesFor(c, errorMessages)).reason! } });
          reason = parsed.data.reason;
        }
        const decision = action === 'approve' ? ({ approve: true } as const) : ({ approve: false, reason } as const);
        const result = await work(c, (w) => decide(w, id, userId(c), decision, clientAddress(c)));
        if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
        const w = messagesFor(c, workMessages);
        const [approved, rejected] = kind === 'grants' ? [w.grantApproved, w.grantRejected] : [w.expenseApproved, w.expenseRejected];
        setFlash(c, decisionMessage(c, result, approved, rejected, action === 'approve'));
        return redirectTo(c, `/funds/${fundId}/manage`);
      });
    }
  }
}
