import { Hono } from 'hono';
import { forbiddenPage, messagesFor, notFoundPage, type PluginEnv, requirePermission, requireUser, setFlash } from '../../core/plugin-api.ts';
import { projectDonationsTotal } from './disclosure.ts';
import { approveForm, fieldErrors, PROPOSAL_FIELDS, proposalForm, reasonForm, type FieldErrors, type FormValues } from './forms.ts';
import { findFund } from './funds.ts';
import { MAY_MANAGE } from './fund-routes.tsx';
import { errorMessages } from './messages.ts';
import { findProject, projectTotals, reviewProposal, reviewQueue, submitProposal, type Review } from './proposals.ts';
import { type C, cityOf, idFrom, page, readForm, redirectTo, userId, work } from './route-kit.ts';
import { ProjectPage, ProposalFormPage, ReviewPage } from './views/project-pages.tsx';
import { workMessages } from './work-messages.ts';

async function renderProposalForm(c: C, status: 200 | 400, fundId: string, values: FormValues, errors: FieldErrors) {
  const fund = await work(c, (w) => findFund(w, fundId));
  if (!fund) return notFoundPage(c);
  return page(c, status, <ProposalFormPage fund={fund} values={values} errors={errors} />, messagesFor(c, workMessages).proposeTitle(fund.name));
}

/** A project's page: public once approved; before that, its submitter's and the managers'. */
async function renderProject(c: C, status: 200 | 400, id: string, forms: { values: FormValues; errors: FieldErrors } = { values: {}, errors: {} }) {
  const found = await work(c, async (w) => {
    const row = await findProject(w, id);
    if (!row) return null;
    const designated = (await projectDonationsTotal(w, [id])).get(id) ?? 0;
    return { ...row, totals: await projectTotals(w, row.project), designated };
  });
  if (!found) return notFoundPage(c);
  const manager = cityOf(c).can(MAY_MANAGE);
  const own = cityOf(c).user?.id === found.project.submittedBy;
  if (found.project.status !== 'approved' && !manager && !own) return cityOf(c).user ? forbiddenPage(c) : notFoundPage(c);
  const mayReview = manager && !own && found.project.status === 'submitted';
  return page(c, status, <ProjectPage {...found} mayReview={mayReview} forms={forms} />, found.project.title);
}

/** Residents and organisations propose projects; fund managers review them. */
export function proposalRoutes(app: Hono<PluginEnv>) {
  app.get('/funds/:id/propose', requireUser, (c) => {
    const id = idFrom(c);
    return id ? renderProposalForm(c, 200, id, { kind: 'micro_venture', applicant: cityOf(c).user!.name }, {}) : notFoundPage(c);
  });

  app.post('/funds/:id/propose', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, PROPOSAL_FIELDS);
    const parsed = proposalForm.safeParse(values);
    if (!parsed.success) return renderProposalForm(c, 400, id, values, fieldErrors(parsed.error, messagesFor(c, errorMessages)));
    const { budget, ...rest } = parsed.data;
    const projectId = await work(c, async (w) => ((await findFund(w, id)) ? submitProposal(w, id, userId(c), { ...rest, budgetFen: budget }) : null));
    if (!projectId) return notFoundPage(c);
    setFlash(c, { kind: 'success', message: messagesFor(c, workMessages).proposalSubmitted });
    return redirectTo(c, `/projects/${projectId}`);
  });

  app.get('/projects/:id', (c) => {
    const id = idFrom(c);
    return id ? renderProject(c, 200, id) : notFoundPage(c);
  });

  app.get('/review', requirePermission(MAY_MANAGE), async (c) => {
    const rows = await work(c, reviewQueue);
    return c.render(<ReviewPage rows={rows} />, { title: messagesFor(c, workMessages).reviewTitle });
  });

  for (const action of ['approve', 'reject'] as const) {
    app.post(`/projects/:id/${action}`, requirePermission(MAY_MANAGE), async (c) => {
      const id = idFrom(c);
      if (!id) return notFoundPage(c);
      const values = await readForm(c, ['approve_amount', 'reason']);
      const parsed = action === 'approve' ? approveForm.safeParse(values) : reasonForm.safeParse(values);
      if (!parsed.success) return renderProject(c, 400, id, { values, errors: fieldErrors(parsed.error, messagesFor(c, errorMessages)) });
      const review: Review = 'approve_amount' in parsed.data ? { approveFen: parsed.data.approve_amount } : { rejectReason: parsed.data.reason };
      const result = await work(c, (w) => reviewProposal(w, id, userId(c), review));
      if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
      const w = messagesFor(c, workMessages);
      if (result.ok) setFlash(c, { kind: 'success', message: action === 'approve' ? w.approved : w.rejected });
      else setFlash(c, { kind: 'error', message: result.reason === 'own_proposal' ? w.ownProposal : w.notPending });
      return redirectTo(c, `/projects/${id}`);
    });
  }
}
