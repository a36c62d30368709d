import type { Hono } from 'hono';
import { messagesFor, notFoundPage, requireUser, setFlash, type PluginEnv } from '../../core/plugin-api.ts';
import { memberPosition } from './accounts.ts';
import { errorMessages } from './admin-messages.ts';
import { formatCredits } from './credits.ts';
import { askFamilyLink, confirmFamilyLink, familyOf, giveToFamily, givenThisYear, removeFamilyLink } from './family.ts';
import { giveForm, linkForm } from './forms.ts';
import { messages } from './messages.ts';
import { type C, creditsText, fieldErrors, idFrom, page, readForm, settingsOf, tb, userId, work } from './route-kit.ts';
import { FamilyPage } from './views/family-page.tsx';
import { noForm, type FormState } from './views/parts.tsx';

async function renderFamily(c: C, status: 200 | 400, forms: { link?: FormState; give?: FormState }) {
  const data = await work(c, async (w) => ({ links: await familyOf(w, userId(c)), givenThisYear: await givenThisYear(w, userId(c), new Date()) }));
  return page(c, status, <FamilyPage {...data} link={forms.link ?? noForm} give={forms.give ?? noForm} />, messagesFor(c, messages).familyTitle);
}

/** Family: link members (both confirm), give credits within the yearly limit. */
export function familyRoutes(app: Hono<PluginEnv>) {
  app.get('/family', requireUser, (c) => renderFamily(c, 200, {}));

  app.post('/family/link', requireUser, async (c) => {
    const values = await readForm(c, ['login', 'relation']);
    const parsed = linkForm.safeParse(values);
    if (!parsed.success) return renderFamily(c, 400, { link: { values, errors: fieldErrors(c, parsed.error) } });
    const e = messagesFor(c, errorMessages);
    const outcome = await work(c, async (w) => {
      const relative = await w.people.find(parsed.data.login);
      if (!relative) return { login: e.unknownMember };
      const asked = await askFamilyLink(w, userId(c), relative.id, parsed.data.relation);
      return asked.ok ? null : { login: asked.reason === 'self' ? e.self : e.linkExists };
    });
    if (outcome) return renderFamily(c, 400, { link: { values, errors: outcome } });
    setFlash(c, { kind: 'success', message: messagesFor(c, messages).linkAsked });
    return c.redirect(tb(c, '/family'), 303);
  });

  for (const action of ['confirm', 'remove'] as const) {
    app.post(`/family/:id/${action}`, requireUser, async (c) => {
      const id = idFrom(c);
      if (!id) return notFoundPage(c);
      const done = await work(c, (w) => (action === 'confirm' ? confirmFamilyLink(w, id, userId(c)) : removeFamilyLink(w, id, userId(c))));
      if (!done) return notFoundPage(c);
      const t = messagesFor(c, messages);
      setFlash(c, { kind: 'success', message: action === 'confirm' ? t.linkConfirmed : t.linkRemoved });
      return c.redirect(tb(c, '/family'), 303);
    });
  }

  app.post('/family/give', requireUser, async (c) => {
    const values = await readForm(c, ['to', 'amount']);
    const parsed = giveForm.safeParse(values);
    if (!parsed.success) return renderFamily(c, 400, { give: { values, errors: fieldErrors(c, parsed.error) } });
    const settings = settingsOf(c);
    const e = messagesFor(c, errorMessages);
    const { to, amount } = parsed.data;
    const outcome = await work(c, async (w) => {
      if (settings.familyTransferLimit === 0) return { result: { ok: false as const, reason: 'over_limit' as const, left: 0 }, balance: 0, names: [] };
      const result = await giveToFamily(w, userId(c), to, amount, settings.familyTransferLimit);
      return { result, balance: (await memberPosition(w, userId(c))).balance, names: await familyOf(w, userId(c)) };
    });
    const { result } = outcome;
    if (!result.ok) {
      const errors =
        result.reason === 'not_family'
          ? { to: e.notFamily }
          : result.reason === 'over_limit'
            ? { amount: e.overLimit(creditsText(settings, result.left ?? 0)) }
            : { amount: e.insufficient(creditsText(settings, outcome.balance)) };
      return renderFamily(c, 400, { give: { values, errors } });
    }
    const name = outcome.names.find((l) => l.otherId === to)?.otherName ?? '';
    setFlash(c, { kind: 'success', message: messagesFor(c, messages).given(`${formatCredits(amount)} ${settings.creditName}`, name) });
    return c.redirect(tb(c, '/family'), 303);
  });
}
