import type { Hono } from 'hono';
import { messagesFor, notFoundPage, forbiddenPage, PAGE_SIZE, pageFromQuery, requireUser, setFlash, type PluginEnv } from '../../core/plugin-api.ts';
import { memberPosition } from './accounts.ts';
import {
  cancelExchange,
  closeListing,
  confirmExchange,
  createListing,
  disputeExchange,
  findExchange,
  findListing,
  listExchanges,
  openListings,
  respondToListing,
  type StepResult,
} from './exchanges.ts';
import { disputeForm, listingForm, respondForm } from './forms.ts';
import { messages, type Messages } from './messages.ts';
import { type C, creditsText, fieldErrors, idFrom, page, readForm, settingsOf, tb, userId, work } from './route-kit.ts';
import { ExchangePage, ExchangesPage } from './views/exchange-pages.tsx';
import { ListingPage, MarketPage, NewListingPage } from './views/market-pages.tsx';
import { noForm, type FormState } from './views/parts.tsx';

async function renderListing(c: C, id: string, status: 200 | 400, form: FormState) {
  const found = await work(c, async (w) => {
    const listing = await findListing(w, id);
    // The author sees every response; anyone else only their own.
    const responses = listing ? (await listExchanges(w, { listingId: id })).filter((e) => listing.authorId === userId(c) || e.providerId === userId(c) || e.requesterId === userId(c)) : [];
    return { listing, responses };
  });
  if (!found.listing) return notFoundPage(c);
  return page(c, status, <ListingPage listing={found.listing} viewerId={userId(c)} responses={found.responses} form={form} />, found.listing.title);
}

async function renderExchange(c: C, id: string, status: 200 | 400, dispute: FormState) {
  const exchange = await work(c, (w) => findExchange(w, id));
  if (!exchange) return notFoundPage(c);
  if (exchange.providerId !== userId(c) && exchange.requesterId !== userId(c)) return forbiddenPage(c);
  return page(c, status, <ExchangePage exchange={exchange} viewerId={userId(c)} dispute={dispute} />, messagesFor(c, messages).exchangeTitle);
}

/** After a step on an exchange: 404, 403, or back to its page with what happened. */
async function afterStep(c: C, id: string, result: StepResult, done: (t: Messages) => string) {
  if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
  if (!result.ok && result.reason === 'not_party') return forbiddenPage(c);
  const t = messagesFor(c, messages);
  if (result.ok) setFlash(c, { kind: 'success', message: done(t) });
  else if (result.reason === 'insufficient') {
    const exchange = await work(c, (w) => findExchange(w, id));
    const balance = await work(c, (w) => memberPosition(w, exchange!.requesterId));
    setFlash(c, { kind: 'error', message: t.notEnoughToPay(creditsText(settingsOf(c), balance.balance)) });
  } else setFlash(c, { kind: 'error', message: result.reason === 'already_confirmed' ? t.alreadyConfirmed : t.notOpen });
  return c.redirect(tb(c, `/exchanges/${id}`), 303);
}

/** Time for service: the market of offers and requests, and the exchanges between members. */
export function marketRoutes(app: Hono<PluginEnv>) {
  app.get('/market', requireUser, async (c) => {
    const kindQuery = c.req.query('kind');
    const kind = kindQuery === 'offer' || kindQuery === 'request' ? kindQuery : null;
    const pageNumber = pageFromQuery(c.req.query('page'));
    const found = await work(c, (w) => openListings(w, kind, pageNumber, PAGE_SIZE));
    return c.render(<MarketPage {...found} page={pageNumber} pageSize={PAGE_SIZE} kind={kind} />, { title: messagesFor(c, messages).marketTitle });
  });

  app.get('/market/new', requireUser, (c) => page(c, 200, <NewListingPage form={noForm} />, messagesFor(c, messages).newListingTitle));

  app.post('/market/new', requireUser, async (c) => {
    const values = await readForm(c, ['kind', 'title', 'description', 'credits']);
    const parsed = listingForm.safeParse(values);
    if (!parsed.success) return page(c, 400, <NewListingPage form={{ values, errors: fieldErrors(c, parsed.error) }} />, messagesFor(c, messages).newListingTitle);
    const id = await work(c, (w) => createListing(w, userId(c), parsed.data));
    setFlash(c, { kind: 'success', message: messagesFor(c, messages).published });
    return c.redirect(tb(c, `/market/${id}`), 303);
  });

  app.get('/market/:id', requireUser, (c) => {
    const id = idFrom(c);
    return id ? renderListing(c, id, 200, noForm) : notFoundPage(c);
  });

  app.post('/market/:id/respond', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, ['message']);
    const parsed = respondForm.safeParse(values);
    if (!parsed.success) return renderListing(c, id, 400, { values, errors: fieldErrors(c, parsed.error) });
    const result = await work(c, (w) => respondToListing(w, id, userId(c), parsed.data.message));
    if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
    const t = messagesFor(c, messages);
    if (result.ok) {
      setFlash(c, { kind: 'success', message: t.responded });
      return c.redirect(tb(c, `/exchanges/${result.exchangeId}`), 303);
    }
    setFlash(c, { kind: 'error', message: { own: t.ownListing, closed: t.listingClosed, already: t.alreadyResponded }[result.reason as 'own' | 'closed' | 'already'] });
    return c.redirect(tb(c, `/market/${id}`), 303);
  });

  app.post('/market/:id/close', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const found = await work(c, async (w) => ({ listing: await findListing(w, id), closed: await closeListing(w, id, userId(c)) }));
    if (!found.listing) return notFoundPage(c);
    if (found.listing.authorId !== userId(c)) return forbiddenPage(c);
    const t = messagesFor(c, messages);
    setFlash(c, found.closed ? { kind: 'success', message: t.listingClosedDone } : { kind: 'error', message: t.listingClosed });
    return c.redirect(tb(c, `/market/${id}`), 303);
  });

  app.get('/exchanges', requireUser, async (c) => {
    const rows = await work(c, (w) => listExchanges(w, { userId: userId(c) }));
    return c.render(<ExchangesPage rows={rows} />, { title: messagesFor(c, messages).exchangesTitle });
  });

  app.get('/exchanges/:id', requireUser, (c) => {
    const id = idFrom(c);
    return id ? renderExchange(c, id, 200, noForm) : notFoundPage(c);
  });

  app.post('/exchanges/:id/confirm', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const result = await work(c, (w) => confirmExchange(w, id, userId(c)));
    const credits = async () => creditsText(settingsOf(c), (await work(c, (w) => findExchange(w, id)))?.credits ?? 0);
    const amount = result.ok && result.completed ? await credits() : '';
    return afterStep(c, id, result, (t) => (result.ok && result.completed ? t.completed(amount) : t.confirmed));
  });

  app.post('/exchanges/:id/cancel', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const result = await work(c, (w) => cancelExchange(w, id, userId(c)));
    return afterStep(c, id, result, (t) => t.cancelled);
  });

  app.post('/exchanges/:id/dispute', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, ['reason']);
    const parsed = disputeForm.safeParse(values);
    if (!parsed.success) return renderExchange(c, id, 400, { values, errors: fieldErrors(c, parsed.error) });
    const result = await work(c, (w) => disputeExchange(w, id, userId(c), parsed.data.reason));
    return afterStep(c, id, result, (t) => t.disputed);
  });
}
