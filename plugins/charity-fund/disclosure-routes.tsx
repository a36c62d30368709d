import { Hono } from 'hono';
import { formatDateTime, messagesFor, notFoundPage, toCsv, type CsvCell, type PluginEnv } from '../../core/plugin-api.ts';
import { fundDisclosure, monthOf, monthPeriod, type Disclosure } from './disclosure.ts';
import { findFund } from './funds.ts';
import { errorMessages, fundMessages } from './messages.ts';
import { type C, idFrom, page, work } from './route-kit.ts';
import { publicDonor } from './views/parts.tsx';
import { DisclosurePage } from './views/disclosure-page.tsx';
import { disclosureMessages } from './work-messages.ts';

/** Whole fen as plain yuan for a spreadsheet (`123456` → `1234.56`): exact, no float. */
export const fenAsYuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

/** One table for the month: every donation, grant, expense and in-kind gift, then the month's ledger totals and hash. */
function disclosureCsv(c: C, r: Disclosure): string {
  const d = messagesFor(c, disclosureMessages);
  const anonymous = messagesFor(c, fundMessages).anonymous;
  const when = (at: Date | null) => (at ? formatDateTime(at, c.var.locale) : '');
  const rows: CsvCell[][] = [[d.csvKind, d.date, d.csvReference, d.csvParty, d.project, d.csvAmount, d.csvNote]];
  for (const { donation: x, projectTitle, stationName } of r.donations) {
    rows.push([d.csvDonation, when(x.confirmedAt), x.receiptNumber ?? '', publicDonor(x.donorName, x.visibility, anonymous), projectTitle ?? d.fundItself, fenAsYuan(x.amountFen), [stationName, x.message].filter(Boolean).join(' · ')]);
  }
  for (const { grant: g, projectTitle } of r.grants) rows.push([d.csvGrant, when(g.decidedAt), '', projectTitle, projectTitle, fenAsYuan(g.amountFen), g.note]);
  for (const { expense: x, projectTitle } of r.expenses) rows.push([d.csvExpense, when(x.decidedAt), x.documentRef, x.payee, projectTitle ?? d.fundItself, fenAsYuan(x.amountFen), x.purpose]);
  for (const { gift: g, stationName } of r.gifts) {
    rows.push([d.csvGift, when(g.createdAt), '', publicDonor(g.donorName, g.visibility, anonymous), d.fundItself, fenAsYuan(g.estimatedFen), `${g.item} × ${g.quantity} ${g.unit} · ${stationName}`]);
  }
  rows.push([d.monthRaised, '', '', '', '', fenAsYuan(r.month.raised), '']);
  rows.push([d.monthSpent, '', '', '', '', fenAsYuan(r.month.spent), '']);
  rows.push([d.hashTitle, when(r.chain.asOf), String(r.chain.seq), '', '', '', r.chain.hash]);
  // A byte-order mark, so spreadsheet programs open the Chinese text as UTF-8.
  return toCsv(rows, { bom: true });
}

/** Public, no sign-in: a fund's monthly disclosure as a page and as CSV. */
export function disclosureRoutes(app: Hono<PluginEnv>) {
  const load = async (c: C) => {
    const id = idFrom(c);
    const month = c.req.query('month') ?? monthOf(new Date());
    const period = monthPeriod(month);
    const found = id
      ? await work(c, async (w) => {
          const fund = await findFund(w, id);
          return fund ? { fund, report: period ? await fundDisclosure(w, fund, period) : null } : null;
        })
      : null;
    return { found, month };
  };

  app.get('/funds/:id/disclosure', async (c) => {
    const { found, month } = await load(c);
    if (!found) return notFoundPage(c);
    const monthError = found.report ? undefined : messagesFor(c, errorMessages).monthInvalid;
    const title = messagesFor(c, disclosureMessages).title(found.fund.name);
    return page(c, found.report ? 200 : 400, <DisclosurePage fund={found.fund} report={found.report} month={month} monthError={monthError} />, title);
  });

  app.get('/funds/:id/disclosure.csv', async (c) => {
    const { found } = await load(c);
    if (!found) return notFoundPage(c);
    if (!found.report) return c.text(messagesFor(c, errorMessages).monthInvalid, 400);
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="charity-fund-${found.report.period.month}.csv"`);
    return c.body(disclosureCsv(c, found.report));
  });
}
