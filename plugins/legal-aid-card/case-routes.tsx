import { Hono } from 'hono';
import type { z } from 'zod';
import { clientAddress, forbiddenPage, messagesFor, notFoundPage, type PluginEnv, requirePermission, requireUser, setFlash, toCsv, toLocalDateInput, type CityWork } from '../../core/plugin-api.ts';
import { canOnHours, MAY_ANSWER, MAY_COORDINATE, type Viewer } from './access.ts';
import { addCaseNote, applicationsOf, applyForAid, type CaseRefusal, type CaseStep, caseStepRight, casesFor, closeCase, confirmNoConflict, type Deadlines, decideCase, designateLawyer, findCase, readCase, startEmergencyService } from './applications.ts';
import { addDeadline, completeDeadline, upcomingDeadlinesOf } from './case-deadlines.ts';
import { matchLawyers } from './matching.ts';
import { offerCase, withdrawOffer } from './offers.ts';
import { exportCases } from './case-export.ts';
import { caseMessages } from './case-messages.ts';
import { consultationMessages } from './consultation-messages.ts';
import { activeCardOf, cardGivesBenefits } from './cards.ts';
import { conflictsOf, saveConflicts } from './conflicts.ts';
import { AID_FIELDS, aidForm, closeForm, conflictsForm, deadlineForm, decisionForm, designationForm, fieldErrors, noteForm, type FieldErrors, type FormValues } from './forms.ts';
import { errorMessages } from './messages.ts';
import { idFrom, page, readForm, redirectTo, userId, pluginContext, type C, work, districtsOf } from './route-kit.ts';
import { AidFormPage, AidListPage, CaseListPage, CasePage, CaseStepPage, ConflictsPage } from './views/case-pages.tsx';

const viewerOf = (c: C): Viewer => ({ id: userId(c), can: (permission) => pluginContext(c).can(permission) });
const deadlinesOf = (c: C) => pluginContext(c).settings as Deadlines;
const siteUrlOf = (c: C) => pluginContext(c).city.siteUrl;
/** The lawyers the case may go to, ranked: read without an audit entry, since nothing of the case is shown but the ranking. */
const matchesFor = async (w: CityWork, id: string) => {
  const found = await findCase(w, id);
  return found ? matchLawyers(w, found) : [];
};

function renderAid(c: C, status: 200 | 400, values: FormValues, errors: FieldErrors) {
  return page(c, status, <AidFormPage values={values} errors={errors} districts={districtsOf(c)} />, messagesFor(c, caseMessages).apply);
}

/**
 * One action on a case: its form checked first, then the service (which asks
 * `canOnCase`); a refusal comes back with that form alone, never the case.
 */
function caseStep<S extends z.ZodType>(app: Hono<PluginEnv>, step: CaseStep, form: S | null, fields: string[], act: (w: CityWork, viewer: Viewer, id: string, input: z.infer<S>, c: C) => Promise<'ok' | CaseRefusal>) {
  app.post(`/cases/:id/${step}`, requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const right = await work(c, (w) => caseStepRight(w, viewerOf(c), id, step));
    if (right === 'not_found') return notFoundPage(c);
    if (right === 'forbidden') return forbiddenPage(c);
    const values = await readForm(c, fields);
    const e = messagesFor(c, errorMessages);
    const lawyers = step === 'designation' && pluginContext(c).can(MAY_COORDINATE) ? await work(c, (w) => matchesFor(w, id)) : [];
    const back = (status: 400 | 409, errors: FieldErrors) => page(c, status, <CaseStepPage action={step} id={id} values={values} errors={errors} lawyers={lawyers} />, messagesFor(c, caseMessages).cases);
    const parsed = form ? form.safeParse(values) : { success: true as const, data: {} };
    if (!parsed.success) return back(400, fieldErrors(parsed.error, e));
    const result = await work(c, (w) => act(w, viewerOf(c), id, parsed.data as z.infer<S>, c));
    if (result === 'not_found') return notFoundPage(c);
    if (result === 'forbidden') return forbiddenPage(c);
    if (result === 'conflict') return back(400, step === 'designation' ? { lawyer: e.conflict } : { case: e.conflict });
    if (result === 'not_a_lawyer') return back(400, { lawyer: e.notALawyer });
    if (result === 'wrong_state') return back(409, { case: e.wrongState });
    if (result === 'no_match') return back(400, { case: e.noMatchingLawyer });
    if (result === 'taken') return back(409, { case: e.taken });
    setFlash(c, { kind: 'success', message: messagesFor(c, caseMessages).done });
    return redirectTo(c, `/cases/${id}`);
  });
}

/** Priority legal aid: holders apply and follow their case; coordinators decide and designate; lawyers clear conflicts and work the case. */
export function caseRoutes(app: Hono<PluginEnv>) {
  app.get('/aid', requireUser, async (c) => {
    const applications = await work(c, (w) => applicationsOf(w, userId(c)));
    return c.render(<AidListPage applications={applications} now={new Date()} />, { title: messagesFor(c, caseMessages).title });
  });

  app.get('/aid/new', requireUser, async (c) => {
    const held = await work(c, (w) => activeCardOf(w, userId(c)));
    if (!held || !cardGivesBenefits(held, new Date())) {
      setFlash(c, { kind: 'error', message: messagesFor(c, errorMessages).noUsableCard });
      return redirectTo(c, '/');
    }
    return renderAid(c, 200, { category: 'labour', exempt_group: '', emergency_ground: '' }, {});
  });

  app.post('/aid/new', requireUser, async (c) => {
    const values = await readForm(c, AID_FIELDS);
    const e = messagesFor(c, errorMessages);
    const parsed = aidForm.safeParse(values);
    if (!parsed.success) return renderAid(c, 400, values, fieldErrors(parsed.error, e));
    const f = parsed.data;
    if (f.district && !districtsOf(c).some((d) => d.zh === f.district)) return renderAid(c, 400, values, { district: e.choose });
    const request = { category: f.category, matter: f.matter, adverseParty: f.adverse_party, exemptGroup: f.exempt_group, hardshipStatement: f.exempt_group ? null : f.hardship_statement, emergencyGround: f.emergency_ground, district: f.district || null };
    const result = await work(c, (w) => applyForAid(w, userId(c), request, deadlinesOf(c), new Date()));
    if (!result.ok) return renderAid(c, 400, values, { matter: e.noUsableCard });
    setFlash(c, { kind: 'success', message: messagesFor(c, caseMessages).submitted });
    return redirectTo(c, `/cases/${result.id}`);
  });

  app.get('/cases', requireUser, async (c) => {
    const viewer = viewerOf(c);
    if (!viewer.can(MAY_COORDINATE) && !viewer.can(MAY_ANSWER)) return forbiddenPage(c);
    const lawyer = viewer.can(MAY_ANSWER);
    const { cases, deadlines } = await work(c, async (w) => ({ cases: await casesFor(w, viewer), deadlines: lawyer ? await upcomingDeadlinesOf(w, viewer.id) : [] }));
    return c.render(<CaseListPage cases={cases} now={new Date()} mayExport={viewer.can(MAY_COORDINATE)} lawyer={lawyer} deadlines={deadlines} />, { title: messagesFor(c, caseMessages).cases });
  });

  app.get('/cases.csv', requirePermission(MAY_COORDINATE), async (c) => {
    const rows = await work(c, (w) => exportCases(w, viewerOf(c), clientAddress(c)));
    if (rows === 'forbidden') return forbiddenPage(c);
    const t = messagesFor(c, caseMessages);
    const k = messagesFor(c, consultationMessages);
    const day = (at: Date | null) => (at ? toLocalDateInput(at) : '');
    const header = [t.exportId, t.category, t.basis, t.exportEmergency, t.status, t.exportSubmitted, t.exportDecided, t.exportDesignated, t.exportClosed, t.outcome, t.referredTo, t.lawyer];
    const cells = rows.map((r) => [r.id, k.categories(r.category), r.exemptGroup ? t.exemptGroups(r.exemptGroup) : t.basisHardship, r.emergencyGround ? t.emergencyGrounds(r.emergencyGround) : '', { submitted: t.statusSubmitted, approved: t.statusApproved, rejected: t.statusRejected, closed: t.statusClosed }[r.status], day(r.submittedAt), day(r.decidedAt), day(r.designatedAt), day(r.closedAt), r.outcome ? t.outcomes(r.outcome) : '', r.referredTo ?? '', r.lawyerName]);
    // A byte-order mark so spreadsheet programs read the Chinese text as UTF-8; no-store keeps it out of caches.
    return c.body(toCsv([header, ...cells], { bom: true }), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="legal-aid-cases.csv"', 'cache-control': 'no-store' });
  });

  app.get('/cases/:id', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const viewer = viewerOf(c);
    const found = await work(c, async (w) => {
      const view = await readCase(w, viewer, id, clientAddress(c));
      if (typeof view === 'string') return view;
      const people = view.full ? [view.application.applicantUserId, view.application.lawyerUserId ?? '', ...view.notes.map((n) => n.authorUserId)].filter(Boolean) : [];
      const lawyers = view.full && view.actions.includes('designation') ? await matchLawyers(w, view.application) : [];
      return { view, names: await w.people.names(people), lawyers };
    });
    if (found === 'not_found') return notFoundPage(c);
    if (found === 'forbidden') return forbiddenPage(c);
    c.header('Cache-Control', 'no-store');
    const applicantView = found.view.full && found.view.application.applicantUserId === viewer.id;
    return c.render(<CasePage {...found} now={new Date()} districts={districtsOf(c)} applicantView={applicantView} mayEnterHours={found.view.full && canOnHours(viewer, 'enter', found.view.application.lawyerUserId)} />, { title: messagesFor(c, caseMessages).title });
  });

  caseStep(app, 'decision', decisionForm, ['decision', 'reasons'], (w, v, id, f, c) => decideCase(w, v, id, { approve: f.decision === 'approve', reasons: f.reasons }, deadlinesOf(c), new Date()));
  caseStep(app, 'emergency', null, [], (w, v, id) => startEmergencyService(w, v, id, new Date()));
  caseStep(app, 'designation', designationForm, ['lawyer'], (w, v, id, f, c) => designateLawyer(w, v, id, f.lawyer, new Date(), siteUrlOf(c)));
  caseStep(app, 'offer', null, [], (w, v, id) => offerCase(w, v, id, new Date()));
  caseStep(app, 'withdraw-offer', null, [], (w, v, id) => withdrawOffer(w, v, id));
  caseStep(app, 'deadlines', deadlineForm, ['kind', 'due_at', 'title'], (w, v, id, f) => addDeadline(w, v, id, { kind: f.kind, dueAt: f.due_at, title: f.title }, new Date()));
  caseStep(app, 'no-conflict', null, [], (w, v, id) => confirmNoConflict(w, v, id, new Date()));
  caseStep(app, 'notes', noteForm, ['note'], (w, v, id, f) => addCaseNote(w, v, id, f.note, new Date()));
  caseStep(app, 'close', closeForm, ['outcome', 'referred_to'], (w, v, id, f) => closeCase(w, v, id, { outcome: f.outcome, referredTo: f.referred_to || null }, new Date()));

  app.post('/cases/:id/deadlines/:deadlineId/done', requireUser, async (c) => {
    const id = idFrom(c);
    const deadlineId = idFrom(c, 'deadlineId');
    if (!id || !deadlineId) return notFoundPage(c);
    const result = await work(c, (w) => completeDeadline(w, viewerOf(c), id, deadlineId, new Date()));
    if (result === 'not_found') return notFoundPage(c);
    if (result === 'forbidden') return forbiddenPage(c);
    setFlash(c, { kind: 'success', message: messagesFor(c, caseMessages).done });
    return redirectTo(c, `/cases/${id}`);
  });

  app.get('/conflicts', requirePermission(MAY_ANSWER), async (c) => {
    const conflicts = await work(c, (w) => conflictsOf(w, userId(c)));
    return page(c, 200, <ConflictsPage values={conflicts} errors={{}} />, messagesFor(c, caseMessages).conflictsTitle);
  });

  app.post('/conflicts', requirePermission(MAY_ANSWER), async (c) => {
    const values = await readForm(c, ['firm', 'parties']);
    const parsed = conflictsForm.safeParse(values);
    if (!parsed.success) return page(c, 400, <ConflictsPage values={values} errors={fieldErrors(parsed.error, messagesFor(c, errorMessages))} />, messagesFor(c, caseMessages).conflictsTitle);
    await work(c, (w) => saveConflicts(w, userId(c), parsed.data));
    setFlash(c, { kind: 'success', message: messagesFor(c, caseMessages).saved });
    return redirectTo(c, '/conflicts');
  });
}
