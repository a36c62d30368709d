import { Hono } from 'hono';
import { clientAddress, messagesFor, notFoundPage, type PluginEnv, requirePermission, setFlash, toLocalDateInput } from '../../core/plugin-api.ts';
import { cancelDonation, confirmPledge, pendingPledges, recordStationCash } from './donations.ts';
import { CASH_FIELDS, cashForm, distributeForm, fieldErrors, GIFT_FIELDS, giftForm, STATION_FIELDS, stationForm, type FieldErrors, type FormValues } from './forms.ts';
import { listFunds } from './funds.ts';
import { MAY_CREATE_FUNDS, MAY_STAFF } from './fund-routes.tsx';
import { errorMessages } from './messages.ts';
import { type C, cityOf, idFrom, page, readForm, redirectTo, userId, work } from './route-kit.ts';
import { createStation, distributeGift, findStation, giftStation, listStations, recordGift, stationDistributions, stationStock } from './stations.ts';
import { StaffPage, StationPage, type StationPageProps } from './views/staff-pages.tsx';
import { workMessages } from './work-messages.ts';

type Form = { values: FormValues; errors: FieldErrors };
const blank: Form = { values: {}, errors: {} };

async function renderStaff(c: C, status: 200 | 400, stationForm: Form = blank) {
  const found = await work(c, async (w) => ({ pledges: await pendingPledges(w), stations: await listStations(w) }));
  const props = { ...found, mayCreateStations: cityOf(c).can(MAY_CREATE_FUNDS), stationForm };
  return page(c, status, <StaffPage {...props} />, messagesFor(c, workMessages).staffTitle);
}

async function renderStation(c: C, status: 200 | 400, stationId: string, forms: Partial<Pick<StationPageProps, 'cashForm' | 'giftForm' | 'distributeForm'>> = {}) {
  const found = await work(c, async (w) => {
    const station = await findStation(w, stationId);
    if (!station) return null;
    return { station, funds: await listFunds(w), stock: await stationStock(w, stationId), distributions: await stationDistributions(w, stationId) };
  });
  if (!found) return notFoundPage(c);
  const fresh = { values: { visibility: 'masked', fund: found.funds[0]?.id ?? '' }, errors: {} };
  const props = { ...found, cashForm: forms.cashForm ?? fresh, giftForm: forms.giftForm ?? fresh, distributeForm: forms.distributeForm ?? null };
  return page(c, status, <StationPage {...props} />, found.station.name);
}

/** The station desk: confirming pledges, recording cash and goods, handing goods out. */
export function staffRoutes(app: Hono<PluginEnv>) {
  app.get('/staff', requirePermission(MAY_STAFF), (c) => renderStaff(c, 200));

  app.post('/donations/:id/confirm', requirePermission(MAY_STAFF), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const result = await work(c, (w) => confirmPledge(w, id, userId(c), clientAddress(c)));
    if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
    const w = messagesFor(c, workMessages);
    if (result.ok) setFlash(c, { kind: result.already ? 'info' : 'success', message: w.pledgeConfirmed(result.donation.receiptNumber!) });
    else setFlash(c, { kind: 'error', message: result.reason === 'cancelled' ? w.alreadyCancelled : w.notPending });
    return redirectTo(c, '/staff');
  });

  app.post('/donations/:id/cancel', requirePermission(MAY_STAFF), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const result = await work(c, (w) => cancelDonation(w, id, `user:${userId(c)}`, 'offline'));
    if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
    const w = messagesFor(c, workMessages);
    setFlash(c, result.ok ? { kind: 'success', message: w.pledgeCancelled } : { kind: 'error', message: w.notPending });
    return redirectTo(c, '/staff');
  });

  app.post('/stations', requirePermission(MAY_CREATE_FUNDS), async (c) => {
    const values = await readForm(c, STATION_FIELDS);
    const parsed = stationForm.safeParse(values);
    const e = messagesFor(c, errorMessages);
    if (!parsed.success) return renderStaff(c, 400, { values, errors: fieldErrors(parsed.error, e) });
    const result = await work(c, (w) => createStation(w, userId(c), parsed.data));
    if (!result.ok) return renderStaff(c, 400, { values, errors: { name: e.nameTaken } });
    setFlash(c, { kind: 'success', message: messagesFor(c, workMessages).stationCreated });
    return redirectTo(c, `/stations/${result.id}`);
  });

  app.get('/stations/:id', requirePermission(MAY_STAFF), (c) => {
    const id = idFrom(c);
    return id ? renderStation(c, 200, id) : notFoundPage(c);
  });

  app.post('/stations/:id/cash', requirePermission(MAY_STAFF), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, CASH_FIELDS);
    const parsed = cashForm.safeParse(values);
    const e = messagesFor(c, errorMessages);
    if (!parsed.success) return renderStation(c, 400, id, { cashForm: { values, errors: fieldErrors(parsed.error, e) } });
    const { fund, amount, donor_name, visibility, message } = parsed.data;
    const input = { fundId: fund, amountFen: amount, donorName: donor_name, visibility, message };
    const result = await work(c, async (w) =>
      (await findStation(w, id)) ? recordStationCash(w, id, userId(c), input, toLocalDateInput(new Date()), clientAddress(c)) : null,
    );
    if (!result) return notFoundPage(c);
    if (!result.ok) return renderStation(c, 400, id, { cashForm: { values, errors: { fund: result.reason === 'fund_closed' ? e.fundClosed : e.choose } } });
    setFlash(c, { kind: 'success', message: messagesFor(c, workMessages).pledgeConfirmed(result.donation.receiptNumber!) });
    return redirectTo(c, `/receipts/${result.donation.id}`);
  });

  app.post('/stations/:id/gifts', requirePermission(MAY_STAFF), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, GIFT_FIELDS);
    const parsed = giftForm.safeParse(values);
    const e = messagesFor(c, errorMessages);
    if (!parsed.success) return renderStation(c, 400, id, { giftForm: { values, errors: fieldErrors(parsed.error, e) } });
    const { fund, estimated, donor_name, ...rest } = parsed.data;
    const result = await work(c, (w) => recordGift(w, id, userId(c), { ...rest, fundId: fund, estimatedFen: estimated, donorName: donor_name }));
    if (!result.ok) return (await work(c, (w) => findStation(w, id))) ? renderStation(c, 400, id, { giftForm: { values, errors: { fund: e.choose } } }) : notFoundPage(c);
    setFlash(c, { kind: 'success', message: messagesFor(c, workMessages).giftRecorded });
    return redirectTo(c, `/stations/${id}`);
  });

  app.post('/gifts/:id/distribute', requirePermission(MAY_STAFF), async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, ['quantity', 'beneficiary']);
    const parsed = distributeForm.safeParse(values);
    const e = messagesFor(c, errorMessages);
    if (!parsed.success) {
      const stationId = await work(c, (w) => giftStation(w, id));
      return stationId ? renderStation(c, 400, stationId, { distributeForm: { giftId: id, values, errors: fieldErrors(parsed.error, e) } }) : notFoundPage(c);
    }
    const result = await work(c, (w) => distributeGift(w, id, userId(c), parsed.data));
    if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
    if (!result.ok) return renderStation(c, 400, result.stationId!, { distributeForm: { giftId: id, values, errors: { quantity: e.overStock(result.left ?? 0) } } });
    setFlash(c, { kind: 'success', message: messagesFor(c, workMessages).distributed });
    return redirectTo(c, `/stations/${result.stationId}`);
  });
}
