import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { Pagination } from '../../../../views/components/pagination.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import { ORGANISATION_KINDS } from '../../shared/catalogue.ts';
import type { FieldErrors } from '../../shared/forms.ts';
import { organisationMessages } from '../../shared/messages.ts';
import type { Organisation } from '../service.ts';

export type ReviewPageProps = {
  rows: { organisation: Organisation; applicantName: string }[];
  total: number;
  page: number;
  /** The application whose rejection came back with errors, its reason kept. */
  failed?: { id: string; reason: string; errors: FieldErrors };
};

/** Pending applications, each with approve and reject (reason required). */
export function ReviewPage({ rows, total, page, failed }: ReviewPageProps) {
  const t = useMessages(organisationMessages);
  const { locale, path } = usePage();
  return (
    <>
      <h1>{t.reviewTitle}</h1>
      <p class="muted">{t.reviewIntro}</p>
      <FormErrorSummary show={failed !== undefined} />
      {rows.length === 0 && <p class="muted">{t.noPending}</p>}
      {rows.map(({ organisation: o, applicantName }) => (
        <article class="card" id={`application-${o.id}`}>
          <h2><a href={path(`/organisations/${o.id}`)}>{o.name}</a></h2>
          <p class="muted">
            {ORGANISATION_KINDS[o.kind][locale]} · {o.district} · {o.contactPhone}
            {o.creditCode && ` · ${o.creditCode}`}
          </p>
          <p class="pre-line">{o.description}</p>
          <p class="muted">{t.applicant}: {applicantName} · {t.appliedAt}: {formatDateTime(o.createdAt, locale)}</p>
          <div class="actions">
            <form method="post" action={path(`/admin/organisations/${o.id}/approve`)}>
              <button type="submit" aria-label={`${t.approve}: ${o.name}`}>{t.approve}</button>
            </form>
          </div>
          <form method="post" action={path(`/admin/organisations/${o.id}/reject`)} class="stack">
            <Field
              name="reason"
              label={t.rejectReason}
              type="textarea"
              value={failed?.id === o.id ? failed.reason : ''}
              error={failed?.id === o.id ? failed.errors.reason : undefined}
              required
            />
            <p><button type="submit" class="danger" aria-label={`${t.reject}: ${o.name}`}>{t.reject}</button></p>
          </form>
        </article>
      ))}
      <Pagination page={page} total={total} href={(p) => path(`/admin/organisations?page=${p}`)} />
    </>
  );
}

export function DistrictsPage(props: { value: string; error?: string }) {
  const t = useMessages(organisationMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.districtsTitle}</h1>
      <p class="muted">{t.districtsIntro}</p>
      <FormErrorSummary show={props.error !== undefined} />
      <form method="post" action={path('/admin/districts')} class="stack">
        <Field name="districts" label={t.districtsLabel} type="textarea" value={props.value} error={props.error} required />
        <p><button type="submit">{t.saveDistricts}</button></p>
      </form>
    </section>
  );
}
