import type { Hono } from 'hono';
import { messagesFor, PAGE_SIZE, pageFromQuery, requireUser, setFlash, toCsv, toLocalDateTimeInput, type PluginEnv } from '../../core/plugin-api.ts';
import { memberPosition } from './accounts.ts';
import { errorMessages } from './admin-messages.ts';
import { formatCredits } from './credits.ts';
import { birthDateForm } from './forms.ts';
import { upcomingExpiries } from './lots.ts';
import { ageOn, birthDateOf, declareBirthDate } from './members.ts';
import { messages } from './messages.ts';
import { memberStatement } from './reports.ts';
import { type C, cityOf, fieldErrors, page, readForm, tb, userId, work } from './route-kit.ts';
import { reasonOf } from './statement-lines.ts';
import { HomePage } from './views/home-page.tsx';
import { noForm, type FormState } from './views/parts.tsx';
import { ProfilePage } from './views/profile-page.tsx';
import { StatementPage } from './views/statement-page.tsx';

/** Statements longer than this go out in the CSV only up to it; a member reaching it is far beyond a demo. */
const CSV_LIMIT = 10_000;

async function renderProfile(c: C, status: 200 | 400, form: FormState) {
  const found = await work(c, (w) => birthDateOf(w, userId(c)));
  const age = found.birthDate ? ageOn(found.birthDate, new Date()) : null;
  return page(c, status, <ProfilePage {...found} age={age} form={form} />, messagesFor(c, messages).profileTitle);
}

/** A member's own pages: the front page with their balance, the statement (and its CSV), their birth date. */
export function memberRoutes(app: Hono<PluginEnv>) {
  app.get('/', async (c) => {
    const user = cityOf(c).user;
    const data = user
      ? await work(c, async (w) => {
          const [position, expiring] = await Promise.all([memberPosition(w, user.id), upcomingExpiries(w, user.id)]);
          return { ...position, expiring };
        })
      : { balance: 0, owed: 0, expiring: [] };
    const links = { station: cityOf(c).can('time-bank.fulfil'), admin: cityOf(c).can('time-bank.manage') };
    return c.render(<HomePage signedIn={Boolean(user)} {...data} links={links} />, { title: messagesFor(c, messages).title });
  });

  app.get('/statement', requireUser, async (c) => {
    const pageNumber = pageFromQuery(c.req.query('page'));
    const found = await work(c, (w) => memberStatement(w, userId(c), { limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE }));
    return c.render(<StatementPage {...found} page={pageNumber} pageSize={PAGE_SIZE} />, { title: messagesFor(c, messages).statementTitle });
  });

  app.get('/statement.csv', requireUser, async (c) => {
    const t = messagesFor(c, messages);
    const { lines } = await work(c, (w) => memberStatement(w, userId(c), { limit: CSV_LIMIT, offset: 0 }));
    const rows = lines.map((l) => [toLocalDateTimeInput(l.postedAt).replace('T', ' '), reasonOf(t, l), formatCredits(l.amount), formatCredits(l.balance), l.transferId]);
    // A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
    const body = toCsv([[t.date, t.reason, t.change, t.runningBalance, 'transfer'], ...rows], { bom: true });
    return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="time-bank-statement.csv"' });
  });

  app.get('/profile', requireUser, (c) => renderProfile(c, 200, noForm));

  app.post('/profile', requireUser, async (c) => {
    const values = await readForm(c, ['birth_date']);
    const parsed = birthDateForm().safeParse(values);
    if (!parsed.success) return renderProfile(c, 400, { values, errors: fieldErrors(c, parsed.error) });
    const saved = await work(c, (w) => declareBirthDate(w, userId(c), parsed.data.birth_date));
    setFlash(c, saved ? { kind: 'success', message: messagesFor(c, messages).declaredDone } : { kind: 'error', message: messagesFor(c, errorMessages).alreadyDeclared });
    return c.redirect(tb(c, '/profile'), 303);
  });
}
