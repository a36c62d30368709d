import { Hono } from 'hono';
import { PAGE_SIZE, pageFromQuery } from '../../../views/components/pagination.tsx';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requirePermission } from '../../identity/guard.ts';
import { listDistricts, replaceDistricts } from '../shared/districts.ts';
import { districtsForm, fieldErrors, rejectForm } from '../shared/forms.ts';
import { errorMessages, organisationMessages } from '../shared/messages.ts';
import { approveOrganisation, listOrganisations, rejectOrganisation, type ReviewResult } from './service.ts';
import { idFrom, inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { DistrictsPage, ReviewPage, type ReviewPageProps } from './views/review-pages.tsx';

const review = requirePermission('organisations.review');
const manageDistricts = requirePermission('districts.manage');

async function renderReview(c: C, status: 200 | 400, failed?: ReviewPageProps['failed']) {
  const pageNo = pageFromQuery(c.req.query('page'));
  const { rows, total } = await inCity(c, (tx, tenantId) => listOrganisations(tx, tenantId, 'pending', pageNo, PAGE_SIZE));
  return page(c, status, <ReviewPage rows={rows} total={total} page={pageNo} failed={failed} />, messagesFor(c, organisationMessages).reviewTitle);
}

/** After a decision: back to the list with what happened. */
function decided(c: C, result: ReviewResult, message: (name: string) => string) {
  if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
  const t = messagesFor(c, organisationMessages);
  setFlash(c, result.ok ? { kind: 'success', message: message(result.organisation.name) } : { kind: 'error', message: t.notPending });
  return c.redirect(sitePath(c, '/admin/organisations'), 303);
}

/** The city admin's side of volunteering: reviewing organisation applications and listing districts. */
export function reviewRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/admin/organisations', review, (c) => renderReview(c, 200));

  app.post('/admin/organisations/:id/approve', review, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const result = await inCity(c, (tx, tenantId) => approveOrganisation(tx, tenantId, id, { reviewerId: userId(c), address: clientAddress(c) }));
    return decided(c, result, messagesFor(c, organisationMessages).approved);
  });

  app.post('/admin/organisations/:id/reject', review, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, ['reason']);
    const parsed = rejectForm.safeParse(values);
    if (!parsed.success) {
      return renderReview(c, 400, { id, reason: String(values.reason), errors: fieldErrors(parsed.error, messagesFor(c, errorMessages)) });
    }
    const result = await inCity(c, (tx, tenantId) =>
      rejectOrganisation(tx, tenantId, id, parsed.data.reason, { reviewerId: userId(c), address: clientAddress(c) }),
    );
    return decided(c, result, messagesFor(c, organisationMessages).rejected);
  });

  app.get('/admin/districts', manageDistricts, async (c) => {
    const districts = await inCity(c, listDistricts);
    return c.render(<DistrictsPage value={districts.join('\n')} />, { title: messagesFor(c, organisationMessages).districtsTitle });
  });

  app.post('/admin/districts', manageDistricts, async (c) => {
    const values = await readForm(c, ['districts']);
    const parsed = districtsForm.safeParse(values);
    const t = messagesFor(c, organisationMessages);
    if (!parsed.success) {
      const error = fieldErrors(parsed.error, messagesFor(c, errorMessages)).districts;
      return page(c, 400, <DistrictsPage value={String(values.districts)} error={error} />, t.districtsTitle);
    }
    await inCity(c, (tx, tenantId) => replaceDistricts(tx, tenantId, parsed.data.districts, { actor: `user:${userId(c)}`, address: clientAddress(c) }));
    setFlash(c, { kind: 'success', message: t.districtsSaved });
    return c.redirect(sitePath(c, '/admin/districts'), 303);
  });

  return app;
}
