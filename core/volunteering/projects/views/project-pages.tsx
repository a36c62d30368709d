import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { Pagination } from '../../../../views/components/pagination.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import type { ActivityWithPlaces } from '../../activities/service.ts';
import { PROJECT_CATEGORIES, TARGET_GROUPS } from '../../shared/catalogue.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import { projectMessages } from '../messages.ts';
import type { Project, ProjectCardFields } from '../service.ts';
import { CheckboxGroup, SelectField } from '../../../../views/components/choice-fields.tsx';
import { Labels, str, list } from '../../shared/views/inputs.tsx';
import { ActivityList, ProjectCard, ProjectDates, ProjectStatusBadge } from './project-cards.tsx';

export type BrowsePageProps = {
  rows: { project: ProjectCardFields; organisationName: string }[];
  total: number;
  page: number;
  category: string;
  district: string;
  districts: string[];
};

/**
 * The public menu of published projects, filtered by category and district: a
 * plain GET form that works without JavaScript; with htmx a changed choice
 * swaps the results alone (`ProjectResults`) and keeps the address in step.
 */
export function BrowsePage(props: BrowsePageProps) {
  const t = useMessages(projectMessages);
  const { path } = usePage();
  return (
    <>
      <h1>{t.browseTitle}</h1>
      <p class="muted">{t.browseIntro}</p>
      <form
        method="get"
        action={path('/projects')}
        class="card filters"
        role="search"
        hx-get={path('/projects')}
        hx-trigger="change, submit"
        hx-target="#project-results"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <SelectField name="category" label={t.category} choices={PROJECT_CATEGORIES} value={props.category} blank={t.allCategories} />
        <SelectField name="district" label={t.district} choices={props.districts} value={props.district} blank={t.allDistricts} />
        <p class="actions">
          <button type="submit">{t.filter}</button>
        </p>
      </form>
      <ProjectResults {...props} />
    </>
  );
}

/** The part of the project menu a filter replaces: the count, the cards and the page links. */
export function ProjectResults(props: BrowsePageProps) {
  const t = useMessages(projectMessages);
  const { path } = usePage();
  const query = (page: number) =>
    new URLSearchParams({ ...(props.category && { category: props.category }), ...(props.district && { district: props.district }), page: String(page) });
  const filtered = props.category !== '' || props.district !== '';
  return (
    <div id="project-results" aria-live="polite">
      <p class="muted">
        {props.total === 0 ? t.noResults : t.found(props.total)}
        {filtered && (
          <>
            {' · '}
            <a href={path('/projects')}>{t.clearFilter}</a>
          </>
        )}
      </p>
      <div class="grid">
        {props.rows.map((r) => (
          <ProjectCard project={r.project} organisationName={r.organisationName} />
        ))}
      </div>
      <Pagination page={props.page} total={props.total} href={(p) => path(`/projects?${query(p)}`)} />
    </div>
  );
}

export type ProjectPageProps = {
  project: Project;
  organisationName: string;
  /** The viewer may edit, publish, close and add activities. */
  canManage: boolean;
  /** The viewer is signed in and the project is running or over: they may claim hours served on it. */
  canClaim: boolean;
  activities: ActivityWithPlaces[];
};

export function ProjectPage({ project: p, organisationName, canManage, canClaim, activities }: ProjectPageProps) {
  const t = useMessages(projectMessages);
  const { locale, path } = usePage();
  return (
    <>
      <h1>{p.name}</h1>
      <p>
        <span class="badge">{PROJECT_CATEGORIES[p.category][locale]}</span> <ProjectStatusBadge project={p} />
      </p>
      {p.status === 'draft' && <p class="flash flash-info">{t.draftNotice}</p>}
      {p.status === 'closed' && <p class="flash flash-info">{p.programmeKey ? t.programmeNotice : t.closedNotice}</p>}
      <section class="card">
        <dl class="facts">
          <dt>{t.organisation}</dt>
          <dd><a href={path(`/organisations/${p.organisationId}`)}>{organisationName}</a></dd>
          <dt>{t.dates}</dt>
          <dd><ProjectDates project={p} /></dd>
          <dt>{t.district}</dt>
          <dd>{p.district}</dd>
          <dt>{t.place}</dt>
          <dd>{p.place}</dd>
          <dt>{t.targetGroups}</dt>
          <dd><Labels keys={p.targetGroups} list={TARGET_GROUPS} /></dd>
          <dt>{t.volunteersWanted}</dt>
          <dd>{p.volunteersWanted}</dd>
          <dt>{t.contact}</dt>
          <dd>{p.contact}</dd>
        </dl>
        <p class="pre-line">{p.description}</p>
        {p.needId && <p class="muted">{t.fromNeed}</p>}
      </section>
      {canManage && (
        <div class="actions">
          {p.status !== 'closed' && <a class="button secondary" href={path(`/projects/${p.id}/edit`)}>{t.edit}</a>}
          {p.status === 'draft' && (
            <form method="post" action={path(`/projects/${p.id}/publish`)}><button type="submit">{t.publish}</button></form>
          )}
          {p.status === 'published' && (
            <>
              <a class="button" href={path(`/projects/${p.id}/activities/new`)}>{t.newActivity}</a>
              <form method="post" action={path(`/projects/${p.id}/close`)}><button type="submit" class="secondary">{t.close}</button></form>
            </>
          )}
        </div>
      )}
      <h2>{t.upcoming}</h2>
      {activities.length === 0 ? <p class="muted">{t.noActivities}</p> : <ActivityList activities={activities} />}
      {canClaim && (
        <p><a class="button secondary" href={path(`/projects/${p.id}/claim`)}>{t.claimHours}</a> <span class="muted">{t.claimHoursHint}</span></p>
      )}
    </>
  );
}

export type ProjectFormProps = {
  /** Set when editing; absent when creating for `organisationId`. */
  project?: Project;
  organisationId: string;
  values: FormValues;
  errors: FieldErrors;
  districts: string[];
};

export function ProjectFormPage({ project, organisationId, values, errors, districts }: ProjectFormProps) {
  const t = useMessages(projectMessages);
  const { path } = usePage();
  const action = project ? `/projects/${project.id}` : `/organisations/${organisationId}/projects`;
  return (
    <section class="card">
      {project && <p><a href={path(`/projects/${project.id}`)}>{t.backToProject}</a></p>}
      <h1>{project ? t.editProjectTitle(project.name) : t.newProjectTitle}</h1>
      <FormErrorSummary show={Object.keys(errors).length > 0} />
      <form method="post" action={path(action)} class="stack">
        <Field name="name" label={t.name} value={str(values.name)} error={errors.name} required maxlength={100} />
        <SelectField name="category" label={t.category} choices={PROJECT_CATEGORIES} value={str(values.category)} error={errors.category} required />
        <CheckboxGroup name="target_groups" label={t.targetGroups} choices={TARGET_GROUPS} values={list(values.target_groups)} error={errors.target_groups} required />
        <SelectField name="district" label={t.district} choices={districts} value={str(values.district)} error={errors.district} required />
        <Field name="starts_on" label={t.startsOn} type="date" value={str(values.starts_on)} error={errors.starts_on} required />
        <Field name="ends_on" label={t.endsOn} type="date" value={str(values.ends_on)} error={errors.ends_on} required />
        <Field name="place" label={t.place} value={str(values.place)} error={errors.place} required />
        <Field name="contact" label={t.contact} value={str(values.contact)} error={errors.contact} required />
        <Field name="volunteers_wanted" label={t.volunteersWanted} type="number" inputmode="numeric" min={1} max={10000} value={str(values.volunteers_wanted)} error={errors.volunteers_wanted} required />
        <Field name="description" label={t.description} type="textarea" value={str(values.description)} error={errors.description} required />
        <p><button type="submit">{project ? t.save : t.create}</button></p>
      </form>
    </section>
  );
}
