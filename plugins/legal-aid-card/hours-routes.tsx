import { Hono } from 'hono';
import { clientAddress, forbiddenPage, messagesFor, notFoundPage, type PluginEnv, requireUser, setFlash } from '../../core/plugin-api.ts';
import { MAY_ANSWER, MAY_COORDINATE, type Viewer } from './access.ts';
import { fieldErrors, hoursForm } from './forms.ts';
import { hoursMessages } from './hours-messages.ts';
import { enterHours, hoursAwaitingVerification, hoursOf, hoursRight, type HoursSource, hoursWording, verifyHours } from './lawyer-hours.ts';
import { errorMessages } from './messages.ts';
import { idFrom, page, readForm, redirectTo, userId, pluginContext, type C, work } from './route-kit.ts';
import { HoursFormPage, HoursPage } from './views/hours-pages.tsx';

const viewerOf = (c: C): Viewer => ({ id: userId(c), can: (permission) => pluginContext(c).can(permission) });

async function hoursPage(c: C, status: 200 | 400, error?: string) {
  const viewer = viewerOf(c);
  const found = await work(c, async (w) => {
    const mine = await hoursOf(w, viewer.id);
    const awaiting = viewer.can(MAY_COORDINATE) ? await hoursAwaitingVerification(w) : null;
    return { mine, awaiting, names: await w.people.names((awaiting ?? []).map((e) => e.lawyerUserId)) };
  });
  return page(c, status, <HoursPage {...found} error={error} />, messagesFor(c, hoursMessages).title);
}

/** Minutes entered on an answered consultation or a case, by its lawyer or a coordinator. */
function enterRoute(app: Hono<PluginEnv>, source: HoursSource, base: string) {
  app.post(`${base}/:id/hours`, requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const right = await work(c, (w) => hoursRight(w, viewerOf(c), source, id));
    if (right === 'not_found') return notFoundPage(c);
    if (right === 'forbidden') return forbiddenPage(c);
    const values = await readForm(c, ['minutes']);
    const e = messagesFor(c, errorMessages);
    const back = (errors: Record<string, string>) => page(c, 400, <HoursFormPage path={`${base}/${id}`} values={values} errors={errors} />, messagesFor(c, hoursMessages).title);
    const parsed = hoursForm.safeParse(values);
    if (!parsed.success) return back(fieldErrors(parsed.error, e) as Record<string, string>);
    const result = await work(c, (w) => enterHours(w, viewerOf(c), source, id, parsed.data.minutes, new Date()));
    if (result === 'not_found') return notFoundPage(c);
    if (result === 'forbidden') return forbiddenPage(c);
    if (result === 'already_verified') return back({ minutes: e.alreadyVerified });
    setFlash(c, { kind: 'success', message: messagesFor(c, hoursMessages).entered });
    return redirectTo(c, `${base}/${id}`);
  });
}

/** Lawyers' hours: entered on consultations and cases, listed on the lawyer's page, verified by coordinators onto the ledger. */
export function hoursRoutes(app: Hono<PluginEnv>) {
  enterRoute(app, 'consultation', '/consultations');
  enterRoute(app, 'case', '/cases');

  app.get('/hours', requireUser, async (c) => {
    const viewer = viewerOf(c);
    if (!viewer.can(MAY_ANSWER) && !viewer.can(MAY_COORDINATE)) return forbiddenPage(c);
    return hoursPage(c, 200);
  });

  app.post('/hours/:id/verify', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const result = await work(c, (w) => verifyHours(w, viewerOf(c), id, hoursWording(pluginContext(c).city.locale), clientAddress(c), new Date()));
    if (result === 'not_found') return notFoundPage(c);
    if (result === 'forbidden') return forbiddenPage(c);
    if (result === 'no_firm') return hoursPage(c, 400, messagesFor(c, errorMessages).noFirm);
    setFlash(c, { kind: 'success', message: messagesFor(c, hoursMessages).verified });
    return redirectTo(c, '/hours');
  });
}
