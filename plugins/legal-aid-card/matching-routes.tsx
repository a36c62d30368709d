import { Hono } from 'hono';
import { forbiddenPage, messagesFor, notFoundPage, type PluginEnv, requirePermission, setFlash } from '../../core/plugin-api.ts';
import { MAY_ANSWER, type Viewer } from './access.ts';
import { caseMessages } from './case-messages.ts';
import { practiceOf, savePractice } from './conflicts.ts';
import { CATEGORIES } from './consultations.ts';
import { fieldErrors, practiceForm } from './forms.ts';
import { matchingMessages } from './matching-messages.ts';
import { errorMessages } from './messages.ts';
import { offersFor, takeCase } from './offers.ts';
import { idFrom, page, pluginContext, readForm, redirectTo, userId, type C, work, districtsOf } from './route-kit.ts';
import { ProfilePage, OffersPage } from './views/matching-pages.tsx';

const viewerOf = (c: C): Viewer => ({ id: userId(c), can: (permission) => pluginContext(c).can(permission) });

/** Volunteer lawyers: their practice areas and districts, and the cases offered to them. */
export function matchingRoutes(app: Hono<PluginEnv>) {
  app.get('/profile', requirePermission(MAY_ANSWER), async (c) => {
    const practice = await work(c, (w) => practiceOf(w, userId(c)));
    return page(c, 200, <ProfilePage {...practice} cityDistricts={districtsOf(c)} errors={{}} />, messagesFor(c, matchingMessages).profileTitle);
  });

  app.post('/profile', requirePermission(MAY_ANSWER), async (c) => {
    const values = await readForm(c, [], ['areas', 'districts']);
    const cityDistricts = districtsOf(c);
    const parsed = practiceForm(CATEGORIES, cityDistricts.map((d) => d.zh)).safeParse(values);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error, messagesFor(c, errorMessages));
      return page(c, 400, <ProfilePage areas={values.areas as string[]} districts={values.districts as string[]} cityDistricts={cityDistricts} errors={errors} />, messagesFor(c, matchingMessages).profileTitle);
    }
    await work(c, (w) => savePractice(w, userId(c), parsed.data));
    setFlash(c, { kind: 'success', message: messagesFor(c, matchingMessages).saved });
    return redirectTo(c, '/profile');
  });

  app.get('/offers', requirePermission(MAY_ANSWER), async (c) => {
    const offers = await work(c, (w) => offersFor(w, viewerOf(c)));
    return page(c, 200, <OffersPage offers={offers} districts={districtsOf(c)} />, messagesFor(c, matchingMessages).offersTitle);
  });

  /** The first lawyer to take an offered case is designated; a later one is told it was taken, beside the list. */
  app.post('/offers/:id/take', requirePermission(MAY_ANSWER), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const viewer = viewerOf(c);
    const result = await work(c, (w) => takeCase(w, viewer, id, new Date(), pluginContext(c).city.siteUrl));
    if (result === 'not_found') return notFoundPage(c);
    if (result === 'ok') {
      setFlash(c, { kind: 'success', message: messagesFor(c, matchingMessages).taken });
      return redirectTo(c, `/cases/${id}`);
    }
    // Not offered to this lawyer (not their area, their own case, or no such offer): nothing of it is theirs to know.
    if (result === 'forbidden') return forbiddenPage(c);
    const e = messagesFor(c, errorMessages);
    const message = result === 'taken' ? e.taken : result === 'conflict' ? e.offerConflict : e.wrongState;
    const offers = await work(c, (w) => offersFor(w, viewer));
    return page(c, result === 'conflict' ? 400 : 409, <><p class="error" role="alert">{message}</p><OffersPage offers={offers} districts={districtsOf(c)} /></>, messagesFor(c, caseMessages).cases);
  });
}
