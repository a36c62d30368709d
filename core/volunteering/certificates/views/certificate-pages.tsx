import { Table } from '../../../../views/components/table.tsx';
import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { Duration } from '../../../../views/components/duration.tsx';
import { Pagination } from '../../../../views/components/pagination.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDate } from '../../../i18n/format.ts';
import { certificateMessages } from '../messages.ts';
import { MAX_PERIOD_YEARS, type CertificateListItem } from '../service.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import { Period, ValidityBadge } from './certificate-parts.tsx';
import { str } from '../../shared/views/inputs.tsx';

export type CertificatesPageProps = {
  hasProfile: boolean;
  values: FormValues;
  errors: FieldErrors;
  /** A refusal that is not about one field (no verified records in the period). */
  problem: string | null;
  rows: CertificateListItem[];
  total: number;
  page: number;
  pageSize: number;
};

function NewCertificateForm(props: CertificatesPageProps) {
  const t = useMessages(certificateMessages);
  const { path } = usePage();
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <section class="card" id="new">
      <h2>{t.newHeading}</h2>
      <FormErrorSummary show={hasErrors} />
      {props.problem && <p class="flash flash-error" role="alert">{props.problem}</p>}
      <form method="post" action={path('/volunteer/certificates')} class="stack">
        <Field name="from" label={t.from} type="date" required value={str(props.values.from)} error={props.errors.from} />
        <Field name="to" label={t.to} type="date" required value={str(props.values.to)} error={props.errors.to} hint={t.periodHint(MAX_PERIOD_YEARS)} />
        <div><button type="submit">{t.create}</button></div>
      </form>
    </section>
  );
}

/** The volunteer's certificates with their live state, and the form to make one. */
export function CertificatesPage(props: CertificatesPageProps) {
  const t = useMessages(certificateMessages);
  const { path, locale } = usePage();
  return (
    <>
      <p><a href={path('/volunteer/hours')}>{t.backToHours}</a></p>
      <h1>{t.listTitle}</h1>
      <p class="muted">{t.listIntro}</p>
      {props.hasProfile ? (
        <NewCertificateForm {...props} />
      ) : (
        <section class="card">
          <p>{t.needsProfile}</p>
          <p><a class="button" href={path(`/volunteer/profile?next=${encodeURIComponent('/volunteer/certificates')}`)}>{t.completeProfile}</a></p>
        </section>
      )}
      <h2>{t.yours}</h2>
      <Table
        columns={[t.number, t.issuingOrganisation, t.period, t.total, t.issued, t.state, '']}
        rows={props.rows}
        cells={(r) => [
          r.number ?? '—',
          r.issuer ?? '—',
          <Period from={r.periodFrom} to={r.periodTo} />,
          <Duration minutes={r.totalMinutes} />,
          formatDate(r.createdAt, locale),
          <ValidityBadge valid={r.revokedCount === 0} />,
          <a href={path(`/certificates/${r.id}`)}>{t.open}</a>,
        ]}
      />
      <Pagination page={props.page} total={props.total} pageSize={props.pageSize} href={(n) => path(`/volunteer/certificates?page=${n}`)} />
    </>
  );
}
