import type { Hono } from 'hono';
import { messagesFor, notFoundPage, type PluginEnv, requirePermission, requireUser, setFlash, toLocalDateInput } from '../../core/plugin-api.ts';
import { MAY_SUPERVISE, MAY_VISIT } from './access.ts';
import { logAccess } from './access-log.ts';
import { caringMessages } from './caring-messages.ts';
import {
  applications, applicationOf, applyAsCaringParent, confirmContact, contactsAwaiting, currentPairingOf, freeCaringParents, myPairing, pair, recordContact, vetCaringParent,
} from './caring-parents.ts';
import { APPLY_FIELDS, applyForm, CONTACT_FIELDS, contactForm, fieldErrors, PAIR_FIELDS, pairForm, VET_FIELDS, vetForm, type FieldErrors, type FormValues } from './forms.ts';
import { errorMessages } from './messages.ts';
import { type C, cityOf, idFrom, page, readForm, redirectTo, userId, viewer, work } from './route-kit.ts';
import { mayAct } from './visits.ts';
import { ApplicantsPage, CaringPage, PairPage } from './views/caring-pages.tsx';

type Form = { values: FormValues; errors: FieldErrors };
const words = (c: C) => messagesFor(c, caringMessages);
const blank: Form = { values: {}, errors: {} };

/** The caring parent's page, or the director's confirmations on it; a form kept with its errors when given (then nothing is logged: a refusal writes nothing). */
async function renderCaring(c: C, status: 200 | 400, forms: { apply?: Form; contact?: Form } = {}) {
  const city = cityOf(c);
  const found = await work(c, async (w) => {
    const me = city.user!.id;
    const application = await applicationOf(w, me);
    const pairing = application?.status === 'approved' ? await myPairing(w, me, city.settings, { logRead: status === 200 }) : null;
    const awaiting = city.can(MAY_VISIT) ? await contactsAwaiting(w, await viewer(c, w)) : [];
    const names = await w.people.names(awaiting.map((a) => a.caringParentUserId));
    return { application, pairing, awaiting, names };
  });
  const contact = forms.contact ?? { values: { contacted_on: toLocalDateInput(new Date()), mode: 'home' }, errors: {} };
  return page(c, status, <CaringPage {...found} applyForm={forms.apply ?? blank} contactForm={contact} maySupervise={city.can(MAY_SUPERVISE)} />, words(c).title);
}

async function renderApplicants(c: C, status: 200 | 400, form: Form & { id?: string }) {
  const found = await work(c, async (w) => {
    const list = await applications(w);
    const names = await w.people.names([...list.map((a) => a.userId), ...list.flatMap((a) => (a.checkedBy ? [a.checkedBy] : []))]);
    return { applications: list, names };
  });
  return page(c, status, <ApplicantsPage {...found} form={form} />, words(c).applicantsTitle);
}

/** The pairing page of a child the supervisor may pair, or 404; the read of its pairing is logged, except when a refused form comes back. */
async function renderPair(c: C, childId: string, status: 200 | 400, form: Form) {
  const found = await work(c, async (w) => {
    const v = await viewer(c, w);
    if (!(await mayAct(w, v, childId, 'pair'))) return null;
    const current = await currentPairingOf(w, childId);
    if (status === 200) await logAccess(w, v.id, childId, 'pairing_read');
    const free = await freeCaringParents(w);
    const names = await w.people.names(free.map((f) => f.userId));
    return { current, candidates: free.map((f) => ({ id: f.id, name: names.get(f.userId) ?? '' })), organisations: await w.service.organisationsOf(v.id) };
  });
  if (!found) return notFoundPage(c);
  return page(c, status, <PairPage childId={childId} {...found} {...form} />, words(c).pairTitle);
}

/** Caring parents: applying, vetting, pairing, contacts and their confirmation into service hours. */
export function caringRoutes(app: Hono<PluginEnv>) {
  app.get('/caring', requireUser, (c) => renderCaring(c, 200));

  app.post('/caring/apply', requireUser, async (c) => {
    const values = await readForm(c, APPLY_FIELDS);
    const parsed = applyForm.safeParse(values);
    if (!parsed.success) return renderCaring(c, 400, { apply: { values, errors: fieldErrors(parsed.error, messagesFor(c, errorMessages)) } });
    await work(c, (w) => applyAsCaringParent(w, userId(c), parsed.data.motivation));
    setFlash(c, { kind: 'success', message: words(c).applied });
    return redirectTo(c, '/caring');
  });

  app.get('/caring/applicants', requirePermission(MAY_SUPERVISE), (c) => renderApplicants(c, 200, blank));

  app.post('/applicants/:id/vet', requirePermission(MAY_SUPERVISE), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, VET_FIELDS);
    const parsed = vetForm.safeParse(values);
    if (!parsed.success) return renderApplicants(c, 400, { id, values, errors: fieldErrors(parsed.error, messagesFor(c, errorMessages)) });
    const done = await work(c, async (w) => vetCaringParent(w, await viewer(c, w), id, { approve: parsed.data.decision === 'approve', checkReference: parsed.data.check_reference }));
    if (!done) return notFoundPage(c);
    setFlash(c, { kind: 'success', message: words(c).vetted });
    return redirectTo(c, '/caring/applicants');
  });

  app.get('/children/:id/pairing', requirePermission(MAY_SUPERVISE), (c) => {
    const id = idFrom(c);
    return id ? renderPair(c, id, 200, blank) : notFoundPage(c);
  });

  app.post('/children/:id/pairing', requirePermission(MAY_SUPERVISE), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, PAIR_FIELDS);
    const e = messagesFor(c, errorMessages);
    const parsed = pairForm.safeParse(values);
    if (!parsed.success) return renderPair(c, id, 400, { values, errors: fieldErrors(parsed.error, e) });
    const d = parsed.data;
    const result = await work(c, async (w) => pair(w, await viewer(c, w), { childId: id, caringParentId: d.caring_parent, organisationId: d.organisation, alias: d.alias }));
    if (!result.ok) {
      if (result.reason === 'not_found') return notFoundPage(c);
      const field = { not_approved: 'caring_parent', already_paired: 'caring_parent', organisation: 'organisation', identifying: 'alias' }[result.reason];
      return renderPair(c, id, 400, { values, errors: { [field]: e[result.reason] } });
    }
    setFlash(c, { kind: 'success', message: words(c).paired });
    return redirectTo(c, `/children/${id}`);
  });

  app.post('/pairings/:id/contacts', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, CONTACT_FIELDS);
    const e = messagesFor(c, errorMessages);
    const parsed = contactForm.safeParse(values);
    if (!parsed.success) {
      // Whether the pairing is theirs is decided before saying anything about the form.
      const theirs = await work(c, async (w) => (await myPairing(w, userId(c), cityOf(c).settings, { logRead: false }))?.pairing.id === id);
      return theirs ? renderCaring(c, 400, { contact: { values, errors: fieldErrors(parsed.error, e) } }) : notFoundPage(c);
    }
    const d = parsed.data;
    const result = await work(c, (w) => recordContact(w, userId(c), id, { contactedOn: d.contacted_on, minutes: d.minutes, mode: d.mode, note: d.note }));
    if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
    if (!result.ok) {
      const error: FieldErrors = result.reason === 'future_date' ? { contacted_on: e.future_contact } : { note: e.identifying };
      return renderCaring(c, 400, { contact: { values, errors: error } });
    }
    setFlash(c, { kind: 'success', message: words(c).contactRecorded });
    return redirectTo(c, '/caring');
  });

  app.post('/contacts/:id/confirm', requirePermission(MAY_VISIT), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const result = await work(c, async (w) => confirmContact(w, await viewer(c, w), id));
    if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
    const e = messagesFor(c, errorMessages);
    setFlash(c, result.ok ? { kind: 'success', message: words(c).contactConfirmed } : { kind: 'error', message: result.reason === 'bad_minutes' ? e.bad_minutes : e.organisation });
    return redirectTo(c, '/caring');
  });
}
