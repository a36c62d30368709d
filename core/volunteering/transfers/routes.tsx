import { Hono } from 'hono';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { formatDate } from '../../i18n/format.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requirePermission } from '../../identity/guard.ts';
import { readCode } from '../../readable-codes.ts';
import type { CityListing, TenantResolver } from '../../tenancy/resolver.ts';
import { idFrom, inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { acceptTransfer, ownArrivals, type AcceptResult } from './arrivals.ts';
import { approveTransfer, cityTransfers, findTransferOut, ownTransfers, refuseTransfer, requestTransfer, withdrawTransfer } from './departures.ts';
import { COMPLETE_TRANSFER, HAND_OVER_TRANSFER, WITHDRAW_TRANSFER } from './jobs.ts';
import { transferMessages } from './messages.ts';
import { TRANSFER_CODE_LENGTH } from './transfer-code.ts';
import { AdminTransfersPage, type RefusalError } from './views/admin-transfers-page.tsx';
import { TransferPage, type TransferErrors } from './views/transfer-page.tsx';

const LISTED = 200;
type TransferPageValues = { destination?: string; code?: string };
const REASON_MAX = 500;

/**
 * The platform's cities, read outside the city's transaction: on PGlite's one
 * connection the owner's read would wait for the request's open transaction, so
 * what is done so far is committed first (nothing is written before this).
 */
async function platformCities(c: C, directory: Pick<TenantResolver, 'activeCities'>): Promise<CityListing[]> {
  await c.var.unit.commit();
  return directory.activeCities();
}

const nameIn = (cities: CityListing[], locale: 'zh-CN' | 'en') => (tenantId: string) => cities.find((x) => x.id === tenantId)?.names[locale] ?? '—';

/** /volunteer/transfer for volunteers (both ends of a move) and /admin/transfers for the city the volunteer leaves. */
export function transferRoutes(directory: Pick<TenantResolver, 'activeCities'>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const own = requirePermission('service_hours.own');
  const oversee = requirePermission('service_records.oversee');

  const volunteerPage = async (c: C, status: 200 | 400, values: TransferPageValues = {}, errors: TransferErrors = {}) => {
    const cities = await platformCities(c, directory);
    const locale = c.var.locale;
    const found = await inCity(c, async (tx, tenantId) => ({ transfers: await ownTransfers(tx, tenantId, userId(c)), arrivals: await ownArrivals(tx, tenantId, userId(c)) }));
    const others = cities.filter((x) => x.id !== c.var.tenant.id).map((x) => [x.slug, x.names[locale]] as const);
    return page(c, status, <TransferPage cities={others} cityName={nameIn(cities, locale)} {...found} values={values} errors={errors} />, messagesFor(c, transferMessages).title);
  };

  app.get('/volunteer/transfer', own, (c) => volunteerPage(c, 200));

  app.post('/volunteer/transfer', own, async (c) => {
    const t = messagesFor(c, transferMessages);
    const values = await readForm(c, ['destination']);
    const cities = await platformCities(c, directory);
    const destination = cities.find((x) => x.slug === values.destination && x.id !== c.var.tenant.id);
    if (!destination) return volunteerPage(c, 400, values, { destination: t.destinationInvalid });
    const asked = await inCity(c, (tx, tenantId) => requestTransfer(tx, tenantId, userId(c), destination.id, clientAddress(c)));
    if (!asked.ok) return volunteerPage(c, 400, values, { destination: t[asked.problem] });
    setFlash(c, { kind: 'success', message: t.requested });
    return c.redirect(sitePath(c, '/volunteer/transfer'), 303);
  });

  app.post('/volunteer/transfer/accept', own, async (c) => {
    const t = messagesFor(c, transferMessages);
    const values = await readForm(c, ['code']);
    const code = readCode(values.code!, TRANSFER_CODE_LENGTH);
    if (!code) return volunteerPage(c, 400, values, { code: t.codeInvalid });
    const accepted: AcceptResult = await inCity(c, (tx, tenantId) => acceptTransfer(tx, tenantId, userId(c), code, clientAddress(c)));
    if (!accepted.ok) {
      const message = accepted.problem === 'codeExpired' ? t.codeExpired(formatDate(accepted.expiredAt, c.var.locale)) : t[accepted.problem];
      return volunteerPage(c, 400, values, { code: message });
    }
    // The job must find the acceptance committed: commit before sending it.
    await c.var.unit.commit();
    await c.var.jobs.send(COMPLETE_TRANSFER, { destinationTenantId: c.var.tenant.id, arrivalId: accepted.arrival.id }, { singletonKey: `transfer-in:${accepted.arrival.id}` });
    setFlash(c, { kind: 'success', message: t.accepted });
    return c.redirect(sitePath(c, '/volunteer/transfer'), 303);
  });

  app.post('/volunteer/transfer/:id/withdraw', own, async (c) => {
    const t = messagesFor(c, transferMessages);
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const withdrawn = await inCity(c, (tx, tenantId) => withdrawTransfer(tx, tenantId, userId(c), id, clientAddress(c)));
    if (!withdrawn.ok && withdrawn.problem === 'notFound') return notFoundPage(c);
    if (withdrawn.ok && withdrawn.wasApproved) {
      // The destination holds the code's hand-over: it must find the withdrawal committed.
      await c.var.unit.commit();
      await c.var.jobs.send(WITHDRAW_TRANSFER, { originTenantId: c.var.tenant.id, transferId: id }, { singletonKey: `transfer-withdraw:${id}` });
    }
    setFlash(c, withdrawn.ok ? { kind: 'success', message: t.withdrawnFlash } : { kind: 'info', message: t.notOpen });
    return c.redirect(sitePath(c, '/volunteer/transfer'), 303);
  });

  const adminPage = async (c: C, status: 200 | 400, error?: RefusalError) => {
    const cities = await platformCities(c, directory);
    const rows = await inCity(c, (tx, tenantId) => cityTransfers(tx, tenantId, LISTED));
    return page(c, status, <AdminTransfersPage rows={rows} cityName={nameIn(cities, c.var.locale)} error={error} />, messagesFor(c, transferMessages).adminTitle);
  };

  app.get('/admin/transfers', oversee, (c) => adminPage(c, 200));

  app.post('/admin/transfers/:id/approve', oversee, async (c) => {
    const t = messagesFor(c, transferMessages);
    const id = idFrom(c);
    const transfer = id ? await inCity(c, (tx, tenantId) => findTransferOut(tx, tenantId, id)) : null;
    if (!id || !transfer) return notFoundPage(c);
    const destination = (await platformCities(c, directory)).find((x) => x.id === transfer.destinationTenantId);
    const approved = destination
      ? await inCity(c, (tx, tenantId) => approveTransfer(tx, tenantId, id, { zh: destination.names['zh-CN'], en: destination.names.en }, { id: userId(c), address: clientAddress(c) }))
      : false;
    if (approved) {
      await c.var.unit.commit();
      await c.var.jobs.send(HAND_OVER_TRANSFER, { originTenantId: c.var.tenant.id, transferId: id }, { singletonKey: `transfer-out:${id}` });
    }
    setFlash(c, approved ? { kind: 'success', message: t.approvedFlash } : { kind: 'info', message: destination ? t.notWaiting : t.destinationGone });
    return c.redirect(sitePath(c, '/admin/transfers'), 303);
  });

  app.post('/admin/transfers/:id/refuse', oversee, async (c) => {
    const t = messagesFor(c, transferMessages);
    const id = idFrom(c);
    const transfer = id ? await inCity(c, (tx, tenantId) => findTransferOut(tx, tenantId, id)) : null;
    if (!id || !transfer) return notFoundPage(c);
    const reason = (await readForm(c, ['reason'])).reason!.trim();
    if (!reason || reason.length > REASON_MAX) return adminPage(c, 400, { id, message: reason ? t.reasonTooLong : t.reasonRequired, value: reason.slice(0, REASON_MAX) });
    const refused = await inCity(c, (tx, tenantId) => refuseTransfer(tx, tenantId, id, reason, { id: userId(c), address: clientAddress(c) }));
    setFlash(c, { kind: refused ? 'success' : 'info', message: refused ? t.refusedFlash : t.notWaiting });
    return c.redirect(sitePath(c, '/admin/transfers'), 303);
  });

  return app;
}
