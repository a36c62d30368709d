import { Hono } from 'hono';
import { messagesFor, sitePath } from '../../../views/context.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbiddenPage, notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { safeRedirectPath as safeNext } from '../../http/safe-redirect.ts';
import { clientAddress } from '../../http/address.ts';
import { requirePermission, requireUser } from '../../identity/guard.ts';
import { listDistricts } from '../shared/districts.ts';
import { insuranceMessages } from '../insurance/messages.ts';
import { activityMessages } from '../activities/messages.ts';
import { errorMessages } from '../shared/messages.ts';
import { fieldErrors, idParam, profileForm, type FieldErrors, type FormValues } from '../shared/forms.ts';
import { idNumberFor, idFrom, inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { volunteerMessages } from './messages.ts';
import { signUp, type SignUpResult } from '../activities/signups.ts';
import { documentHeldByTransfer } from '../transfers/departures.ts';
import { transferMessages } from '../transfers/messages.ts';
import { findProfile, saveProfileUnlessTaken, verifyIdentity, type IdDocument, type VolunteerProfile } from './service.ts';
import { ProfilePage, VolunteerCard } from './views/volunteer-pages.tsx';

const TEXT = ['real_name', 'mobile', 'id_type', 'id_number', 'next', 'signup'];
const LISTS = ['skills', 'service_areas', 'availability'];

function profileValues(p: VolunteerProfile): FormValues {
  return {
    real_name: p.realName,
    mobile: p.mobile,
    skills: p.skills,
    service_areas: p.serviceAreas,
    availability: p.availability,
    id_type: p.idDocument?.type ?? '',
    id_number: p.idDocument?.number ?? '',
  };
}

const sameDocument = (a: IdDocument | null, b: IdDocument | null) => a?.type === b?.type && a?.number === b?.number;

/** The activity a citizen was signing up for when sent here: an id, never a path, so it cannot lead anywhere else. */
const signupActivity = (value: unknown): string | null => {
  const parsed = idParam.safeParse(value);
  return parsed.success ? parsed.data.toLowerCase() : null;
};

function renderProfile(
  c: C,
  status: 200 | 400,
  props: { values: FormValues; errors: FieldErrors; districts: string[]; volunteerNumber: string | null; next: string; signup: string | null },
) {
  return page(c, status, <ProfilePage {...props} askedFirst={props.signup !== null && !props.volunteerNumber} />, messagesFor(c, volunteerMessages).profileTitle);
}

/** How the sign-up made on saving went, as the activity page would say it; null when the activity is gone. */
function signupOutcome(c: C, result: SignUpResult): string | null {
  const a = messagesFor(c, activityMessages);
  if (result.ok) return result.status === 'pending' ? a.signedUpPending : result.status === 'waitlisted' ? a.signedUpWaitlisted : a.signedUpConfirmed;
  if (result.reason === 'not_found' || result.reason === 'no_profile') return null;
  return { not_open: a.notOpen, already: a.alreadySignedUp, rejected: a.wasRejected, not_insured: messagesFor(c, insuranceMessages).notInsured }[result.reason];
}

/** /volunteer/profile: becoming a volunteer; /volunteers/:userId: a volunteer's card. */
export function volunteerRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/volunteer/profile', requireUser, async (c) => {
    const user = c.var.user!;
    const { profile, districts } = await inCity(c, async (tx, tenantId) => ({
      profile: await findProfile(tx, tenantId, user.id),
      districts: await listDistricts(tx, tenantId),
    }));
    const values = profile ? profileValues(profile) : { real_name: user.name, mobile: user.mobile ?? '' };
    const next = safeNext(c.req.query('next') ?? '/volunteer/profile');
    const signup = signupActivity(c.req.query('signup'));
    return renderProfile(c, 200, { values, errors: {}, districts, volunteerNumber: profile?.volunteerNumber ?? null, next, signup });
  });

  app.post('/volunteer/profile', requireUser, async (c) => {
    const values = await readForm(c, TEXT, LISTS);
    const next = safeNext(values.next);
    const signup = signupActivity(values.signup);
    const { existing, districts } = await inCity(c, async (tx, tenantId) => ({
      existing: await findProfile(tx, tenantId, userId(c)),
      districts: await listDistricts(tx, tenantId),
    }));
    const parsed = profileForm(districts).safeParse(values);
    const refuse = (errors: FieldErrors) => renderProfile(c, 400, { values, errors, districts, volunteerNumber: existing?.volunteerNumber ?? null, next, signup });
    if (!parsed.success) return refuse(fieldErrors(parsed.error, messagesFor(c, errorMessages)));
    const f = parsed.data;
    const { tenant } = c.var;
    const documentChanges = !sameDocument(existing?.idDocument ?? null, f.id_document);
    const saving = await c.var.unit.run(async (tx) => {
      // A transfer under way was handed over with this document: changing it would strand the transfer.
      if (documentChanges && (await documentHeldByTransfer(tx, tenant.id, userId(c)))) return 'documentHeld' as const;
      // A document another volunteer registered (even at this same instant) is refused, and nothing is written.
      const saved = await saveProfileUnlessTaken(tx, tenant, userId(c), {
        realName: f.real_name,
        mobile: f.mobile,
        skills: f.skills,
        serviceAreas: f.service_areas,
        availability: f.availability,
        idDocument: f.id_document,
      });
      if (!saved) return null;
      // The sign-up the citizen asked for before being sent here, in the same transaction.
      return { ...saved, signedUp: signup ? await signUp(tx, tenant.id, signup, userId(c)) : null };
    });
    if (saving === 'documentHeld') return refuse({ id_number: messagesFor(c, transferMessages).documentHeld });
    if (!saving) return refuse({ id_number: messagesFor(c, errorMessages).idNumberTaken });
    const { profile, created, signedUp } = saving;
    const t = messagesFor(c, volunteerMessages);
    const welcome = created ? t.completed(profile.volunteerNumber) : t.saved;
    const outcome = signedUp && signupOutcome(c, signedUp);
    // One message: the welcome, then the sign-up, on the activity's page.
    setFlash(c, { kind: signedUp?.ok === false ? 'info' : 'success', message: outcome ? t.thenSignup(welcome, outcome) : welcome });
    return c.redirect(sitePath(c, outcome ? `/activities/${signup}` : next), 303);
  });

  app.get('/volunteers/:userId', requireUser, async (c) => {
    const id = idFrom(c, 'userId');
    if (!id) return notFoundPage(c);
    const profile = await inCity(c, (tx, tenantId) => findProfile(tx, tenantId, id));
    if (!profile) return notFoundPage(c);
    const { permissions } = c.var;
    // Staff who verify documents see the card (with the number masked) so they can compare it with the document.
    if (userId(c) !== id && !permissions.has('volunteers.read_identity') && !permissions.has('volunteers.verify_identity')) return forbiddenPage(c);
    return c.render(<VolunteerCard profile={profile} idNumber={idNumberFor(c, id, profile.idDocument)} canVerify={permissions.has('volunteers.verify_identity')} />, {
      title: messagesFor(c, volunteerMessages).cardTitle(profile.realName),
    });
  });

  app.post('/volunteers/:userId/identity/verify', requirePermission('volunteers.verify_identity'), async (c) => {
    const id = idFrom(c, 'userId');
    if (!id) return notFoundPage(c);
    const verified = await c.var.unit.run((tx) => verifyIdentity(tx, c.var.tenant.id, id, { id: userId(c), address: clientAddress(c) }));
    if (!verified) return notFoundPage(c);
    setFlash(c, { kind: 'success', message: messagesFor(c, volunteerMessages).identityVerified });
    return c.redirect(sitePath(c, `/volunteers/${id}`), 303);
  });

  return app;
}
