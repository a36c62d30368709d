import { Hono } from 'hono';
import { PAGE_SIZE, pageFromQuery } from '../../../views/components/pagination.tsx';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbiddenPage, notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requireUser } from '../../identity/guard.ts';
import { listDistricts } from '../shared/districts.ts';
import { fieldErrors, needForm, takeNeedForm, type FieldErrors, type FormValues } from '../shared/forms.ts';
import { errorMessages } from '../shared/messages.ts';
import { listOpenNeeds, mayReadNeeds, organisationsAdministeredBy, postNeed, takeNeed } from './needs.ts';
import { projectMessages } from './messages.ts';
import { idFrom, inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { NeedFormPage, NeedListPage } from './views/need-pages.tsx';

function renderNeedForm(c: C, status: 200 | 400, values: FormValues, errors: FieldErrors, districts: string[]) {
  return page(c, status, <NeedFormPage values={values} errors={errors} districts={districts} />, messagesFor(c, projectMessages).newNeedTitle);
}

/** Residents post needs; organisations read them at /needs and take them up as projects. */
export function needRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/needs/new', requireUser, async (c) => {
    const districts = await inCity(c, listDistricts);
    return renderNeedForm(c, 200, { contact: c.var.user!.mobile ?? '' }, {}, districts);
  });

  app.post('/needs/new', requireUser, async (c) => {
    const values = await readForm(c, ['help', 'district', 'place', 'wanted_when', 'contact']);
    const districts = await inCity(c, listDistricts);
    const parsed = needForm(districts).safeParse(values);
    if (!parsed.success) return renderNeedForm(c, 400, values, fieldErrors(parsed.error, messagesFor(c, errorMessages)), districts);
    const { help, district, place, wanted_when, contact } = parsed.data;
    await inCity(c, (tx, tenantId) => postNeed(tx, tenantId, userId(c), { help, district, place, wantedWhen: wanted_when, contact }));
    setFlash(c, { kind: 'success', message: messagesFor(c, projectMessages).needPosted });
    return c.redirect(sitePath(c, '/'), 303);
  });

  app.get('/needs', requireUser, async (c) => {
    const pageNo = pageFromQuery(c.req.query('page'));
    const seen = await inCity(c, async (tx, tenantId) => {
      if (!(await mayReadNeeds(tx, tenantId, userId(c), c.var.permissions.has('needs.read')))) return null;
      return {
        ...(await listOpenNeeds(tx, tenantId, pageNo, PAGE_SIZE)),
        organisations: await organisationsAdministeredBy(tx, tenantId, userId(c)),
      };
    });
    if (!seen) return forbiddenPage(c);
    return c.render(<NeedListPage {...seen} page={pageNo} />, { title: messagesFor(c, projectMessages).needsTitle });
  });

  app.post('/needs/:id/take', requireUser, async (c) => {
    const id = idFrom(c);
    const form = takeNeedForm.safeParse(await readForm(c, ['organisation']));
    if (!id || !form.success) return notFoundPage(c);
    const result = await inCity(c, (tx, tenantId) =>
      takeNeed(tx, tenantId, id, form.data.organisation.toLowerCase(), { userId: userId(c), address: clientAddress(c) }),
    );
    const t = messagesFor(c, projectMessages);
    if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
    if (!result.ok && result.reason === 'forbidden') return forbiddenPage(c);
    if (!result.ok) {
      setFlash(c, { kind: 'error', message: t.alreadyTaken });
      return c.redirect(sitePath(c, '/needs'), 303);
    }
    setFlash(c, { kind: 'success', message: t.taken });
    return c.redirect(sitePath(c, `/projects/${result.projectId}/edit`), 303);
  });

  return app;
}
