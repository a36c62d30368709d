import { Hono } from 'hono';
import { PAGE_SIZE, pageFromQuery } from '../../../views/components/pagination.tsx';
import { messagesFor, sitePath } from '../../../views/context.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbiddenPage, notFoundPage } from '../../http/error-pages.tsx';
import { setFlash } from '../../http/flash.ts';
import { requireUser } from '../../identity/guard.ts';
import { upcomingActivities } from '../activities/service.ts';
import { PROJECT_CATEGORIES, type ProjectCategory } from '../shared/catalogue.ts';
import { listDistricts } from '../shared/districts.ts';
import { fieldErrors, projectForm, type FieldErrors, type FormValues } from '../shared/forms.ts';
import { MAY_MANAGE_PROJECTS, memberRole, organisationAccess } from '../volunteers/members.ts';
import { errorMessages } from '../shared/messages.ts';
import { projectMessages } from './messages.ts';
import { advanceProject, browseProjects, createProject, findProject, projectAccess, updateProject, type Project, type ProjectInput } from './service.ts';
import { idFrom, inCity, page, readForm, userId, type C } from '../shared/route-kit.ts';
import { toLocalDateInput } from '../shared/time.ts';
import { BrowsePage, ProjectFormPage, ProjectPage, ProjectResults, type ProjectFormProps } from './views/project-pages.tsx';
import { isPartialRequest, renderFragment } from '../../../views/renderer.tsx';
import { offerToPageCache } from '../../http/page-cache.ts';

const TEXT = ['name', 'category', 'district', 'starts_on', 'ends_on', 'place', 'contact', 'volunteers_wanted', 'description'];
const LISTS = ['target_groups'];

function projectValues(p: Project): FormValues {
  return {
    name: p.name,
    category: p.category,
    target_groups: p.targetGroups,
    district: p.district,
    starts_on: toLocalDateInput(p.startsOn),
    ends_on: toLocalDateInput(p.endsOn),
    place: p.place,
    contact: p.contact,
    volunteers_wanted: String(p.volunteersWanted),
    description: p.description,
  };
}

function renderForm(c: C, status: 200 | 400, props: ProjectFormProps) {
  const t = messagesFor(c, projectMessages);
  return page(c, status, <ProjectFormPage {...props} />, props.project ? t.editProjectTitle(props.project.name) : t.newProjectTitle);
}

/** Validates a submitted project form; the input for the service, or the form again with errors. */
async function readProject(c: C): Promise<{ values: FormValues; districts: string[]; input: ProjectInput | null; errors: FieldErrors }> {
  const values = await readForm(c, TEXT, LISTS);
  const districts = await inCity(c, listDistricts);
  const parsed = projectForm(districts).safeParse(values);
  if (!parsed.success) return { values, districts, input: null, errors: fieldErrors(parsed.error, messagesFor(c, errorMessages)) };
  const f = parsed.data;
  const input: ProjectInput = {
    name: f.name,
    category: f.category,
    targetGroups: f.target_groups,
    district: f.district,
    startsOn: f.starts_on,
    endsOn: f.ends_on,
    place: f.place,
    contact: f.contact,
    volunteersWanted: f.volunteers_wanted,
    description: f.description,
  };
  return { values, districts, input, errors: {} };
}

function denied(c: C, reason: 'not_found' | 'forbidden') {
  return reason === 'not_found' ? notFoundPage(c) : forbiddenPage(c);
}

/** /projects: the public menu and project pages; organisations create, edit, publish and close projects. */
export function projectRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/projects', async (c) => {
    const pageNo = pageFromQuery(c.req.query('page'));
    const asked = { category: c.req.query('category') ?? '', district: c.req.query('district') ?? '' };
    const category = asked.category in PROJECT_CATEGORIES ? (asked.category as ProjectCategory) : undefined;
    const { districts, result } = await inCity(c, async (tx, tenantId) => {
      const browse = (district: string | undefined) => browseProjects(tx, tenantId, { category, district, page: pageNo, pageSize: PAGE_SIZE });
      // With no district asked the reads do not depend on each other: they go out together (one round trip).
      if (!asked.district) {
        const [districts, result] = await Promise.all([listDistricts(tx, tenantId), browse(undefined)]);
        return { districts, result };
      }
      const districts = await listDistricts(tx, tenantId);
      return { districts, result: await browse(districts.includes(asked.district) ? asked.district : undefined) };
    });
    const district = districts.includes(asked.district) ? asked.district : '';
    offerToPageCache(c);
    const props = { ...result, page: pageNo, category: category ?? '', district, districts };
    if (isPartialRequest(c)) return renderFragment(c, <ProjectResults {...props} />);
    return c.render(<BrowsePage {...props} />, { title: messagesFor(c, projectMessages).browseTitle });
  });

  app.get('/projects/:id', async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const user = c.var.user;
    const found = await inCity(c, async (tx, tenantId) => {
      const row = await findProject(tx, tenantId, id);
      if (!row) return null;
      const role = user ? await memberRole(tx, tenantId, row.project.organisationId, user.id) : null;
      return { ...row, role, activities: await upcomingActivities(tx, tenantId, id) };
    });
    // Drafts are the organisation's own business.
    if (!found || (found.project.status === 'draft' && !found.role)) return notFoundPage(c);
    const canManage = found.role !== null && MAY_MANAGE_PROJECTS.includes(found.role);
    offerToPageCache(c);
    return c.render(<ProjectPage project={found.project} organisationName={found.organisationName} canManage={canManage} canClaim={c.var.user !== null && found.project.status !== 'draft'} activities={found.activities} />, {
      title: found.project.name,
    });
  });

  app.get('/organisations/:id/projects/new', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const { access, districts } = await inCity(c, async (tx, tenantId) => ({
      access: await organisationAccess(tx, tenantId, id, userId(c), MAY_MANAGE_PROJECTS),
      districts: await listDistricts(tx, tenantId),
    }));
    if (!access.ok) return denied(c, access.reason);
    const values = { district: access.organisation.district, contact: access.organisation.contactPhone, volunteers_wanted: '10' };
    return renderForm(c, 200, { organisationId: id, values, errors: {}, districts });
  });

  app.post('/organisations/:id/projects', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const form = await readProject(c);
    const created = await inCity(c, async (tx, tenantId) => {
      const access = await organisationAccess(tx, tenantId, id, userId(c), MAY_MANAGE_PROJECTS);
      if (!access.ok || !form.input) return { access, projectId: null };
      return { access, projectId: await createProject(tx, tenantId, id, userId(c), form.input) };
    });
    if (!created.access.ok) return denied(c, created.access.reason);
    if (!created.projectId) return renderForm(c, 400, { organisationId: id, values: form.values, errors: form.errors, districts: form.districts });
    setFlash(c, { kind: 'success', message: messagesFor(c, projectMessages).created });
    return c.redirect(sitePath(c, `/projects/${created.projectId}`), 303);
  });

  app.get('/projects/:id/edit', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const { access, districts } = await inCity(c, async (tx, tenantId) => ({
      access: await projectAccess(tx, tenantId, id, userId(c), MAY_MANAGE_PROJECTS),
      districts: await listDistricts(tx, tenantId),
    }));
    if (!access.ok) return denied(c, access.reason);
    const { project } = access;
    return renderForm(c, 200, { project, organisationId: project.organisationId, values: projectValues(project), errors: {}, districts });
  });

  app.post('/projects/:id', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const form = await readProject(c);
    const access = await inCity(c, async (tx, tenantId) => {
      const access = await projectAccess(tx, tenantId, id, userId(c), MAY_MANAGE_PROJECTS);
      if (access.ok && form.input && access.project.status !== 'closed') await updateProject(tx, tenantId, id, form.input);
      return access;
    });
    if (!access.ok) return denied(c, access.reason);
    const { project } = access;
    const t = messagesFor(c, projectMessages);
    if (project.status === 'closed') {
      setFlash(c, { kind: 'error', message: t.closedNotice });
      return c.redirect(sitePath(c, `/projects/${id}`), 303);
    }
    if (!form.input) return renderForm(c, 400, { project, organisationId: project.organisationId, values: form.values, errors: form.errors, districts: form.districts });
    setFlash(c, { kind: 'success', message: t.saved });
    return c.redirect(sitePath(c, `/projects/${id}`), 303);
  });

  for (const [action, from] of [['publish', 'draft'], ['close', 'published']] as const) {
    app.post(`/projects/:id/${action}`, requireUser, async (c) => {
      const id = idFrom(c);
      if (!id) return notFoundPage(c);
      const outcome = await inCity(c, async (tx, tenantId) => {
        const access = await projectAccess(tx, tenantId, id, userId(c), MAY_MANAGE_PROJECTS);
        return { access, moved: access.ok && (await advanceProject(tx, tenantId, id, from)) };
      });
      if (!outcome.access.ok) return denied(c, outcome.access.reason);
      const t = messagesFor(c, projectMessages);
      const done = action === 'publish' ? t.published : t.closed;
      setFlash(c, outcome.moved ? { kind: 'success', message: done } : { kind: 'error', message: t.alreadyMoved });
      return c.redirect(sitePath(c, `/projects/${id}`), 303);
    });
  }

  return app;
}
