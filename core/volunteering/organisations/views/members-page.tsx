import { Table } from '../../../../views/components/table.tsx';
import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDate } from '../../../i18n/format.ts';
import { MEMBER_ROLES } from '../../shared/catalogue.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import type { OrganisationMember } from '../../volunteers/members.ts';
import { organisationMessages } from '../../shared/messages.ts';
import type { Organisation } from '../service.ts';
import { SelectField } from '../../../../views/components/choice-fields.tsx';
import { str } from '../../shared/views/inputs.tsx';

export type MembersPageProps = {
  organisation: Organisation;
  members: OrganisationMember[];
  values: FormValues;
  errors: FieldErrors;
  /** A refusal of a removal, shown above the list. */
  problem?: string;
};

/** An organisation's members with their roles; its administrators add and remove them here. */
export function MembersPage({ organisation, members, values, errors, problem }: MembersPageProps) {
  const t = useMessages(organisationMessages);
  const { locale, path } = usePage();
  const base = `/organisations/${organisation.id}/members`;
  return (
    <>
      <p><a href={path(`/organisations/${organisation.id}`)}>{t.backToOrganisation}</a></p>
      <h1>{t.membersTitle(organisation.name)}</h1>
      {problem && <p class="flash flash-error" role="alert">{problem}</p>}
      <Table
        columns={[t.memberName, t.memberRole, t.memberSince, '']}
        rows={members}
        empty={false}
        cells={(m) => [
          <>{m.name}<br /><span class="muted">{m.email}</span></>,
          MEMBER_ROLES[m.role][locale],
          formatDate(m.addedAt, locale),
          <form method="post" action={path(`${base}/${m.userId}/remove`)}>
            <button type="submit" class="secondary" aria-label={`${t.remove}: ${m.name}`}>{t.remove}</button>
          </form>,
        ]}
      />
      <section class="card">
        <h2>{t.addMember}</h2>
        <p class="muted">{t.addMemberIntro}</p>
        <FormErrorSummary show={Object.keys(errors).length > 0} />
        <form method="post" action={path(base)} class="stack">
          <Field name="email" label={t.memberEmail} type="email" value={str(values.email)} error={errors.email} required />
          <SelectField name="role" label={t.role} choices={MEMBER_ROLES} value={str(values.role) || 'social_worker'} error={errors.role} required />
          <p><button type="submit">{t.add}</button></p>
        </form>
      </section>
    </>
  );
}
