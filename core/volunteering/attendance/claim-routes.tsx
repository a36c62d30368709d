import { Hono } from 'hono';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requireUser } from '../../identity/guard.ts';
import { activityFor } from '../activities/service.ts';
import { activityClaimForm, projectClaimForm } from './forms.ts';
import { attendanceErrors, attendanceMessages } from './messages.ts';
import { activityClaimRefusal, claimableProject, claimActivity, claimProject, type RecordResult } from './service.ts';
import { fieldErrors } from '../shared/forms.ts';
import { errorMessages, type ErrorMessages } from '../shared/messages.ts';
import { idFrom, inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { toLocalDateInput, toLocalDateTimeInput } from '../shared/time.ts';
import { ActivityClaimPage, ProjectClaimPage } from './views/attendance-pages.tsx';

/** The volunteer's claims of service hours afterwards: for an activity that has ended, or for a project without one. */

/** The shared form errors and the attendance ones, in the user's language. */
export function formErrors(c: C): ErrorMessages {
  return { ...messagesFor(c, errorMessages), ...messagesFor(c, attendanceErrors) };
}

function redirectWith(c: C, to: string, kind: 'success' | 'error' | 'info', message: string) {
  setFlash(c, { kind, message });
  return c.redirect(sitePath(c, to), 303);
}

function refusalMessage(c: C, reason: Exclude<RecordResult, { ok: true }>['reason']) {
  const t = messagesFor(c, attendanceMessages);
  return { not_ended: t.claimNotEnded, not_confirmed: t.claimNotConfirmed, duplicate: t.duplicateClaim, overlap: t.overlapClaim, no_profile: t.completeProfileFirst, not_found: t.claimNotConfirmed }[reason];
}

const ACTIVITY_FIELDS = ['started_at', 'ended_at', 'content'];
const PROJECT_FIELDS = ['day', 'start_time', 'end_time', 'content'];

export function claimRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/activities/:id/claim', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const found = await inCity(c, async (tx, tenantId) => {
      const found = await activityFor(tx, tenantId, id, userId(c));
      return found && { ...found, refusal: await activityClaimRefusal(tx, tenantId, found.activity, userId(c)) };
    });
    if (!found) return notFoundPage(c);
    if (found.refusal) return redirectWith(c, `/activities/${id}`, 'error', refusalMessage(c, found.refusal));
    const values = { started_at: toLocalDateTimeInput(found.activity.startsAt), ended_at: toLocalDateTimeInput(found.activity.endsAt), content: '' };
    const t = messagesFor(c, attendanceMessages);
    return page(c, 200, <ActivityClaimPage activity={found.activity} values={values} errors={{}} />, t.claimTitle(found.activity.title));
  });

  app.post('/activities/:id/claim', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, ACTIVITY_FIELDS);
    const actor = { userId: userId(c), address: clientAddress(c) };
    const outcome = await inCity(c, async (tx, tenantId) => {
      const found = await activityFor(tx, tenantId, id, actor.userId);
      if (!found) return null;
      const parsed = activityClaimForm({ now: new Date(), earliest: found.project.startsOn }).safeParse(values);
      return { found, parsed, result: parsed.success ? await claimActivity(tx, tenantId, id, parsed.data, actor) : null };
    });
    if (!outcome || outcome.result?.ok === false && outcome.result.reason === 'not_found') return notFoundPage(c);
    const { found, parsed, result } = outcome;
    const t = messagesFor(c, attendanceMessages);
    const form = (errors: Record<string, string>) => page(c, 400, <ActivityClaimPage activity={found.activity} values={values} errors={errors} />, t.claimTitle(found.activity.title));
    if (!parsed.success) return form(fieldErrors(parsed.error, formErrors(c)) as Record<string, string>);
    if (result?.ok) return redirectWith(c, `/activities/${id}`, 'success', t.claimed);
    if (result?.reason === 'overlap') return form({ started_at: t.overlapClaim });
    return redirectWith(c, `/activities/${id}`, 'error', refusalMessage(c, result!.reason));
  });

  app.get('/projects/:id/claim', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const access = await inCity(c, (tx, tenantId) => claimableProject(tx, tenantId, id, userId(c)));
    if (!access.ok && access.reason === 'not_found') return notFoundPage(c);
    if (!access.ok) return toProfile(c, `/projects/${id}/claim`);
    const values = { day: toLocalDateInput(new Date()), start_time: '', end_time: '', content: '' };
    return page(c, 200, <ProjectClaimPage project={access.project} values={values} errors={{}} />, messagesFor(c, attendanceMessages).projectClaimTitle(access.project.name));
  });

  app.post('/projects/:id/claim', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, PROJECT_FIELDS);
    const actor = { userId: userId(c), address: clientAddress(c) };
    const outcome = await inCity(c, async (tx, tenantId) => {
      const access = await claimableProject(tx, tenantId, id, actor.userId);
      if (!access.ok) return { access, parsed: null, result: null };
      const parsed = projectClaimForm({ now: new Date(), earliest: access.project.startsOn }).safeParse(values);
      return { access, parsed, result: parsed.success ? await claimProject(tx, tenantId, id, parsed.data, actor) : null };
    });
    const { access, parsed, result } = outcome;
    if (!access.ok && access.reason === 'not_found') return notFoundPage(c);
    if (!access.ok) return toProfile(c, `/projects/${id}/claim`);
    const t = messagesFor(c, attendanceMessages);
    const form = (errors: Record<string, string>) => page(c, 400, <ProjectClaimPage project={access.project} values={values} errors={errors} />, t.projectClaimTitle(access.project.name));
    if (parsed && !parsed.success) return form(fieldErrors(parsed.error, formErrors(c)) as Record<string, string>);
    if (result?.ok) return redirectWith(c, `/projects/${id}`, 'success', t.claimed);
    return form({ day: refusalMessage(c, result!.ok ? 'overlap' : result!.reason) });
  });

  return app;
}

/** A claim needs a completed volunteer profile; the volunteer comes back here afterwards. */
function toProfile(c: C, next: string) {
  setFlash(c, { kind: 'info', message: messagesFor(c, attendanceMessages).completeProfileFirst });
  return c.redirect(sitePath(c, `/volunteer/profile?next=${encodeURIComponent(next)}`), 303);
}
