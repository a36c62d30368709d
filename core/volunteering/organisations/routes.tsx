import { Hono } from 'hono';
import { PAGE_SIZE, pageFromQuery } from '../../../views/components/pagination.tsx';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbiddenPage, notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requireUser } from '../../identity/guard.ts';
import { listDistricts } from '../shared/districts.ts';
import { fieldErrors, memberForm, organisationForm, type FieldErrors, type FormValues } from '../shared/forms.ts';
import { addMember, listMembers, MAY_MANAGE_MEMBERS, memberRole, organisationAccess, removeMember } from '../volunteers/members.ts';
import { errorMessages, organisationMessages } from '../shared/messages.ts';
import { applyForOrganisation, findOrganisation, listOrganisations, organisationsOfUser, type Organisation } from './service.ts';
import { projectsOfOrganisation } from '../projects/service.ts';
import { idFrom, inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { MembersPage } from './views/members-page.tsx';
import { ApplyPage, OrganisationList, OrganisationPage } from './views/organisation-pages.tsx';
import { offerToPageCache } from '../../http/page-cache.ts';

const APPLY_FIELDS = ['name', 'kind', 'description', 'district', 'contact_phone', 'credit_code'];

function renderApply(c: C, status: 200 | 400, values: FormValues, errors: FieldErrors, districts: string[]) {
  return page(c, status, <ApplyPage values={values} errors={errors} districts={districts} />, messagesFor(c, organisationMessages).applyTitle);
}

async function renderMembers(c: C, status: 200 | 400, organisation: Organisation, form: { values?: FormValues; errors?: FieldErrors; problem?: string }) {
  const members = await inCity(c, (tx, tenantId) => listMembers(tx, tenantId, organisation.id));
  return page(
    c,
    status,
    <MembersPage organisation={organisation} members={members} values={form.values ?? {}} errors={form.errors ?? {}} problem={form.problem} />,
    messagesFor(c, organisationMessages).membersTitle(organisation.name),
  );
}

/** /organisations: the public list and profiles, applying, and each organisation's members. */
export function organisationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/organisations', async (c) => {
    const pageNo = pageFromQuery(c.req.query('page'));
    const user = c.var.user;
    const { list, mine } = await inCity(c, async (tx, tenantId) => ({
      list: await listOrganisations(tx, tenantId, 'approved', pageNo, PAGE_SIZE),
      mine: user ? await organisationsOfUser(tx, tenantId, user.id) : null,
    }));
    offerToPageCache(c);
    return c.render(<OrganisationList rows={list.rows} total={list.total} page={pageNo} mine={mine} />, {
      title: messagesFor(c, organisationMessages).listTitle,
    });
  });

  app.get('/organisations/apply', requireUser, async (c) => {
    const districts = await inCity(c, listDistricts);
    return renderApply(c, 200, {}, {}, districts);
  });

  app.post('/organisations/apply', requireUser, async (c) => {
    const values = await readForm(c, APPLY_FIELDS);
    const districts = await inCity(c, listDistricts);
    const e = messagesFor(c, errorMessages);
    const parsed = organisationForm(districts).safeParse(values);
    if (!parsed.success) return renderApply(c, 400, values, fieldErrors(parsed.error, e), districts);
    const { name, kind, description, district, contact_phone, credit_code } = parsed.data;
    const result = await inCity(c, (tx, tenantId) =>
      applyForOrganisation(tx, tenantId, userId(c), { name, kind, description, district, contactPhone: contact_phone, creditCode: credit_code }),
    );
    if (!result.ok) {
      const errors = result.field === 'name' ? { name: e.nameTaken } : { credit_code: e.creditCodeTaken };
      return renderApply(c, 400, values, errors, districts);
    }
    setFlash(c, { kind: 'success', message: messagesFor(c, organisationMessages).applied(name) });
    return c.redirect(sitePath(c, `/organisations/${result.id}`), 303);
  });

  app.get('/organisations/:id', async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const user = c.var.user;
    const found = await inCity(c, async (tx, tenantId) => {
      const organisation = await findOrganisation(tx, tenantId, id);
      if (!organisation) return null;
      const role = user ? await memberRole(tx, tenantId, id, user.id) : null;
      const published = await projectsOfOrganisation(tx, tenantId, id, ['published']);
      const others = role ? await projectsOfOrganisation(tx, tenantId, id, ['draft', 'closed']) : [];
      return { organisation, role, published, others };
    });
    if (!found) return notFoundPage(c);
    const isApplicant = user?.id === found.organisation.applicantId;
    // Applications under review or rejected are the applicant's and the reviewers' business only.
    if (found.organisation.status !== 'approved' && !isApplicant && !c.var.permissions.has('organisations.review')) return notFoundPage(c);
    offerToPageCache(c);
    return c.render(<OrganisationPage {...found} isApplicant={isApplicant} />, { title: found.organisation.name });
  });

  app.get('/organisations/:id/members', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const access = await inCity(c, (tx, tenantId) => organisationAccess(tx, tenantId, id, userId(c), MAY_MANAGE_MEMBERS));
    if (!access.ok) return access.reason === 'not_found' ? notFoundPage(c) : forbiddenPage(c);
    return renderMembers(c, 200, access.organisation, {});
  });

  app.post('/organisations/:id/members', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, ['email', 'role']);
    const t = messagesFor(c, organisationMessages);
    const parsed = memberForm.safeParse(values);
    const outcome = await inCity(c, async (tx, tenantId) => {
      const access = await organisationAccess(tx, tenantId, id, userId(c), MAY_MANAGE_MEMBERS);
      if (!access.ok || !parsed.success) return { access, added: null };
      return { access, added: await addMember(tx, tenantId, id, { ...parsed.data, actorId: userId(c), address: clientAddress(c) }) };
    });
    const { access, added } = outcome;
    if (!access.ok) return access.reason === 'not_found' ? notFoundPage(c) : forbiddenPage(c);
    if (!parsed.success) return renderMembers(c, 400, access.organisation, { values, errors: fieldErrors(parsed.error, messagesFor(c, errorMessages)) });
    if (!added!.ok) return renderMembers(c, 400, access.organisation, { values, errors: { email: added!.reason === 'no_user' ? t.noSuchUser : t.alreadyMember } });
    setFlash(c, { kind: 'success', message: t.memberAdded(added!.name) });
    return c.redirect(sitePath(c, `/organisations/${id}/members`), 303);
  });

  app.post('/organisations/:id/members/:userId/remove', requireUser, async (c) => {
    const id = idFrom(c);
    const memberId = idFrom(c, 'userId');
    if (!id || !memberId) return notFoundPage(c);
    const t = messagesFor(c, organisationMessages);
    const { access, removed } = await inCity(c, async (tx, tenantId) => {
      const access = await organisationAccess(tx, tenantId, id, userId(c), MAY_MANAGE_MEMBERS);
      if (!access.ok) return { access, removed: null };
      return { access, removed: await removeMember(tx, tenantId, id, memberId, { actorId: userId(c), address: clientAddress(c) }) };
    });
    if (!access.ok) return access.reason === 'not_found' ? notFoundPage(c) : forbiddenPage(c);
    if (!removed!.ok) return renderMembers(c, 400, access.organisation, { problem: removed!.reason === 'last_admin' ? t.lastAdmin : t.notMember });
    setFlash(c, { kind: 'success', message: t.memberRemoved });
    // An administrator who stepped down can no longer see the members page.
    return c.redirect(sitePath(c, memberId === userId(c) ? `/organisations/${id}` : `/organisations/${id}/members`), 303);
  });

  return app;
}
