import { Hono } from 'hono';
import { z } from 'zod';
import { commitWork, forbiddenPage, messagesFor, notFoundPage, pageFromQuery, PAGE_SIZE, type PluginEnv, requireUser, setFlash, toLocalDateInput } from '../../core/plugin-api.ts';
import { donorHistory, findDonation, startDonation, type DonationDetail } from './donations.ts';
import { DONATION_FIELDS, donationForm, fieldErrors, type FieldErrors, type FormValues } from './forms.ts';
import { findFund, fundOpenOn } from './funds.ts';
import { MAY_MANAGE, MAY_STAFF } from './fund-routes.tsx';
import { errorMessages, fundMessages } from './messages.ts';
import { providerFor } from './payments/index.ts';
import { fundProjects, proposalsBy } from './proposals.ts';
import { type C, cityOf, idFrom, page, pluginPath, readForm, redirectTo, settingsOf, userId, work } from './route-kit.ts';
import { DonateFormPage, DonationPage, MyGivingPage } from './views/donation-pages.tsx';
import { ReceiptSheet } from './views/receipt-sheet.tsx';

async function renderDonateForm(c: C, status: 200 | 400, fundId: string, values: FormValues, errors: FieldErrors) {
  const found = await work(c, async (w) => {
    const fund = await findFund(w, fundId);
    return fund ? { fund, projects: await fundProjects(w, fundId, ['approved']) } : null;
  });
  if (!found) return notFoundPage(c);
  const props = { ...found, provider: settingsOf(c).paymentProvider, values, errors };
  return page(c, status, <DonateFormPage {...props} />, messagesFor(c, fundMessages).donateTitle(found.fund.name));
}

/** A donation its donor may see, or that station staff and managers handle; null → 404, 'forbidden' → 403. */
async function visibleDonation(c: C, id: string): Promise<DonationDetail | null | 'forbidden'> {
  const detail = await work(c, (w) => findDonation(w, id));
  if (!detail) return null;
  const staff = cityOf(c).can(MAY_STAFF) || cityOf(c).can(MAY_MANAGE);
  return detail.donation.donorUserId === userId(c) || staff ? detail : 'forbidden';
}

/** Giving online: the form, the donation's own page, the donor's history and receipts. */
export function donationRoutes(app: Hono<PluginEnv>) {
  app.get('/funds/:id/donate', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const fund = await work(c, (w) => findFund(w, id));
    if (!fund) return notFoundPage(c);
    if (!fundOpenOn(fund, toLocalDateInput(new Date()))) {
      setFlash(c, { kind: 'error', message: messagesFor(c, errorMessages).fundClosed });
      return redirectTo(c, `/funds/${id}`);
    }
    const project = z.guid().safeParse(c.req.query('project')).data ?? '';
    return renderDonateForm(c, 200, id, { project, donor_name: cityOf(c).user!.name, visibility: 'masked' }, {});
  });

  app.post('/funds/:id/donate', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, DONATION_FIELDS);
    const parsed = donationForm.safeParse(values);
    const e = messagesFor(c, errorMessages);
    if (!parsed.success) return renderDonateForm(c, 400, id, values, fieldErrors(parsed.error, e));
    const provider = providerFor(settingsOf(c).paymentProvider)!;
    const f = parsed.data;
    const input = { fundId: id, projectId: f.project, donorUserId: userId(c), donorName: f.donor_name, visibility: f.visibility, message: f.message, amountFen: f.amount, channel: 'online' as const, provider: provider.id };
    const started = await work(c, (w) => startDonation(w, input, toLocalDateInput(new Date())));
    if (!started.ok && started.reason === 'not_found') return notFoundPage(c);
    if (!started.ok) return renderDonateForm(c, 400, id, values, started.reason === 'fund_closed' ? { fund: e.fundClosed } : { project: e.projectNotOpen });
    const d = started.donation;
    // The pending donation stands before the gateway is asked, and the request's transaction never waits on the gateway.
    await commitWork(c);
    const next = await provider.startPayment({ donationId: d.id, amountFen: d.amountFen, subject: started.fundName }, { pluginUrl: (path) => `${c.var.origin}${pluginPath(c, path)}` });
    if (next.kind === 'redirect') return c.redirect(next.url, 303);
    setFlash(c, { kind: 'success', message: messagesFor(c, fundMessages).donationStarted });
    return redirectTo(c, `/donations/${d.id}`);
  });

  app.get('/donations/:id', requireUser, async (c) => {
    const id = idFrom(c);
    const detail = id ? await visibleDonation(c, id) : null;
    if (!detail) return notFoundPage(c);
    if (detail === 'forbidden') return forbiddenPage(c);
    return c.render(<DonationPage detail={detail} />, { title: messagesFor(c, fundMessages).donationTitle });
  });

  app.get('/mine', requireUser, async (c) => {
    const pageNumber = pageFromQuery(c.req.query('page'));
    const found = await work(c, async (w) => ({
      ...(await donorHistory(w, userId(c), pageNumber, PAGE_SIZE)),
      proposals: await proposalsBy(w, userId(c)),
    }));
    return c.render(<MyGivingPage {...found} page={pageNumber} />, { title: messagesFor(c, fundMessages).myGiving });
  });

  app.get('/receipts/:id', requireUser, async (c) => {
    const id = idFrom(c);
    const detail = id ? await visibleDonation(c, id) : null;
    if (!detail || (detail !== 'forbidden' && detail.donation.status !== 'confirmed')) return notFoundPage(c);
    if (detail === 'forbidden') return forbiddenPage(c);
    const own = detail.donation.donorUserId === userId(c);
    const props = {
      detail,
      cityName: cityOf(c).city.names[c.var.locale],
      logoText: cityOf(c).city.logoText,
      disclosureUrl: `${c.var.origin}${pluginPath(c, `/funds/${detail.donation.fundId}/disclosure`)}`,
      backPath: own ? '/mine' : detail.donation.stationId ? `/stations/${detail.donation.stationId}` : '/staff',
    };
    return c.render(<ReceiptSheet {...props} />, { title: messagesFor(c, fundMessages).receiptTitle });
  });

}
