import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { Pagination } from '../../../../views/components/pagination.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { MEMBER_ROLES, ORGANISATION_KINDS, PROJECT_CATEGORIES, type MemberRole } from '../../shared/catalogue.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import { MAY_MANAGE_MEMBERS, MAY_MANAGE_PROJECTS, MAY_VERIFY_HOURS } from '../../volunteers/members.ts';
import { organisationMessages } from '../../shared/messages.ts';
import type { Organisation } from '../service.ts';
import type { Project } from '../../projects/service.ts';
import { recordMessages } from '../../records/messages.ts';
import { insuranceMessages } from '../../insurance/messages.ts';
import { SelectField } from '../../../../views/components/choice-fields.tsx';
import { str } from '../../shared/views/inputs.tsx';
import { ProjectStatusBadge } from '../../projects/views/project-cards.tsx';

export function OrganisationStatus({ status }: { status: Organisation['status'] }) {
  const t = useMessages(organisationMessages);
  const label = { pending: t.statusPending, approved: t.statusApproved, rejected: t.statusRejected }[status];
  return <span class={status === 'approved' ? 'badge' : 'badge off'}>{label}</span>;
}

type Mine = { organisation: Organisation; role: MemberRole | null }[];

/** The approved organisations; a signed-in citizen also sees their own applications and memberships. */
export function OrganisationList(props: { rows: { organisation: Organisation }[]; total: number; page: number; mine: Mine | null }) {
  const t = useMessages(organisationMessages);
  const { locale, path } = usePage();
  return (
    <>
      <h1>{t.listTitle}</h1>
      <p class="muted">{t.listIntro}</p>
      <p class="actions"><a class="button secondary" href={path('/organisations/apply')}>{t.apply}</a></p>
      {props.mine && props.mine.length > 0 && (
        <section class="card">
          <h2>{t.mine}</h2>
          <ul>
            {props.mine.map(({ organisation: o, role }) => (
              <li>
                <a href={path(`/organisations/${o.id}`)}>{o.name}</a> <OrganisationStatus status={o.status} />
                {role && <span class="muted"> · {MEMBER_ROLES[role][locale]}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.rows.length === 0 && <p class="muted">{t.noneYet}</p>}
      <div class="grid">
        {props.rows.map(({ organisation: o }) => (
          <article class="card">
            <h2><a href={path(`/organisations/${o.id}`)}>{o.name}</a></h2>
            <p class="muted">{ORGANISATION_KINDS[o.kind][locale]} · {o.district}</p>
          </article>
        ))}
      </div>
      <Pagination page={props.page} total={props.total} href={(p) => path(`/organisations?page=${p}`)} />
    </>
  );
}

export type ApplyPageProps = { values: FormValues; errors: FieldErrors; districts: string[] };

export function ApplyPage({ values, errors, districts }: ApplyPageProps) {
  const t = useMessages(organisationMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.applyTitle}</h1>
      <p class="muted">{t.applyIntro}</p>
      {districts.length === 0 && <p class="flash flash-info">{t.noDistricts}</p>}
      <FormErrorSummary show={Object.keys(errors).length > 0} />
      <form method="post" action={path('/organisations/apply')} class="stack">
        <Field name="name" label={t.name} value={str(values.name)} error={errors.name} required maxlength={100} />
        <SelectField name="kind" label={t.kind} choices={ORGANISATION_KINDS} value={str(values.kind)} error={errors.kind} required />
        <Field name="description" label={t.description} type="textarea" value={str(values.description)} error={errors.description} hint={t.descriptionHint} required />
        <SelectField name="district" label={t.district} choices={districts} value={str(values.district)} error={errors.district} required />
        <Field name="contact_phone" label={t.contactPhone} type="tel" inputmode="tel" value={str(values.contact_phone)} error={errors.contact_phone} required />
        <Field name="credit_code" label={t.creditCode} value={str(values.credit_code)} error={errors.credit_code} hint={t.creditCodeHint} maxlength={18} />
        <p><button type="submit">{t.submitApplication}</button></p>
      </form>
    </section>
  );
}

export type OrganisationPageProps = {
  organisation: Organisation;
  role: MemberRole | null;
  isApplicant: boolean;
  published: Project[];
  /** Drafts and closed projects, for the organisation's own people. */
  others: Project[];
};

export function OrganisationPage({ organisation: o, role, isApplicant, published, others }: OrganisationPageProps) {
  const t = useMessages(organisationMessages);
  const r = useMessages(recordMessages);
  const ins = useMessages(insuranceMessages);
  const { locale, path } = usePage();
  return (
    <>
      <h1>{o.name}</h1>
      <p>
        <span class="badge">{ORGANISATION_KINDS[o.kind][locale]}</span> {o.status !== 'approved' && <OrganisationStatus status={o.status} />}
      </p>
      {o.status === 'pending' && <p class="flash flash-info">{t.pendingNotice}</p>}
      {o.status === 'rejected' && (
        <div class="flash flash-error" role="status">
          <p>{t.rejectedNotice}</p>
          <p class="pre-line">{o.rejectionReason}</p>
          {isApplicant && <p><a href={path('/organisations/apply')}>{t.applyAgain}</a></p>}
        </div>
      )}
      <section class="card">
        <p class="pre-line">{o.description}</p>
        <p class="muted">{t.district}: {o.district} · {t.contactPhone}: {o.contactPhone}</p>
        {o.creditCode && <p class="muted">{t.creditCode}: {o.creditCode}</p>}
      </section>
      {role && (
        <section class="card">
          <p>{t.yourRole(MEMBER_ROLES[role][locale])}</p>
          <p class="actions">
            {MAY_MANAGE_PROJECTS.includes(role) && <a class="button" href={path(`/organisations/${o.id}/projects/new`)}>{t.newProject}</a>}
            {MAY_MANAGE_MEMBERS.includes(role) && <a class="button secondary" href={path(`/organisations/${o.id}/members`)}>{t.manageMembers}</a>}
            {MAY_MANAGE_MEMBERS.includes(role) && <a class="button secondary" href={path(`/organisations/${o.id}/seal`)}>{t.manageSeal}</a>}
            {MAY_MANAGE_MEMBERS.includes(role) && <a class="button secondary" href={path(`/organisations/${o.id}/insurance`)}>{ins.policies}</a>}
            {MAY_VERIFY_HOURS.includes(role) && <a class="button secondary" href={path(`/organisations/${o.id}/records`)}>{r.recordsLink}</a>}
            {MAY_VERIFY_HOURS.includes(role) && <a class="button secondary" href={path(`/organisations/${o.id}/trainings`)}>{t.trainingsLink}</a>}
            {MAY_VERIFY_HOURS.includes(role) && <a class="button secondary" href={path(`/organisations/${o.id}/commendations`)}>{t.commendationsLink}</a>}
            <a href={path('/needs')}>{t.needsLink}</a>
          </p>
        </section>
      )}
      {o.status === 'approved' && (
        <>
          <h2>{t.projects}</h2>
          <ProjectLinks projects={published} empty={t.noProjects} />
        </>
      )}
      {others.length > 0 && (
        <>
          <h2>{t.drafts}</h2>
          <ProjectLinks projects={others} empty={t.noProjects} />
        </>
      )}
    </>
  );
}

function ProjectLinks(props: { projects: Project[]; empty: string }) {
  const { locale, path } = usePage();
  if (props.projects.length === 0) return <p class="muted">{props.empty}</p>;
  return (
    <ul>
      {props.projects.map((p) => (
        <li>
          <a href={path(`/projects/${p.id}`)}>{p.name}</a> <span class="muted">{PROJECT_CATEGORIES[p.category][locale]} · {p.district}</span>{' '}
          {p.status !== 'published' && <ProjectStatusBadge project={p} />}
        </li>
      ))}
    </ul>
  );
}
