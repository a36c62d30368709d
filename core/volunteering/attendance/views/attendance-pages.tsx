import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { viewMessages } from '../../../../views/messages.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import type { Activity } from '../../activities/service.ts';
import { attendanceMessages } from '../messages.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import type { Project } from '../../projects/service.ts';
import { str } from '../../shared/views/inputs.tsx';

/** Forms that record service afterwards: the organiser's 补录 and the volunteer's claims. */

type FormProps = { values: FormValues; errors: FieldErrors };

/** A time-of-day input like `<Field>` (which has no time type): error beside it, input kept. */
function TimeField(props: { name: string; label: string; value: string; error?: string }) {
  const t = useMessages(viewMessages);
  const id = `f-${props.name}`;
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>
        {props.label}
        <span class="req"> ({t.required})</span>
      </label>
      <input id={id} name={props.name} type="time" value={props.value} required aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${id}-error` : undefined} />
      {props.error && <small id={`${id}-error`} class="error">{props.error}</small>}
    </div>
  );
}

function Period({ values, errors }: FormProps) {
  const t = useMessages(attendanceMessages);
  return (
    <>
      <Field name="started_at" label={t.startedAt} type="datetime-local" value={str(values.started_at)} error={errors.started_at} required />
      <Field name="ended_at" label={t.endedAt} type="datetime-local" value={str(values.ended_at)} error={errors.ended_at} required />
    </>
  );
}

function Content({ values, errors }: FormProps) {
  const t = useMessages(attendanceMessages);
  return <Field name="content" label={t.content} type="textarea" hint={t.contentHint} value={str(values.content)} error={errors.content} required maxlength={1000} />;
}

function ActivityLine({ activity }: { activity: Activity }) {
  const { locale, path } = usePage();
  return (
    <p class="muted">
      <a href={path(`/activities/${activity.id}`)}>{activity.title}</a> · {formatDateTime(activity.startsAt, locale)} – {formatDateTime(activity.endsAt, locale)}
    </p>
  );
}

/** The organiser records one volunteer's times by hand (shown again with errors after a bad entry). */
export function RecordFormPage(props: FormProps & { activity: Activity; userId: string; name: string }) {
  const t = useMessages(attendanceMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <p><a href={path(`/activities/${props.activity.id}/manage`)}>{t.backToManage}</a></p>
      <h1>{t.recordTitle(props.name)}</h1>
      <ActivityLine activity={props.activity} />
      <FormErrorSummary show={Object.keys(props.errors).length > 0} />
      <form method="post" action={path(`/activities/${props.activity.id}/attendance/${props.userId}/record`)} class="stack">
        <Period {...props} />
        <p><button type="submit">{t.save}</button></p>
      </form>
    </section>
  );
}

export function ActivityClaimPage(props: FormProps & { activity: Activity }) {
  const t = useMessages(attendanceMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.claimTitle(props.activity.title)}</h1>
      <ActivityLine activity={props.activity} />
      <p class="muted">{t.claimIntro}</p>
      <FormErrorSummary show={Object.keys(props.errors).length > 0} />
      <form method="post" action={path(`/activities/${props.activity.id}/claim`)} class="stack">
        <Period {...props} />
        <Content {...props} />
        <p><button type="submit">{t.submitClaim}</button></p>
      </form>
    </section>
  );
}

export function ProjectClaimPage(props: FormProps & { project: Project }) {
  const t = useMessages(attendanceMessages);
  const { path } = usePage();
  const { values, errors } = props;
  return (
    <section class="card">
      <h1>{t.projectClaimTitle(props.project.name)}</h1>
      <p class="muted"><a href={path(`/projects/${props.project.id}`)}>{props.project.name}</a></p>
      <p class="muted">{t.projectClaimIntro}</p>
      <FormErrorSummary show={Object.keys(errors).length > 0} />
      <form method="post" action={path(`/projects/${props.project.id}/claim`)} class="stack">
        <Field name="day" label={t.day} type="date" value={str(values.day)} error={errors.day} required />
        <TimeField name="start_time" label={t.startTime} value={str(values.start_time)} error={errors.start_time} />
        <TimeField name="end_time" label={t.endTime} value={str(values.end_time)} error={errors.end_time} />
        <Content {...props} />
        <p><button type="submit">{t.submitClaim}</button></p>
      </form>
    </section>
  );
}
