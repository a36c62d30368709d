import { Hono } from 'hono';
import { messagesFor, notFoundPage, offerToPageCache, type PluginEnv, requirePermission, setFlash, toLocalDateInput } from '../../core/plugin-api.ts';
import { approvedProjectsOf } from './disclosure.ts';
import { FUND_FIELDS, fieldErrors, fundForm, type FieldErrors, type FormValues } from './forms.ts';
import { createFund, findFund, fundOpenOn, fundTotalsById, fundsWithTotals } from './funds.ts';
import { errorMessages, fundMessages } from './messages.ts';
import { type C, cityOf, idFrom, page, readForm, redirectTo, userId, work } from './route-kit.ts';
import { FundFormPage, FundListPage, FundPage, type Rights } from './views/fund-pages.tsx';

export const MAY_CREATE_FUNDS = 'charity-fund.funds.manage';
export const MAY_MANAGE = 'charity-fund.manage';
export const MAY_STAFF = 'charity-fund.station';

export function rightsOf(c: C): Rights {
  const has = (p: string) => cityOf(c).can(p);
  return { createFunds: has(MAY_CREATE_FUNDS), manage: has(MAY_MANAGE), station: has(MAY_STAFF), signedIn: cityOf(c).user !== null };
}

function renderFundForm(c: C, status: 200 | 400, values: FormValues, errors: FieldErrors) {
  return page(c, status, <FundFormPage values={values} errors={errors} />, messagesFor(c, fundMessages).newFund);
}

/** The public list and page of each fund; city admins create funds. */
export function fundRoutes(app: Hono<PluginEnv>) {
  app.get('/', async (c) => {
    const funds = await work(c, fundsWithTotals);
    return c.render(<FundListPage funds={funds} rights={rightsOf(c)} />, { title: messagesFor(c, fundMessages).title });
  });

  app.get('/funds/new', requirePermission(MAY_CREATE_FUNDS), (c) => {
    const today = toLocalDateInput(new Date());
    return renderFundForm(c, 200, { starts_on: today, ends_on: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}` }, {});
  });

  app.post('/funds/new', requirePermission(MAY_CREATE_FUNDS), async (c) => {
    const values = await readForm(c, FUND_FIELDS);
    const parsed = fundForm.safeParse(values);
    const e = messagesFor(c, errorMessages);
    if (!parsed.success) return renderFundForm(c, 400, values, fieldErrors(parsed.error, e));
    const f = parsed.data;
    const input = { name: f.name, community: f.community, hostCharity: f.host_charity, purpose: f.purpose, targetFen: f.target, startsOn: f.starts_on, endsOn: f.ends_on };
    const result = await work(c, (w) => createFund(w, userId(c), input));
    if (!result.ok) return renderFundForm(c, 400, values, { name: e.nameTaken });
    setFlash(c, { kind: 'success', message: messagesFor(c, fundMessages).fundCreated });
    return redirectTo(c, `/funds/${result.id}`);
  });

  app.get('/funds/:id', async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const found = await work(c, async (w) => {
      // The fund, its projects and its totals go out together (one write on postgres.js, one round trip).
      const [fund, projects, totals] = await Promise.all([findFund(w, id), approvedProjectsOf(w, id), fundTotalsById(w, id)]);
      return fund && { fund, projects, totals };
    });
    if (!found) return notFoundPage(c);
    // The same for every visitor who is not signed in. What changes it comes through the city's site (a
    // donation, its payment callback, a confirmation at a station, a grant or an expense approved), so a kept
    // page goes stale at once; the plugin has no jobs, and the fund opening or closing with the date may show
    // a few seconds late.
    offerToPageCache(c);
    const open = fundOpenOn(found.fund, toLocalDateInput(new Date()));
    return c.render(<FundPage {...found} open={open} rights={rightsOf(c)} />, { title: found.fund.name });
  });
}
