import type { Hono } from 'hono';
import { commitWork, messagesFor, notFoundPage, type PluginEnv, requirePermission, requireUser, setFlash, toCsv, toLocalDateInput } from '../../core/plugin-api.ts';
import { can, MAY_CONFIGURE, MAY_SUPERVISE, MAY_VISIT } from './access.ts';
import { accessesOf, logAccess, verifyAccessChain } from './access-log.ts';
import { assignSupervisorDistrict, readChild, registerChild, supervisorAssignments } from './children.ts';
import { CHILD_FIELDS, childForm, CLOSE_FIELDS, closeForm, fieldErrors, REFERRAL_FIELDS, referralForm, SUPERVISOR_FIELDS, supervisorForm, VISIT_FIELDS, visitForm, type FieldErrors, type FormValues } from './forms.ts';
import { childMessages, errorMessages } from './messages.ts';
import { raiseReferral, referralsOf } from './referrals.ts';
import { type C, cityOf, idFrom, page, readForm, redirectTo, userId, viewer, work } from './route-kit.ts';
import { AccessPage, ChildPage, CloseFormPage, RegisterPage, SupervisorsPage, VisitFormPage } from './views/child-pages.tsx';
import { DuePage } from './views/due-page.tsx';
import { exportRoster } from './export.ts';
import { closeCase } from './retention.ts';
import { dueList, mayAct, mayRecordVisit, mayRefer, recordVisit, visitsOf } from './visits.ts';
import { wishRoutes } from './wish-routes.tsx';
import { caringRoutes } from './caring-routes.tsx';
import { dashboardRoutes } from './dashboard-routes.tsx';
import { wishesOf } from './wishes.ts';

export const DIRECTOR_ROLE = 'child-care-visits.director';
type Form = { values: FormValues; errors: FieldErrors };
const title = (c: C) => messagesFor(c, childMessages);

async function renderRegister(c: C, status: 200 | 400, form: Form) {
  const districts = await work(c, (w) => w.districts());
  return page(c, status, <RegisterPage {...form} districts={districts} />, title(c).registerTitle);
}

/** A child's page for this viewer (the read is logged), or 404 when they may not know the child exists. */
async function renderChild(c: C, childId: string) {
  const found = await work(c, async (w) => {
    const v = await viewer(c, w);
    const record = await readChild(w, v, childId);
    if (!record) return null;
    return {
      ...record, visits: await visitsOf(w, childId), referrals: await referralsOf(w, childId), wishes: await wishesOf(w, childId),
      mayPublishWish: can(v, 'publish_wish', record.child), mayClose: can(v, 'close', record.child), mayPair: can(v, 'pair', record.child), showContact: can(v, 'read_contact', record.child), mayVisit: can(v, 'record_visit', record.child), mayRefer: can(v, 'refer', record.child), mayListAccess: can(v, 'list_access', record.child),
    };
  });
  if (!found) return notFoundPage(c);
  const fresh = { values: { visited_on: toLocalDateInput(new Date()), mode: 'home' }, errors: {} };
  return page(c, 200, <ChildPage {...found} visitForm={fresh} retentionDays={cityOf(c).settings.retentionDays} />, title(c).child);
}

const renderVisitForm = (c: C, childId: string, form: Form) => page(c, 400, <VisitFormPage childId={childId} {...form} />, title(c).recordVisit);

async function renderSupervisors(c: C, status: 200 | 400, form: Form) {
  const found = await work(c, async (w) => {
    const assignments = await supervisorAssignments(w);
    const names = await w.people.names(assignments.map((a) => a.userId));
    return { districts: await w.districts(), assignments: assignments.map((a) => ({ name: names.get(a.userId) ?? '', district: a.district })) };
  });
  return page(c, status, <SupervisorsPage {...form} {...found} />, title(c).supervisorsTitle);
}

/** Every page of the plugin, mounted at /p/child-care-visits/; URLs carry ids only, never a child's data. */
export function routes(app: Hono<PluginEnv>) {
  wishRoutes(app);
  caringRoutes(app);
  dashboardRoutes(app);
  app.get('/', requireUser, async (c) => {
    const { due, logged } = await work(c, async (w) => dueList(w, await viewer(c, w), cityOf(c).settings));
    // The list's access entry is sent; commit right behind it, so its chain's lock is never held across this
    // process's event loop or rendering. The page is made only once the entry is committed.
    await commitWork(c, logged);
    return page(c, 200, <DuePage list={due} mayRegister={cityOf(c).can(MAY_SUPERVISE)} />, title(c).dueTitle);
  });

  app.get('/export.csv', requirePermission(MAY_SUPERVISE), async (c) => {
    const t = title(c);
    const rows = await work(c, async (w) => exportRoster(w, await viewer(c, w), cityOf(c).settings));
    const cells = rows.map((r) => [r.child.id, r.child.name, t.categories(r.child.category), r.child.district, r.child.village, t.risks(r.child.riskLevel), r.child.reviewOn, r.lastVisitOn ?? '', r.dueOn, r.overdue ? t.yes : t.no, r.directorName]);
    // A byte-order mark so spreadsheet programs read the Chinese text as UTF-8; no-store keeps it out of caches.
    const header = [t.exportId, t.name, t.category, t.district, t.village, t.risk, t.reviewOn, t.lastVisit, t.due, t.overdue, t.exportDirector];
    const body = toCsv([header, ...cells], { bom: true });
    return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="child-roster.csv"', 'cache-control': 'no-store' });
  });

  app.get('/children/new', requirePermission(MAY_SUPERVISE), (c) => renderRegister(c, 200, { values: {}, errors: {} }));

  app.post('/children', requirePermission(MAY_SUPERVISE), async (c) => {
    const values = await readForm(c, CHILD_FIELDS);
    const e = messagesFor(c, errorMessages);
    const parsed = childForm.safeParse(values);
    if (!parsed.success) return renderRegister(c, 400, { values, errors: fieldErrors(parsed.error, e) });
    const d = parsed.data;
    const result = await work(c, async (w) => {
      const director = await w.people.find(d.director);
      const directors = await w.people.withRole(DIRECTOR_ROLE);
      if (!director || !directors.some((m) => m.id === director.id)) return { ok: false as const, reason: 'unknown_person' as const };
      return registerChild(w, await viewer(c, w), {
        name: d.name, category: d.category, district: d.district, village: d.village, riskLevel: d.risk_level, riskReasons: d.risk_reasons, reviewOn: d.review_on, directorId: director.id,
        consent: d.consent_given_by ? { givenBy: d.consent_given_by, relation: d.consent_relation, purposes: d.consent_purposes, givenOn: d.consent_given_on } : null,
        details: d.guardian_name ? { guardianName: d.guardian_name, guardianPhone: d.guardian_phone, address: d.address, school: d.school, needs: d.needs } : null,
      });
    });
    if (!result.ok) {
      const field = { unknown_person: 'director', consent_required: 'consent_given_by', unknown_district: 'district', not_allowed: 'district' }[result.reason];
      return renderRegister(c, 400, { values, errors: { [field]: e[result.reason] } });
    }
    setFlash(c, { kind: 'success', message: title(c).registered });
    return redirectTo(c, `/children/${result.id}`);
  });

  app.get('/children/:id', requireUser, (c) => {
    const id = idFrom(c);
    return id ? renderChild(c, id) : notFoundPage(c);
  });

  app.post('/children/:id/visits', requirePermission(MAY_VISIT), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, VISIT_FIELDS);
    const e = messagesFor(c, errorMessages);
    const parsed = visitForm.safeParse(values);
    if (!parsed.success) {
      // Whether the child is theirs is decided before saying anything about the form.
      const theirs = await work(c, async (w) => mayRecordVisit(w, await viewer(c, w), id));
      return theirs ? renderVisitForm(c, id, { values, errors: fieldErrors(parsed.error, e) }) : notFoundPage(c);
    }
    const d = parsed.data;
    const result = await work(c, async (w) => recordVisit(w, await viewer(c, w), id, { visitedOn: d.visited_on, mode: d.mode, findings: d.findings, needs: d.needs, followUp: d.follow_up }));
    if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
    if (!result.ok) return renderVisitForm(c, id, { values, errors: { visited_on: e.future_date } });
    setFlash(c, { kind: 'success', message: title(c).visitRecorded });
    return redirectTo(c, '/');
  });

  app.post('/children/:id/referrals', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, REFERRAL_FIELDS);
    const parsed = referralForm.safeParse(values);
    if (!parsed.success) {
      const theirs = await work(c, async (w) => mayRefer(w, await viewer(c, w), id));
      if (!theirs) return notFoundPage(c);
      return page(c, 400, <VisitFormPage childId={id} referral values={values} errors={fieldErrors(parsed.error, messagesFor(c, errorMessages))} />, title(c).raiseReferral);
    }
    const result = await work(c, async (w) => raiseReferral(w, await viewer(c, w), id, parsed.data));
    if (!result.ok) return notFoundPage(c);
    setFlash(c, { kind: 'success', message: title(c).referralRaised });
    return redirectTo(c, `/children/${id}`);
  });

  app.post('/children/:id/close', requirePermission(MAY_SUPERVISE), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, CLOSE_FIELDS);
    const parsed = closeForm.safeParse(values);
    if (!parsed.success) {
      const theirs = await work(c, async (w) => mayAct(w, await viewer(c, w), id, 'close'));
      if (!theirs) return notFoundPage(c);
      return page(c, 400, <CloseFormPage childId={id} retentionDays={cityOf(c).settings.retentionDays} values={values} errors={fieldErrors(parsed.error, messagesFor(c, errorMessages))} />, title(c).closeTitle);
    }
    const closed = await work(c, async (w) => closeCase(w, await viewer(c, w), id, parsed.data.reason));
    if (!closed) return notFoundPage(c);
    setFlash(c, { kind: 'success', message: title(c).caseClosed });
    return redirectTo(c, `/children/${id}`);
  });

  app.get('/children/:id/access', requirePermission(MAY_SUPERVISE), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const found = await work(c, async (w) => {
      const v = await viewer(c, w);
      const record = await readChild(w, v, id, 'list_access');
      if (!record) return null;
      await logAccess(w, v.id, id, 'access_listed');
      const entries = await accessesOf(w, id);
      return { entries, names: await w.people.names([...new Set(entries.map((a) => a.actorId))]), chain: await verifyAccessChain(w) };
    });
    if (!found) return notFoundPage(c);
    return page(c, 200, <AccessPage childId={id} {...found} />, title(c).accessTitle);
  });

  app.get('/supervisors', requirePermission(MAY_CONFIGURE), (c) => renderSupervisors(c, 200, { values: {}, errors: {} }));

  app.post('/supervisors', requirePermission(MAY_CONFIGURE), async (c) => {
    const values = await readForm(c, SUPERVISOR_FIELDS);
    const e = messagesFor(c, errorMessages);
    const parsed = supervisorForm.safeParse(values);
    if (!parsed.success) return renderSupervisors(c, 400, { values, errors: fieldErrors(parsed.error, e) });
    const error = await work(c, async (w): Promise<FieldErrors | null> => {
      const person = await w.people.find(parsed.data.login);
      if (!person) return { login: e.unknown_person };
      if (!(await w.districts()).includes(parsed.data.district)) return { district: e.unknown_district };
      await assignSupervisorDistrict(w, userId(c), person.id, parsed.data.district);
      return null;
    });
    if (error) return renderSupervisors(c, 400, { values, errors: error });
    setFlash(c, { kind: 'success', message: title(c).assigned });
    return redirectTo(c, '/supervisors');
  });
}
