import type { Hono } from 'hono';
import { messagesFor, notFoundPage, requirePermission, requireUser, setFlash, type PluginEnv } from '../../core/plugin-api.ts';
import { memberPosition } from './accounts.ts';
import { adminMessages } from './admin-messages.ts';
import { cancelRedemption, findItem, findRedemptionByCode, fulfilRedemption, groupCode, listItems, memberRedemptions, normaliseCode, redeemItem } from './catalogue.ts';
import { messages } from './messages.ts';
import { type C, cityOf, creditsText, idFrom, page, readForm, settingsOf, tb, userId, work } from './route-kit.ts';
import { CataloguePage, RedemptionsPage } from './views/catalogue-pages.tsx';
import { noForm, type FormState } from './views/parts.tsx';
import { StationPage } from './views/station-page.tsx';

async function renderStation(c: C, status: 200 | 400, code: string) {
  const a = messagesFor(c, adminMessages);
  const t = messagesFor(c, messages);
  if (code === '') return page(c, 200, <StationPage form={noForm} found={null} />, a.stationTitle);
  const normal = normaliseCode(code);
  const found = normal ? await work(c, (w) => findRedemptionByCode(w, normal)) : null;
  const form: FormState = { values: { code }, errors: found ? {} : { code: normal ? a.codeUnknown : t.code } };
  return page(c, found ? status : 400, <StationPage form={form} found={found} />, a.stationTitle);
}

/** Time for resources: the catalogue, a member's redemptions, and the station's hand-over. */
export function catalogueRoutes(app: Hono<PluginEnv>) {
  app.get('/catalogue', async (c) => {
    const items = await work(c, (w) => listItems(w, { activeOnly: true }));
    return c.render(<CataloguePage items={items} signedIn={Boolean(cityOf(c).user)} />, { title: messagesFor(c, messages).catalogueTitle });
  });

  app.post('/catalogue/:id/redeem', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const settings = settingsOf(c);
    const t = messagesFor(c, messages);
    const result = await work(c, (w) => redeemItem(w, id, userId(c), settings.withdrawalAge));
    if (result.ok) {
      setFlash(c, { kind: 'success', message: t.redeemed(groupCode(result.code)) });
      return c.redirect(tb(c, '/redemptions'), 303);
    }
    if (result.reason === 'not_found') return notFoundPage(c);
    let message: string;
    if (result.reason === 'insufficient') {
      const item = await work(c, (w) => findItem(w, id));
      const { balance } = await work(c, (w) => memberPosition(w, userId(c)));
      message = t.notEnoughCredits(creditsText(settings, item!.price), creditsText(settings, balance));
    } else if (result.reason === 'too_young') message = t.tooYoung(result.age ?? 0, settings.withdrawalAge);
    else if (result.reason === 'no_birth_date') message = t.noBirthDate;
    else message = t.outOfStock;
    // Refused: nothing was taken, and the catalogue says why beside the item.
    setFlash(c, { kind: 'error', message });
    return c.redirect(tb(c, `/catalogue#item-${id}`), 303);
  });

  app.get('/redemptions', requireUser, async (c) => {
    const rows = await work(c, (w) => memberRedemptions(w, userId(c)));
    return c.render(<RedemptionsPage rows={rows} />, { title: messagesFor(c, messages).redemptionsTitle });
  });

  app.post('/redemptions/:id/cancel', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const admin = cityOf(c).can('time-bank.manage');
    const result = await work(c, (w) => cancelRedemption(w, id, { userId: userId(c), admin }));
    if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
    const t = messagesFor(c, messages);
    setFlash(c, result.ok ? { kind: 'success', message: t.redemptionCancelled } : { kind: 'error', message: messagesFor(c, adminMessages).alreadyClosed });
    return c.redirect(tb(c, '/redemptions'), 303);
  });

  app.get('/station', requirePermission('time-bank.fulfil'), (c) => renderStation(c, 200, (c.req.query('code') ?? '').trim()));

  app.post('/station/fulfil', requirePermission('time-bank.fulfil'), async (c) => {
    const { code } = await readForm(c, ['code']);
    const normal = normaliseCode(code ?? '');
    if (!normal) return renderStation(c, 400, code ?? '');
    const result = await work(c, (w) => fulfilRedemption(w, normal, userId(c)));
    if (!result.ok && result.reason === 'not_found') return renderStation(c, 400, code ?? '');
    const a = messagesFor(c, adminMessages);
    if (result.ok) {
      const found = await work(c, (w) => findRedemptionByCode(w, normal));
      setFlash(c, { kind: 'success', message: a.fulfilled(found!.itemName, found!.memberName) });
    } else setFlash(c, { kind: 'error', message: a.alreadyClosed });
    return c.redirect(tb(c, `/station?code=${normal}`), 303);
  });
}
