import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { Pagination } from '../../../../views/components/pagination.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import type { Need } from '../needs.ts';
import { projectMessages } from '../messages.ts';
import { SelectField } from '../../../../views/components/choice-fields.tsx';
import { str } from '../../shared/views/inputs.tsx';

export function NeedFormPage(props: { values: FormValues; errors: FieldErrors; districts: string[] }) {
  const t = useMessages(projectMessages);
  const { path } = usePage();
  const { values, errors } = props;
  return (
    <section class="card">
      <h1>{t.newNeedTitle}</h1>
      <p class="muted">{t.newNeedIntro}</p>
      <FormErrorSummary show={Object.keys(errors).length > 0} />
      <form method="post" action={path('/needs/new')} class="stack">
        <Field name="help" label={t.help} type="textarea" value={str(values.help)} error={errors.help} required />
        <SelectField name="district" label={t.district} choices={props.districts} value={str(values.district)} error={errors.district} required />
        <Field name="place" label={t.needPlace} value={str(values.place)} error={errors.place} required />
        <Field name="wanted_when" label={t.wantedWhen} value={str(values.wanted_when)} error={errors.wanted_when} hint={t.wantedWhenHint} required />
        <Field name="contact" label={t.needContact} type="tel" inputmode="tel" value={str(values.contact)} error={errors.contact} hint={t.needContactHint} required />
        <p><button type="submit">{t.submitNeed}</button></p>
      </form>
    </section>
  );
}

export type NeedListProps = {
  rows: { need: Need; postedByName: string }[];
  total: number;
  page: number;
  /** Organisations the viewer administers: each need offers to take it up for one of them. */
  organisations: { id: string; name: string }[];
};

/** Open needs for organisations, with a take-up form for organisation administrators. */
export function NeedListPage({ rows, total, page, organisations }: NeedListProps) {
  const t = useMessages(projectMessages);
  const { locale, path } = usePage();
  return (
    <>
      <h1>{t.needsTitle}</h1>
      <p class="muted">{t.needsIntro}</p>
      {rows.length === 0 && <p class="muted">{t.noNeeds}</p>}
      {rows.map(({ need: n, postedByName }) => (
        <article class="card">
          <p class="pre-line">{n.help}</p>
          <p class="muted">
            {n.district} · {n.place} · {n.wantedWhen}
          </p>
          <p class="muted">
            {t.postedBy}: {postedByName} · {n.contact} · {t.postedAt}: {formatDateTime(n.createdAt, locale)}
          </p>
          {organisations.length > 0 && (
            <form method="post" action={path(`/needs/${n.id}/take`)} class="actions">
              <label for={`org-${n.id}`} class="muted">{t.takeAs}</label>
              <select id={`org-${n.id}`} name="organisation">
                {organisations.map((o) => (
                  <option value={o.id}>{o.name}</option>
                ))}
              </select>
              <button type="submit">{t.takeUp}</button>
            </form>
          )}
        </article>
      ))}
      <Pagination page={page} total={total} href={(p) => path(`/needs?page=${p}`)} />
    </>
  );
}
