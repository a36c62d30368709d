import { Hono } from 'hono';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { setFlash } from '../../http/flash.ts';
import { requirePermission, requireUser } from '../../identity/guard.ts';
import { organisationFor } from '../organisations/page-guard.ts';
import type { Organisation } from '../organisations/service.ts';
import { hoursSummary } from '../records/service.ts';
import { fieldErrors, type FieldErrors, type FormValues } from '../shared/forms.ts';
import { errorMessages } from '../shared/messages.ts';
import { inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { MAY_VERIFY_HOURS } from '../volunteers/members.ts';
import { findProfile } from '../volunteers/service.ts';
import { starsOf } from '../stars/service.ts';
import { volunteerCover } from '../insurance/service.ts';
import { commendationForm, trainingForm } from './forms.ts';
import { recognitionMessages } from './messages.ts';
import { verifiedService } from './record.ts';
import { organisationRecognition, recordCommendation, recordTraining, volunteerRecognition, volunteersNumbered } from './service.ts';
import { RecognitionPage } from './views/recognition-pages.tsx';
import { RecordPage } from './views/record-page.tsx';

/** Who verifies an organisation's hours records its training and commendations too. */
type Kind = 'trainings' | 'commendations';
const FIELDS: Record<Kind, string[]> = { trainings: ['title', 'held_on', 'minutes', 'numbers'], commendations: ['title', 'awarded_by', 'awarded_on', 'numbers'] };

async function render(c: C, status: 200 | 400, organisation: Organisation, kind: Kind, values: FormValues = {}, errors: FieldErrors = {}) {
  const list = await inCity(c, (tx, tenantId) => organisationRecognition(tx, tenantId, organisation.id));
  const t = messagesFor(c, recognitionMessages);
  const title = kind === 'trainings' ? t.trainingsTitle(organisation.name) : t.commendationsTitle(organisation.name);
  return page(c, status, <RecognitionPage organisation={organisation} kind={kind} list={list} values={values} errors={errors} />, title);
}

/** Parses the form; on success names the volunteers and records; errors go beside their fields. */
async function post(c: C, kind: Kind) {
  const found = await organisationFor(c, MAY_VERIFY_HOURS);
  if ('refused' in found) return found.refused;
  const { organisation } = found;
  const values = await readForm(c, FIELDS[kind]);
  const t = messagesFor(c, recognitionMessages);
  const parsed = kind === 'trainings' ? trainingForm().safeParse(values) : commendationForm().safeParse(values);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, messagesFor(c, errorMessages));
    if (parsed.error.issues.some((i) => i.message === 'tooMany')) errors.numbers = t.tooMany;
    return render(c, 400, organisation, kind, values, errors);
  }
  const by = { organisationId: organisation.id, userId: userId(c), address: clientAddress(c) };
  const outcome = await inCity(c, async (tx, tenantId) => {
    const named = await volunteersNumbered(tx, tenantId, parsed.data.numbers);
    if (!named.ok) return named;
    const d = parsed.data;
    if ('held_on' in d) await recordTraining(tx, tenantId, named.userIds, { title: d.title, heldOn: d.held_on, minutes: d.minutes }, by);
    else await recordCommendation(tx, tenantId, named.userIds, { title: d.title, awardedBy: d.awarded_by, awardedOn: d.awarded_on }, by);
    return named;
  });
  if (!outcome.ok) return render(c, 400, organisation, kind, values, { numbers: t.unknownNumbers(outcome.unknown.join('、')) });
  setFlash(c, { kind: 'success', message: t.recorded(outcome.userIds.length) });
  return c.redirect(sitePath(c, `/organisations/${organisation.id}/${kind}`), 303);
}

/** /organisations/:id/trainings and /commendations, recorded by the organisation; /volunteer/record, the volunteer's whole record. */
export function recognitionRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const kind of ['trainings', 'commendations'] as const) {
    app.get(`/organisations/:id/${kind}`, requireUser, async (c) => {
      const found = await organisationFor(c, MAY_VERIFY_HOURS);
      return 'refused' in found ? found.refused : render(c, 200, found.organisation, kind);
    });
    app.post(`/organisations/:id/${kind}`, requireUser, (c) => post(c, kind));
  }

  app.get('/volunteer/record', requirePermission('service_hours.own'), async (c) => {
    const found = await inCity(c, async (tx, tenantId) => {
      const profile = await findProfile(tx, tenantId, userId(c));
      if (!profile) return null;
      const [summary, service, recognition] = [await hoursSummary(tx, tenantId, userId(c)), await verifiedService(tx, tenantId, userId(c)), await volunteerRecognition(tx, tenantId, userId(c))];
      const cover = await volunteerCover(tx, tenantId, userId(c));
      return { profile, stars: await starsOf(tx, tenantId, userId(c)), verifiedMinutes: summary.verifiedMinutes, service, recognition, cover };
    });
    const t = messagesFor(c, recognitionMessages);
    if (!found) return c.redirect(sitePath(c, `/volunteer/profile?next=${encodeURIComponent('/volunteer/record')}`), 303);
    return page(c, 200, <RecordPage {...found} />, t.recordTitle);
  });

  return app;
}
