import { Hono } from 'hono';
import { clientAddress, messagesFor, type PluginEnv, requireUser, setFlash, SlidingWindowLimiter } from '../../core/plugin-api.ts';
import { MAY_MANAGE_BATCHES } from './access.ts';
import { readActivationCode } from './activation-codes.ts';
import { activateCard, type ActivationRefusal } from './activation.ts';
import { printedNumber, readCardNumber } from './card-numbers.ts';
import { activeCardOf, cardGivesBenefits, replaceLostCard } from './cards.ts';
import { ACTIVATION_FIELDS, type FieldErrors, type FormValues } from './forms.ts';
import { cardMessages, errorMessages, type ErrorMessages, reportMessages } from './messages.ts';
import { sponsorReport } from './report.ts';
import { page, readForm, redirectTo, userId, pluginContext, type C, work } from './route-kit.ts';
import { ActivatePage, HomePage } from './views/card-pages.tsx';
import { ReportPage } from './views/report-page.tsx';

/** Wrong activations from one address: 20 in any 10 minutes, on top of each resident's own backoff. */
const ADDRESS_LIMIT = 20;
const ADDRESS_WINDOW_MS = 10 * 60 * 1000;

function refusalError(refusal: ActivationRefusal, e: ErrorMessages): FieldErrors {
  switch (refusal.reason) {
    case 'wait': return { code: e.wait(refusal.seconds) };
    case 'no_real_name': return { number: e.noRealName };
    case 'already_holder': return { number: e.alreadyHolder };
    case 'wrong_code': return { code: e.wrongCode };
    case 'used': return { number: e.used };
    case 'suspended': return { number: e.suspended };
    case 'outside_validity': return { number: e.outsideValidity(refusal.validFrom, refusal.validUntil) };
  }
}

function renderActivate(c: C, status: 200 | 400, values: FormValues, errors: FieldErrors, needsRealName = false) {
  if (status === 400) c.header('Cache-Control', 'no-store');
  return page(c, status, <ActivatePage values={values} errors={errors} needsRealName={needsRealName} />, messagesFor(c, cardMessages).activateTitle);
}

/** The holder's side: what the card gives, activation, their card and reporting it lost; the public sponsor report. */
export function cardRoutes(app: Hono<PluginEnv>) {
  const addresses = new SlidingWindowLimiter(ADDRESS_LIMIT, ADDRESS_WINDOW_MS);

  app.get('/', async (c) => {
    const user = pluginContext(c).user;
    const held = user ? await work(c, (w) => activeCardOf(w, user.id)) : null;
    const holderName = held && user ? ((await work(c, (w) => w.people.volunteerFacts(user.id)))?.realName ?? user.name) : null;
    const props = { held, holderName, usable: held ? cardGivesBenefits(held, new Date()) : false, mayManage: pluginContext(c).can(MAY_MANAGE_BATCHES) };
    return c.render(<HomePage {...props} />, { title: messagesFor(c, cardMessages).title });
  });

  app.get('/report', async (c) => {
    const figures = await work(c, sponsorReport);
    return c.render(<ReportPage figures={figures} />, { title: messagesFor(c, reportMessages).title });
  });

  app.get('/activate', requireUser, (c) => renderActivate(c, 200, { number: '', code: '' }, {}));

  app.post('/activate', requireUser, async (c) => {
    const values = await readForm(c, ACTIVATION_FIELDS);
    const e = messagesFor(c, errorMessages);
    const number = readCardNumber(values.number!);
    const code = readActivationCode(values.code!);
    const errors: FieldErrors = {};
    if (number === 'malformed') errors.number = e.numberMalformed;
    if (number === 'check_digit') errors.number = e.numberCheckDigit;
    if (!code) errors.code = e.codeMalformed;
    if (Object.keys(errors).length > 0) return renderActivate(c, 400, values, errors);
    const address = clientAddress(c);
    const addressWait = addresses.retryAfter(address);
    if (addressWait) return renderActivate(c, 400, values, { code: e.wait(addressWait) });
    const result = await work(c, (w) => activateCard(w, userId(c), { number: number as string, code: code!, address }, new Date()));
    if (!result.ok) {
      if (result.reason === 'wrong_code') addresses.hit(address);
      return renderActivate(c, 400, values, refusalError(result, e), result.reason === 'no_real_name');
    }
    setFlash(c, { kind: 'success', message: messagesFor(c, cardMessages).activated });
    return redirectTo(c, '/');
  });

  app.post('/card/lost', requireUser, async (c) => {
    const result = await work(c, (w) => replaceLostCard(w, userId(c)));
    if (!result.ok) return redirectTo(c, '/');
    setFlash(c, { kind: 'success', message: messagesFor(c, cardMessages).replaced(printedNumber(result.card.number)) });
    return redirectTo(c, '/');
  });
}
