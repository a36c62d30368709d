import { Hono } from 'hono';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbiddenPage, notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requireUser } from '../../identity/guard.ts';
import { activityFor } from '../activities/service.ts';
import { organisationFor } from '../organisations/page-guard.ts';
import type { Organisation } from '../organisations/service.ts';
import { fieldErrors, type FieldErrors, type FormValues } from '../shared/forms.ts';
import { errorMessages } from '../shared/messages.ts';
import { idFrom, inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { MAY_MANAGE_MEMBERS, MAY_RUN_ACTIVITIES } from '../volunteers/members.ts';
import { policyForm, requirementForm } from './forms.ts';
import { insuranceMessages } from './messages.ts';
import { organisationPolicies, recordPolicy, requiresCover, setCoverRequired } from './service.ts';
import { PolicyPage } from './views/policy-page.tsx';
import { RequirementPage } from './views/requirement-page.tsx';

const FIELDS = ['insurer', 'policy_number', 'starts_on', 'ends_on', 'coverage', 'volunteer_numbers'];

async function renderPolicies(c: C, status: 200 | 400, organisation: Organisation, values: FormValues, errors: FieldErrors = {}) {
  const policies = await inCity(c, (tx, tenantId) => organisationPolicies(tx, tenantId, organisation.id));
  return page(c, status, <PolicyPage organisation={organisation} policies={policies} values={values} errors={errors} />, messagesFor(c, insuranceMessages).title(organisation.name));
}

/** The activity, when the user runs its activities for the organisation; else the page that says why not. */
async function organised(c: C) {
  const id = idFrom(c);
  const found = id ? await inCity(c, (tx, tenantId) => activityFor(tx, tenantId, id, userId(c))) : null;
  if (!found) return { refused: notFoundPage(c) } as const;
  if (!found.role || !MAY_RUN_ACTIVITIES.includes(found.role)) return { refused: forbiddenPage(c) } as const;
  return { activity: found.activity } as const;
}

/** /organisations/:id/insurance: the policies; /activities/:id/insurance: whether sign-up needs cover. */
export function insuranceRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/organisations/:id/insurance', requireUser, async (c) => {
    const found = await organisationFor(c, MAY_MANAGE_MEMBERS);
    return 'refused' in found ? found.refused : renderPolicies(c, 200, found.organisation, {});
  });

  app.post('/organisations/:id/insurance', requireUser, async (c) => {
    const found = await organisationFor(c, MAY_MANAGE_MEMBERS);
    if ('refused' in found) return found.refused;
    const values = await readForm(c, FIELDS);
    const parsed = policyForm.safeParse(values);
    const t = messagesFor(c, insuranceMessages);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error, messagesFor(c, errorMessages));
      // The two cross-field checks carry this area's own messages.
      const own: Record<string, string> = { endBeforeStart: t.endBeforeStart, numbersRequired: t.numbersRequired };
      for (const issue of parsed.error.issues) if (own[issue.message]) errors[String(issue.path[0])] = own[issue.message];
      return renderPolicies(c, 400, found.organisation, values, errors);
    }
    const f = parsed.data;
    const input = { insurer: f.insurer, policyNumber: f.policy_number, startsOn: f.starts_on, endsOn: f.ends_on, coversAll: f.coverage === 'all', volunteerNumbers: f.volunteer_numbers };
    const result = await inCity(c, (tx, tenantId) => recordPolicy(tx, tenantId, found.organisation.id, input, { id: userId(c), address: clientAddress(c) }));
    if (!result.ok) {
      const problem = result.unknownNumbers.length > 0 ? t.unknownNumbers(result.unknownNumbers.join(', ')) : t.unverifiedNumbers(result.unverifiedNumbers.join(', '));
      return renderPolicies(c, 400, found.organisation, values, { volunteer_numbers: problem });
    }
    setFlash(c, { kind: 'success', message: t.saved });
    return c.redirect(sitePath(c, `/organisations/${found.organisation.id}/insurance`), 303);
  });

  app.get('/activities/:id/insurance', requireUser, async (c) => {
    const found = await organised(c);
    if ('refused' in found) return found.refused;
    const required = await inCity(c, (tx, tenantId) => requiresCover(tx, tenantId, found.activity.id));
    return page(c, 200, <RequirementPage activity={found.activity} required={required} />, messagesFor(c, insuranceMessages).requirement);
  });

  app.post('/activities/:id/insurance', requireUser, async (c) => {
    const found = await organised(c);
    if ('refused' in found) return found.refused;
    const form = requirementForm.safeParse(await readForm(c, ['required']));
    if (!form.success) return notFoundPage(c);
    await inCity(c, (tx, tenantId) => setCoverRequired(tx, tenantId, found.activity.id, form.data.required === 'yes', { id: userId(c), address: clientAddress(c) }));
    setFlash(c, { kind: 'success', message: messagesFor(c, insuranceMessages).requirementSaved });
    return c.redirect(sitePath(c, `/activities/${found.activity.id}/insurance`), 303);
  });

  return app;
}
