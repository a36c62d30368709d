import { Hono } from 'hono';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { isPartialRequest, renderFragment } from '../../../views/renderer.tsx';
import type { Tx } from '../../db/database.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbiddenPage, notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { requireUser } from '../../identity/guard.ts';
import { activityFor, type Activity } from '../activities/service.ts';
import { scanForm } from './forms.ts';
import { attendanceMessages } from './messages.ts';
import { attendanceCounts, attendanceOf, codeIsValid, scan } from './service.ts';
import { qrSvg } from '../shared/qr-svg.ts';
import { CLOSES_AFTER_MS, checkinWindow, currentCode, ensureCheckinSecret, OPENS_BEFORE_MS } from './checkin-code.ts';
import { MAY_RUN_ACTIVITIES } from '../volunteers/members.ts';
import { idFrom, inCity, readForm, userId, type C } from '../shared/route-kit.ts';
import { signupOf } from '../activities/signups.ts';
import { CheckinPage, QrBlock, ScanPage, type QrState, type ScanState } from './views/checkin-pages.tsx';

/** The activity if the signed-in user may run it; `allowed: false` → 403, null → 404. */
async function runnable(tx: Tx, tenantId: string, activityId: string, uid: string) {
  const found = await activityFor(tx, tenantId, activityId, uid);
  if (!found) return null;
  return { ...found, allowed: found.role !== null && MAY_RUN_ACTIVITIES.includes(found.role) };
}

/** Everything the QR block shows; the code exists only while scanning is open. */
async function qrState(c: C, tx: Tx, tenantId: string, activity: Activity, now: Date): Promise<Omit<QrState, 'svg'>> {
  const window = checkinWindow(activity, now);
  const code = window === 'open' ? currentCode(await ensureCheckinSecret(tx, tenantId, activity.id), activity.id, now) : null;
  return {
    activityId: activity.id,
    window,
    scanUrl: code && `${c.var.origin}${sitePath(c, `/activities/${activity.id}/scan?code=${code}`)}`,
    opensAt: new Date(activity.startsAt.getTime() - OPENS_BEFORE_MS),
    closesAt: new Date(activity.endsAt.getTime() + CLOSES_AFTER_MS),
    ...(await attendanceCounts(tx, tenantId, activity.id)),
  };
}

/** The organiser's page or its QR block: 404 / 403 / the state with its SVG (made outside the transaction). */
async function organiserQr(c: C) {
  const id = idFrom(c);
  if (!id) return null;
  const found = await inCity(c, async (tx, tenantId) => {
    const found = await runnable(tx, tenantId, id, userId(c));
    return found && { ...found, qr: found.allowed ? await qrState(c, tx, tenantId, found.activity, new Date()) : null };
  });
  if (!found?.qr) return found && { ...found, qr: null };
  const svg = found.qr.scanUrl ? await qrSvg(found.qr.scanUrl) : null;
  // A code shown once must not come back from a cache later.
  c.header('Cache-Control', 'no-store');
  return { ...found, qr: { ...found.qr, svg } };
}

function scanPage(c: C, status: 200 | 400 | 403, activity: Activity, state: ScanState) {
  c.status(status);
  return c.render(<ScanPage activity={activity} state={state} />, { title: messagesFor(c, attendanceMessages).scanTitle(activity.title) });
}

/** The rotating check-in code on the organiser's phone and what a volunteer's scan leads to. */
export function checkinRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/activities/:id/checkin', requireUser, async (c) => {
    const found = await organiserQr(c);
    if (!found) return notFoundPage(c);
    if (!found.qr) return forbiddenPage(c);
    return c.render(<CheckinPage activity={found.activity} qr={found.qr} />, { title: messagesFor(c, attendanceMessages).checkinTitle(found.activity.title) });
  });

  app.get('/activities/:id/checkin/qr', requireUser, async (c) => {
    const found = await organiserQr(c);
    if (!found) return notFoundPage(c);
    if (!found.qr) return forbiddenPage(c);
    if (!isPartialRequest(c)) return c.redirect(sitePath(c, `/activities/${found.activity.id}/checkin`), 303);
    return renderFragment(c, <QrBlock {...found.qr} />);
  });

  app.get('/activities/:id/scan', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const code = (c.req.query('code') ?? '').slice(0, 64);
    const found = await inCity(c, async (tx, tenantId) => {
      const found = await activityFor(tx, tenantId, id, userId(c));
      if (!found) return null;
      if (!(await codeIsValid(tx, tenantId, found, code, new Date()))) return { ...found, state: { kind: 'bad_code' } as ScanState };
      const record = await attendanceOf(tx, tenantId, id, userId(c));
      const confirmed = (await signupOf(tx, tenantId, id, userId(c)))?.status === 'confirmed';
      return { ...found, state: (record || confirmed ? { kind: 'ready', code, record } : { kind: 'not_confirmed' }) as ScanState };
    });
    if (!found) return notFoundPage(c);
    const status = found.state.kind === 'bad_code' ? 400 : found.state.kind === 'not_confirmed' ? 403 : 200;
    return scanPage(c, status, found.activity, found.state);
  });

  app.post('/activities/:id/scan', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const form = scanForm.safeParse(await readForm(c, ['code', 'move']));
    const outcome = await inCity(c, async (tx, tenantId) => {
      const found = await activityFor(tx, tenantId, id, userId(c));
      if (!found) return null;
      if (!form.success) return { found, result: { ok: false, reason: 'bad_code' } as const };
      return { found, result: await scan(tx, tenantId, id, form.data, { userId: userId(c), address: clientAddress(c) }) };
    });
    if (!outcome || (!outcome.result.ok && outcome.result.reason === 'not_found')) return notFoundPage(c);
    const { found, result } = outcome;
    if (!result.ok && result.reason === 'bad_code') return scanPage(c, 400, found.activity, { kind: 'bad_code' });
    if (!result.ok && result.reason === 'not_confirmed') return scanPage(c, 403, found.activity, { kind: 'not_confirmed' });
    const t = messagesFor(c, attendanceMessages);
    const flash = result.ok
      ? { kind: 'success' as const, message: result.done === 'checked_in' ? t.checkedInFlash(formatDateTime(new Date(), c.var.locale)) : t.checkedOutFlash }
      : { kind: result.reason === 'not_in' ? ('error' as const) : ('info' as const), message: result.reason === 'already_in' ? t.alreadyIn : result.reason === 'not_in' ? t.notIn : t.alreadyOut };
    setFlash(c, flash);
    return c.redirect(sitePath(c, `/activities/${id}`), 303);
  });

  return app;
}
