import { useMessages, usePage } from '../../../../views/context.ts';
import { htmlLines } from '../../../../views/html-lines.ts';
import type { Locale } from '../../../i18n/messages.ts';
import { formatDate, formatDateTime } from '../../../i18n/format.ts';
import type { ActivityWithPlaces } from '../../activities/service.ts';
import { PROJECT_CATEGORIES } from '../../shared/catalogue.ts';
import { activityMessages } from '../../activities/messages.ts';
import { projectMessages } from '../messages.ts';
import type { Project, ProjectCardFields } from '../service.ts';

/** A project's state; a plugin's programme project (never open for sign-up) says so rather than "closed". */
export function ProjectStatusBadge({ project }: { project: Pick<Project, 'status' | 'programmeKey'> }) {
  const t = useMessages(projectMessages);
  if (project.programmeKey) return <span class="badge">{t.statusProgramme}</span>;
  const label = { draft: t.statusDraft, published: t.statusPublished, closed: t.statusClosed }[project.status];
  return <span class={project.status === 'published' ? 'badge' : 'badge off'}>{label}</span>;
}

export function ProjectDates({ project }: { project: Project }) {
  const { locale } = usePage();
  return projectDates(project, locale);
}

const projectDates = (project: Pick<Project, 'startsOn' | 'endsOn'>, locale: Locale) => `${formatDate(project.startsOn, locale)} – ${formatDate(project.endsOn, locale)}`;

/** One project in the public menu: a template, not JSX, as a page of the menu shows twenty (bench/README.md, session 7). */
export function ProjectCard({ project, organisationName }: { project: ProjectCardFields; organisationName: string }) {
  const { locale, path } = usePage();
  const t = projectMessages[locale];
  return htmlLines`
    <article class="card">
      <h2><a href="${path(`/projects/${project.id}`)}">${project.name}</a></h2>
      <p>
        <span class="badge">${PROJECT_CATEGORIES[project.category][locale]}</span> <span class="muted">${project.district}</span>
      </p>
      <p class="muted">${organisationName} · ${projectDates(project, locale)} · ${t.wanted(project.volunteersWanted)}</p>
    </article>
  `;
}

/** Upcoming activities of a project, as cards (phones) that link to each activity. */
export function ActivityList({ activities }: { activities: ActivityWithPlaces[] }) {
  const t = useMessages(activityMessages);
  const { locale, path } = usePage();
  return (
    <div class="grid">
      {activities.map((a) => (
        <article class="card">
          <h3><a href={path(`/activities/${a.id}`)}>{a.title}</a></h3>
          <p class="muted">{formatDateTime(a.startsAt, locale)} – {formatDateTime(a.endsAt, locale)} · {a.place}</p>
          <p>
            {t.places(a.confirmed, a.capacity)}
            {a.waitlisted > 0 && <span class="muted"> · {t.waitlistCount(a.waitlisted)}</span>}
          </p>
        </article>
      ))}
    </div>
  );
}
