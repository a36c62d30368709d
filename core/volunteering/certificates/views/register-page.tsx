import { Duration } from '../../../../views/components/duration.tsx';
import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { Pagination } from '../../../../views/components/pagination.tsx';
import { Table } from '../../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import { SelectField } from '../../../../views/components/choice-fields.tsx';
import { str } from '../../shared/views/inputs.tsx';
import { registerMessages } from '../register-messages.ts';
import { MAX_REGISTER_EXPORT, type RegisterRow } from '../register.ts';
import { Period, ValidityBadge } from './certificate-parts.tsx';

export type RegisterPageProps = {
  organisations: { id: string; name: string }[];
  values: FormValues;
  errors: FieldErrors;
  rows: RegisterRow[];
  total: number;
  page: number;
  pageSize: number;
};

/** The filter as a query string, for the next pages and the export. */
const queryOf = (values: FormValues, extra: Record<string, string> = {}) =>
  new URLSearchParams({ organisation: str(values.organisation), from: str(values.from), to: str(values.to), ...extra }).toString();

export function RegisterPage(props: RegisterPageProps) {
  const t = useMessages(registerMessages);
  const { path, locale } = usePage();
  const { values, errors } = props;
  const choices = Object.fromEntries(props.organisations.map((o) => [o.id, { 'zh-CN': o.name, en: o.name }]));
  const valid = Object.keys(errors).length === 0;
  return (
    <>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <section class="card">
        <FormErrorSummary show={!valid} />
        <form method="get" action={path('/admin/certificates')} class="stack filters">
          <SelectField name="organisation" label={t.organisation} choices={choices} blank={t.anyOrganisation} value={str(values.organisation)} error={errors.organisation} />
          <Field name="from" label={t.from} type="date" value={str(values.from)} error={errors.from} />
          <Field name="to" label={t.to} type="date" value={str(values.to)} error={errors.to} />
          <p>
            <button type="submit">{t.filter}</button>{' '}
            {valid && <a class="button secondary" href={path(`/admin/certificates.csv?${queryOf(values)}`)}>{t.download}</a>}
          </p>
          <small class="hint">{t.exportLimit(MAX_REGISTER_EXPORT)}</small>
        </form>
      </section>
      <p>{t.count(props.total)}</p>
      <Table
        columns={[t.number, t.issued, t.organisation, t.volunteer, t.period, t.total, t.state, '']}
        rows={props.rows}
        cells={(r) => [
          <span class="certificate-number">{r.number ?? '—'}</span>,
          formatDateTime(r.createdAt, locale),
          r.organisationName ?? t.cityWide,
          `${r.volunteerName} · ${r.volunteerNumber}`,
          <Period from={r.periodFrom} to={r.periodTo} />,
          <Duration minutes={r.totalMinutes} />,
          <ValidityBadge valid={r.revokedCount === 0} />,
          <a href={path(`/certificates/${r.id}`)}>{t.open}</a>,
        ]}
      />
      <Pagination page={props.page} total={props.total} pageSize={props.pageSize} href={(n) => path(`/admin/certificates?${queryOf(values, { page: String(n) })}`)} />
    </>
  );
}
