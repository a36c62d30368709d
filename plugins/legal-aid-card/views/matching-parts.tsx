import { Field, SelectField, Table, useMessages, usePage } from '../../../core/plugin-api.ts';
import type { CaseDeadline } from '../applications.ts';
import { DEADLINE_KINDS, type UpcomingDeadline } from '../case-deadlines.ts';
import { type District, districtLabel } from '../districts.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import type { LawyerMatch } from '../matching.ts';
import { matchingMessages } from '../matching-messages.ts';
import { PostForm } from './page-parts.tsx';
import { usePluginPath, When } from './parts.tsx';

/** Pieces of the matching, offer and deadline pages that other pages show too. */

/** The applicant's district, optional: one of the city's legal-aid districts. */
export function DistrictField(props: { districts: readonly District[]; value?: string; error?: string }) {
  const t = useMessages(matchingMessages);
  const { locale } = usePage();
  if (props.districts.length === 0) return null;
  return <SelectField name="district" label={t.district} hint={t.districtHint} blank={t.districtBlank} choices={props.districts.map((d) => [d.zh, locale === 'zh-CN' ? d.zh : d.en] as const)} value={props.value} error={props.error} />;
}

export function DistrictName({ districts, zh }: { districts: readonly District[]; zh: string | null }) {
  const { locale } = usePage();
  return <>{zh ? districtLabel(districts, zh, locale) : '—'}</>;
}

/**
 * The designation's choice of lawyer, ranked (matching.ts) with why: a badge for the
 * practice area and one for the district. Large radio targets for the phone.
 */
export function LawyerChoice(props: { lawyers: readonly LawyerMatch[]; value?: string; error?: string; label: string }) {
  const t = useMessages(matchingMessages);
  const id = 'f-lawyer';
  return (
    <fieldset id={id} class={props.error ? 'field checks has-error' : 'field checks'} aria-describedby={props.error ? `${id}-error` : `${id}-hint`}>
      <legend>{props.label}</legend>
      <small id={`${id}-hint`} class="hint">{t.rankedHint}</small>
      {props.lawyers.length === 0 && <p class="muted">{t.noLawyers}</p>}
      {props.lawyers.map((m, i) => (
        <label for={`${id}-${i}`} class="lawyer-choice">
          <input id={`${id}-${i}`} type="radio" name="lawyer" value={m.id} checked={props.value === m.id || (!props.value && i === 0)} /> {m.name}{' '}
          {m.areaMatch && <span class="badge">{t.areaMatch}</span>} {m.districtMatch && <span class="badge">{t.districtMatch}</span>}
          {!m.areaMatch && !m.districtMatch && <span class="badge off">{t.noMatch}</span>}
        </label>
      ))}
      {props.error && <small id={`${id}-error`} class="error">{props.error}</small>}
    </fieldset>
  );
}

/** The deadlines on a case page: the applicant's hearings, or every deadline with its form for those who keep them. */
export function CaseDeadlines(props: { caseId: string; deadlines: readonly CaseDeadline[]; hearingsOnly: boolean; mayKeep: boolean; now: Date }) {
  const t = useMessages(matchingMessages);
  const heading = props.hearingsOnly ? t.hearings : t.deadlines;
  if (props.hearingsOnly && props.deadlines.length === 0) return null;
  return (
    <section>
      <h2>{heading}</h2>
      <Table
        columns={[t.kind, t.dueAt, t.title, '']}
        rows={[...props.deadlines]}
        emptyText={t.noDeadlines}
        cells={(d) => [
          t.kinds(d.kind),
          <><When at={d.dueAt} />{!d.doneAt && d.dueAt < props.now && <> <strong class="error">{t.overdue}</strong></>}</>,
          d.title,
          d.doneAt ? <span class="badge">{t.completed}</span> : props.mayKeep ? <PostForm path={`/cases/${props.caseId}/deadlines/${d.id}/done`} button={t.complete} secondary /> : '',
        ]}
      />
    </section>
  );
}

export function DeadlineForm({ id, values = {}, errors = {} }: { id: string; values?: FormValues; errors?: FieldErrors }) {
  const t = useMessages(matchingMessages);
  return (
    <PostForm path={`/cases/${id}/deadlines`} button={t.addDeadline} secondary>
      <SelectField name="kind" label={t.kind} choices={DEADLINE_KINDS.map((k) => [k, t.kinds(k)] as const)} value={values.kind} error={errors.kind} />
      <Field name="due_at" label={t.dueAt} type="datetime-local" value={values.due_at} error={errors.due_at} required />
      <Field name="title" label={t.title} hint={t.titleHint} value={values.title} error={errors.title} required maxlength={100} />
    </PostForm>
  );
}

/** A lawyer's open deadlines across their cases, on /cases. */
export function MyDeadlines({ deadlines, now }: { deadlines: readonly UpcomingDeadline[]; now: Date }) {
  const t = useMessages(matchingMessages);
  const p = usePluginPath();
  return (
    <section>
      <h2>{t.myDeadlines}</h2>
      <Table
        columns={[t.kind, t.dueAt, t.title, '']}
        rows={[...deadlines]}
        emptyText={t.noDeadlines}
        cells={(d) => [t.kinds(d.kind), <><When at={d.dueAt} />{d.dueAt < now && <> <strong class="error">{t.overdue}</strong></>}</>, d.title, <a href={p(`/cases/${d.applicationId}`)}>{t.open}</a>]}
      />
    </section>
  );
}
