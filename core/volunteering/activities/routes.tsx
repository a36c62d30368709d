import { Hono } from 'hono';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { isPartialRequest, renderFragment } from '../../../views/renderer.tsx';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbiddenPage, notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requireUser } from '../../identity/guard.ts';
import { activityFor, createActivity, placesTaken } from './service.ts';
import { activityMessages } from './messages.ts';
import { attendanceOf } from '../attendance/service.ts';
import { checkinWindow } from '../attendance/checkin-code.ts';
import { activityForm, fieldErrors, signupDecisionForm, type FieldErrors, type FormValues } from '../shared/forms.ts';
import { MAY_MANAGE_PROJECTS, MAY_RUN_ACTIVITIES } from '../volunteers/members.ts';
import { errorMessages } from '../shared/messages.ts';
import { projectAccess, type Project } from '../projects/service.ts';
import { idFrom, inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { rosterFragment, rosterRowFragment, rosterRows } from './roster-fragments.tsx';
import { cancelSignup, decideSignup, roster, signUp, signupOf, waitlistPosition } from './signups.ts';
import { ActivityFormPage, ActivityPage, ManagePage, Places, SignupSection } from './views/activity-pages.tsx';
import { insuranceMessages } from '../insurance/messages.ts';
import { offerToPageCache } from '../../http/page-cache.ts';

const FIELDS = ['title', 'starts_at', 'ends_at', 'place', 'capacity', 'requires_approval'];

function renderForm(c: C, status: 200 | 400, project: Project, values: FormValues, errors: FieldErrors) {
  return page(c, status, <ActivityFormPage project={project} values={values} errors={errors} />, messagesFor(c, activityMessages).newTitle);
}

/**
 * The activity page as the viewer sees it: places, their sign-up and
 * attendance, whether they may run it. null → 404.
 */
async function loadActivityPage(c: C, id: string) {
  const user = c.var.user;
  const found = await inCity(c, async (tx, tenantId) => {
    const found = await activityFor(tx, tenantId, id, user?.id ?? null);
    if (!found) return null;
    const signup = user ? await signupOf(tx, tenantId, id, user.id) : null;
    const position = signup?.status === 'waitlisted' ? await waitlistPosition(tx, tenantId, id, signup.queueNumber) : 0;
    const attendance = user && signup ? await attendanceOf(tx, tenantId, id, user.id) : null;
    // Hours can be claimed for an activity that is over and left no record (activityClaimRefusal says the same).
    const canClaim = signup?.status === 'confirmed' && !attendance && found.activity.endsAt <= new Date();
    return { ...found, ...(await placesTaken(tx, tenantId, id)), mine: signup && { status: signup.status, waitlistPosition: position }, attendance, canClaim };
  });
  if (!found) return null;
  const open = found.project.status === 'published' && found.activity.startsAt > new Date();
  const canRun = found.role !== null && MAY_RUN_ACTIVITIES.includes(found.role);
  return { ...found, user, open, canRun };
}

/**
 * After sign-up or cancel: htmx swaps the sign-up box (and the places) and the
 * reader stays where they were; a plain form post goes back to the page.
 */
async function back(c: C, activityId: string, kind: 'success' | 'error', message: string) {
  if (isPartialRequest(c)) {
    const found = await loadActivityPage(c, activityId);
    if (!found) return notFoundPage(c);
    if (kind === 'error') c.status(409);
    return renderFragment(
      c,
      <>
        <SignupSection {...found} notice={{ kind, message }} />
        <template hx="" type="partial" hx-target="#places" hx-swap="outerHTML">
          <Places activity={found.activity} confirmed={found.confirmed} waitlisted={found.waitlisted} />
        </template>
      </>,
    );
  }
  setFlash(c, { kind, message });
  return c.redirect(sitePath(c, `/activities/${activityId}`), 303);
}

/** Activities of a project: scheduling, the public page with sign-up and cancel, and the organiser's roster. */
export function activityRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/projects/:id/activities/new', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const access = await inCity(c, (tx, tenantId) => projectAccess(tx, tenantId, id, userId(c), MAY_MANAGE_PROJECTS));
    if (!access.ok) return access.reason === 'not_found' ? notFoundPage(c) : forbiddenPage(c);
    if (access.project.status !== 'published') {
      setFlash(c, { kind: 'error', message: messagesFor(c, activityMessages).projectNotPublished });
      return c.redirect(sitePath(c, `/projects/${id}`), 303);
    }
    return renderForm(c, 200, access.project, { capacity: '10' }, {});
  });

  app.post('/projects/:id/activities', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, FIELDS);
    const parsed = activityForm().safeParse(values);
    const outcome = await inCity(c, async (tx, tenantId) => {
      const access = await projectAccess(tx, tenantId, id, userId(c), MAY_MANAGE_PROJECTS);
      if (!access.ok || !parsed.success || access.project.status !== 'published') return { access, activityId: null };
      const f = parsed.data;
      const input = { title: f.title, startsAt: f.starts_at, endsAt: f.ends_at, place: f.place, capacity: f.capacity, requiresApproval: f.requires_approval };
      return { access, activityId: await createActivity(tx, tenantId, id, userId(c), input) };
    });
    const { access, activityId } = outcome;
    if (!access.ok) return access.reason === 'not_found' ? notFoundPage(c) : forbiddenPage(c);
    const t = messagesFor(c, activityMessages);
    if (!parsed.success) return renderForm(c, 400, access.project, values, fieldErrors(parsed.error, messagesFor(c, errorMessages)));
    if (!activityId) {
      setFlash(c, { kind: 'error', message: t.projectNotPublished });
      return c.redirect(sitePath(c, `/projects/${id}`), 303);
    }
    setFlash(c, { kind: 'success', message: t.created });
    return c.redirect(sitePath(c, `/activities/${activityId}`), 303);
  });

  app.get('/activities/:id', async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const found = await loadActivityPage(c, id);
    if (!found) return notFoundPage(c);
    offerToPageCache(c);
    return c.render(<ActivityPage {...found} />, { title: found.activity.title });
  });

  app.post('/activities/:id/signup', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const result = await inCity(c, (tx, tenantId) => signUp(tx, tenantId, id, userId(c)));
    const t = messagesFor(c, activityMessages);
    if (result.ok) {
      const message = result.status === 'pending' ? t.signedUpPending : result.status === 'waitlisted' ? t.signedUpWaitlisted : t.signedUpConfirmed;
      return back(c, id, 'success', message);
    }
    if (result.reason === 'not_found') return notFoundPage(c);
    if (result.reason === 'no_profile') {
      // The profile page says why and signs them up on saving: the activity goes along as an id.
      const profile = sitePath(c, `/volunteer/profile?signup=${id}`);
      // htmx would swap the profile form into the sign-up box: have it go there as a page instead.
      if (isPartialRequest(c)) return c.body(null, 204, { 'HX-Redirect': profile });
      return c.redirect(profile, 303);
    }
    const refusal = { not_open: t.notOpen, already: t.alreadySignedUp, rejected: t.wasRejected, not_insured: messagesFor(c, insuranceMessages).notInsured }[result.reason];
    return back(c, id, 'error', refusal);
  });

  app.post('/activities/:id/cancel', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const result = await inCity(c, (tx, tenantId) => cancelSignup(tx, tenantId, id, userId(c)));
    const t = messagesFor(c, activityMessages);
    if (result.ok) return back(c, id, 'success', t.cancelled);
    if (result.reason === 'not_found') return notFoundPage(c);
    return back(c, id, 'error', result.reason === 'started' ? t.alreadyStarted : t.notSignedUp);
  });

  app.get('/activities/:id/manage', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const found = await inCity(c, async (tx, tenantId) => {
      const found = await activityFor(tx, tenantId, id, userId(c));
      if (!found || !found.role || !MAY_RUN_ACTIVITIES.includes(found.role)) return found && { ...found, rows: null, confirmed: 0 };
      return { ...found, rows: await rosterRows(c, tx, tenantId, id), ...(await placesTaken(tx, tenantId, id)) };
    });
    if (!found) return notFoundPage(c);
    if (!found.rows) return forbiddenPage(c);
    // The page polls for its roster (views: Roster).
    if (isPartialRequest(c)) return rosterFragment(c, found.activity, found.rows);
    return c.render(<ManagePage {...found} rows={found.rows} checkinOpen={checkinWindow(found.activity, new Date()) === 'open'} />, { title: messagesFor(c, activityMessages).manageTitle(found.activity.title) });
  });

  app.post('/activities/:id/signups/:userId', requireUser, async (c) => {
    const id = idFrom(c);
    const volunteerId = idFrom(c, 'userId');
    const form = signupDecisionForm.safeParse(await readForm(c, ['decision']));
    if (!id || !volunteerId || !form.success) return notFoundPage(c);
    const approve = form.data.decision === 'approve';
    const outcome = await inCity(c, async (tx, tenantId) => {
      const found = await activityFor(tx, tenantId, id, userId(c));
      if (!found || !found.role || !MAY_RUN_ACTIVITIES.includes(found.role)) return { found, result: null };
      const result = await decideSignup(tx, tenantId, id, volunteerId, { approve, deciderId: userId(c), address: clientAddress(c) });
      const who = (await roster(tx, tenantId, id)).find((r) => r.userId === volunteerId);
      return { found, result, name: who?.realName ?? who?.name ?? '' };
    });
    if (!outcome.found) return notFoundPage(c);
    if (!outcome.result) return forbiddenPage(c);
    if (!outcome.result.ok && outcome.result.reason === 'not_found') return notFoundPage(c);
    const t = messagesFor(c, activityMessages);
    const name = outcome.name ?? '';
    const message = !outcome.result.ok
      ? t.notPending
      : outcome.result.status === 'confirmed'
        ? t.approvedConfirmed(name)
        : outcome.result.status === 'waitlisted'
          ? t.approvedWaitlisted(name)
          : t.rejectedSignup(name);
    const kind = outcome.result.ok ? 'success' : 'error';
    if (isPartialRequest(c)) return (await rosterRowFragment(c, outcome.found.activity, volunteerId, { kind, message })) ?? notFoundPage(c);
    setFlash(c, { kind, message });
    return c.redirect(sitePath(c, `/activities/${id}/manage`), 303);
  });

  return app;
}
