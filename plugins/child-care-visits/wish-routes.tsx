import type { Hono } from 'hono';
import { messagesFor, notFoundPage, type PluginEnv, requirePermission, requireUser, setFlash } from '../../core/plugin-api.ts';
import { MAY_VISIT } from './access.ts';
import { fieldErrors, WISH_FIELDS, wishForm } from './forms.ts';
import { childMessages, errorMessages } from './messages.ts';
import { type C, cityOf, idFrom, page, readForm, redirectTo, viewer, work } from './route-kit.ts';
import { mayAct } from './visits.ts';
import { WishesPage, WishFormPage } from './views/wish-pages.tsx';
import { awaitingConfirmation, claimsOf, claimWish, confirmWish, publicWishes, publishWish, releaseWish, type WishChange } from './wishes.ts';

const words = (c: C) => messagesFor(c, childMessages);

/** After a claim, release or confirmation: 404 when the wish is not theirs to touch, a flash when it moved on meanwhile. */
function answer(c: C, result: WishChange, done: string) {
  if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
  setFlash(c, result.ok ? { kind: 'success', message: done } : { kind: 'error', message: words(c).notOpen });
  return redirectTo(c, '/wishes');
}

/** Micro-wishes: a public page, the director's publishing and confirming, a donor's claims. */
export function wishRoutes(app: Hono<PluginEnv>) {
  app.get('/wishes', async (c) => {
    const city = cityOf(c);
    const found = await work(c, async (w) => {
      const lists = await publicWishes(w);
      if (!city.user) return { ...lists, claims: [], awaiting: [], names: new Map<string, string>() };
      const claims = await claimsOf(w, city.user.id);
      const awaiting = city.can(MAY_VISIT) ? await awaitingConfirmation(w, await viewer(c, w)) : [];
      const names = await w.people.names([...claims.map((x) => x.directorId), ...awaiting.map((x) => x.claimedBy)]);
      return { ...lists, claims, awaiting, names };
    });
    return page(c, 200, <WishesPage {...found} signedIn={!!city.user} />, words(c).wishesTitle);
  });

  app.post('/children/:id/wishes', requirePermission(MAY_VISIT), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, WISH_FIELDS);
    const e = messagesFor(c, errorMessages);
    const parsed = wishForm.safeParse(values);
    if (!parsed.success) {
      const theirs = await work(c, async (w) => mayAct(w, await viewer(c, w), id, 'publish_wish'));
      return theirs ? page(c, 400, <WishFormPage childId={id} values={values} errors={fieldErrors(parsed.error, e)} />, words(c).publishWish) : notFoundPage(c);
    }
    const d = parsed.data;
    const result = await work(c, async (w) => publishWish(w, await viewer(c, w), id, { alias: d.alias, ageBand: d.age_band, wish: d.wish }));
    if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
    if (!result.ok) return page(c, 400, <WishFormPage childId={id} values={values} errors={{ [result.field]: e.identifying }} />, words(c).publishWish);
    setFlash(c, { kind: 'success', message: words(c).wishPublished });
    return redirectTo(c, `/children/${id}`);
  });

  app.post('/wishes/:id/claim', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    return answer(c, await work(c, (w) => claimWish(w, cityOf(c).user!.id, id)), words(c).claimed);
  });

  app.post('/wishes/:id/release', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    return answer(c, await work(c, async (w) => releaseWish(w, await viewer(c, w), id)), words(c).released);
  });

  app.post('/wishes/:id/confirm', requirePermission(MAY_VISIT), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    return answer(c, await work(c, async (w) => confirmWish(w, await viewer(c, w), id)), words(c).confirmed);
  });
}
