import { SelectField } from '../../../../views/components/choice-fields.tsx';
import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { Table } from '../../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import type { Organisation } from '../../organisations/service.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import { str } from '../../shared/views/inputs.tsx';
import { insuranceMessages } from '../messages.ts';
import type { Policy } from '../service.ts';

export type PolicyPageProps = { organisation: Organisation; policies: Policy[]; values: FormValues; errors: FieldErrors };

/** An organisation's volunteer insurance policies and the form to record one. */
export function PolicyPage({ organisation, policies, values, errors }: PolicyPageProps) {
  const t = useMessages(insuranceMessages);
  const { path } = usePage();
  return (
    <>
      <p><a href={path(`/organisations/${organisation.id}`)}>{t.backToOrganisation}</a></p>
      <h1>{t.title(organisation.name)}</h1>
      <p class="muted">{t.intro}</p>
      <h2>{t.policies}</h2>
      {policies.length === 0 ? (
        <p class="muted">{t.none}</p>
      ) : (
        <Table
          columns={[t.insurer, t.policyNumber, t.period, t.coverage]}
          rows={policies}
          cells={(p) => [p.insurer, p.policyNumber, `${p.startsOn} – ${p.endsOn}`, p.coversAll ? t.coversAllOption : `${t.named(p.volunteerNumbers.length)}: ${p.volunteerNumbers.join(', ')}`]}
        />
      )}
      <section class="card">
        <FormErrorSummary show={Object.keys(errors).length > 0} />
        <form method="post" action={path(`/organisations/${organisation.id}/insurance`)} class="stack">
          <Field name="insurer" label={t.insurer} required maxlength={100} value={str(values.insurer)} error={errors.insurer} />
          <Field name="policy_number" label={t.policyNumber} required maxlength={64} value={str(values.policy_number)} error={errors.policy_number} />
          <Field name="starts_on" label={t.startsOn} type="date" required value={str(values.starts_on)} error={errors.starts_on} />
          <Field name="ends_on" label={t.endsOn} type="date" required value={str(values.ends_on)} error={errors.ends_on} />
          <SelectField name="coverage" label={t.coverage} required choices={[['all', t.coversAllOption], ['named', t.namedOption]]} value={str(values.coverage) || 'all'} error={errors.coverage} />
          <Field name="volunteer_numbers" label={t.volunteerNumbers} type="textarea" hint={t.volunteerNumbersHint} value={str(values.volunteer_numbers)} error={errors.volunteer_numbers} />
          <div><button type="submit">{t.save}</button></div>
        </form>
      </section>
    </>
  );
}
