import { Hono } from 'hono';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { isPartialRequest } from '../../../views/renderer.tsx';
import type { Tx } from '../../db/database.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbiddenPage, notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requireUser } from '../../identity/guard.ts';
import { activityFor } from '../activities/service.ts';
import { moveForm, periodForm } from './forms.ts';
import { attendanceMessages } from './messages.ts';
import { markAttendance, recordAttendance } from './service.ts';
import { checkinRoutes } from './checkin-routes.tsx';
import { claimRoutes, formErrors } from './claim-routes.tsx';
import { fieldErrors, type FieldErrors, type FormValues } from '../shared/forms.ts';
import { MAY_RUN_ACTIVITIES } from '../volunteers/members.ts';
import { idFrom, inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { rosterRowFragment } from '../activities/roster-fragments.tsx';
import { roster } from '../activities/signups.ts';
import { toLocalDateTimeInput } from '../shared/time.ts';
import { RecordFormPage } from './views/attendance-pages.tsx';

/**
 * The activity, for someone who may run it, with the named volunteer of its
 * roster (confirmed only). null → 404; `allowed: false` → 403.
 */
async function organiserAndVolunteer(tx: Tx, tenantId: string, activityId: string, organiserId: string, volunteerId: string) {
  const found = await activityFor(tx, tenantId, activityId, organiserId);
  if (!found) return null;
  if (!found.role || !MAY_RUN_ACTIVITIES.includes(found.role)) return { ...found, allowed: false as const, volunteer: null };
  const who = (await roster(tx, tenantId, activityId)).find((r) => r.userId === volunteerId && r.status === 'confirmed');
  return { ...found, allowed: true as const, volunteer: who ? { id: who.userId, name: who.realName ?? who.name } : null };
}

function toManage(c: C, activityId: string, kind: 'success' | 'error' | 'info', message: string) {
  setFlash(c, { kind, message });
  return c.redirect(sitePath(c, `/activities/${activityId}/manage`), 303);
}

/** Attendance: the check-in code and scans, the organiser's marks by hand, and claims afterwards. */
export function attendanceRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', checkinRoutes());
  app.route('/', claimRoutes());

  app.post('/activities/:id/attendance/:userId', requireUser, async (c) => {
    const id = idFrom(c);
    const volunteerId = idFrom(c, 'userId');
    const form = moveForm.safeParse(await readForm(c, ['move']));
    if (!id || !volunteerId || !form.success) return notFoundPage(c);
    const actor = { userId: userId(c), address: clientAddress(c) };
    const outcome = await inCity(c, async (tx, tenantId) => {
      const found = await organiserAndVolunteer(tx, tenantId, id, actor.userId, volunteerId);
      if (!found?.allowed || !found.volunteer) return { found, result: null };
      return { found, result: await markAttendance(tx, tenantId, id, volunteerId, form.data.move, actor) };
    });
    const { found, result } = outcome;
    if (!found) return notFoundPage(c);
    if (!found.allowed) return forbiddenPage(c);
    const t = messagesFor(c, attendanceMessages);
    if (!found.volunteer || !result) return toManage(c, id, 'error', t.volunteerNotConfirmed);
    const name = found.volunteer.name;
    // htmx swaps just the volunteer's row, saying what happened in it; a plain post goes back to the page.
    const answer = async (kind: 'success' | 'error', message: string) =>
      (isPartialRequest(c) && (await rosterRowFragment(c, found.activity, volunteerId, { kind, message }))) || toManage(c, id, kind, message);
    if (result.ok) return answer('success', result.done === 'checked_in' ? t.markedIn(name) : t.markedOut(name));
    const refusals = {
      not_found: t.volunteerNotConfirmed,
      bad_code: t.markNotOpen,
      not_open: t.markNotOpen,
      not_confirmed: t.volunteerNotConfirmed,
      already_in: t.volunteerAlreadyIn,
      already_out: t.volunteerAlreadyOut,
      not_in: t.volunteerNotIn,
    };
    return answer('error', refusals[result.reason]);
  });

  const recordPage = (c: C, status: 200 | 400, found: NonNullable<Awaited<ReturnType<typeof organiserAndVolunteer>>>, values: FormValues, errors: FieldErrors) => {
    const name = found.volunteer!.name;
    return page(c, status, <RecordFormPage activity={found.activity} userId={found.volunteer!.id} name={name} values={values} errors={errors} />, messagesFor(c, attendanceMessages).recordTitle(name));
  };

  app.get('/activities/:id/attendance/:userId/record', requireUser, async (c) => {
    const id = idFrom(c);
    const volunteerId = idFrom(c, 'userId');
    if (!id || !volunteerId) return notFoundPage(c);
    const found = await inCity(c, (tx, tenantId) => organiserAndVolunteer(tx, tenantId, id, userId(c), volunteerId));
    if (!found) return notFoundPage(c);
    if (!found.allowed) return forbiddenPage(c);
    if (!found.volunteer) return notFoundPage(c);
    const values = { started_at: toLocalDateTimeInput(found.activity.startsAt), ended_at: toLocalDateTimeInput(found.activity.endsAt) };
    return recordPage(c, 200, found, values, {});
  });

  app.post('/activities/:id/attendance/:userId/record', requireUser, async (c) => {
    const id = idFrom(c);
    const volunteerId = idFrom(c, 'userId');
    if (!id || !volunteerId) return notFoundPage(c);
    const values = await readForm(c, ['started_at', 'ended_at']);
    const actor = { userId: userId(c), address: clientAddress(c) };
    const outcome = await inCity(c, async (tx, tenantId) => {
      const found = await organiserAndVolunteer(tx, tenantId, id, actor.userId, volunteerId);
      if (!found?.allowed || !found.volunteer) return { found, parsed: null, result: null };
      const parsed = periodForm({ now: new Date(), earliest: found.project.startsOn }).safeParse(values);
      if (!parsed.success) return { found, parsed, result: null };
      return { found, parsed, result: await recordAttendance(tx, tenantId, id, volunteerId, parsed.data, actor) };
    });
    const { found, parsed, result } = outcome;
    if (!found) return notFoundPage(c);
    if (!found.allowed) return forbiddenPage(c);
    const t = messagesFor(c, attendanceMessages);
    if (!found.volunteer) return toManage(c, id, 'error', t.volunteerNotConfirmed);
    if (parsed && !parsed.success) return recordPage(c, 400, found, values, fieldErrors(parsed.error, formErrors(c)));
    if (result?.ok) return toManage(c, id, 'success', t.recorded(found.volunteer.name));
    return toManage(c, id, 'error', result?.reason === 'duplicate' ? t.volunteerAlreadyOut : t.volunteerNotConfirmed);
  });

  return app;
}
