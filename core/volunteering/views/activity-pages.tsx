import { Field, FormErrorSummary } from '../../../views/components/field.tsx';
import { EmptyRow } from '../../../views/components/pagination.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import type { CurrentUser } from '../../http/env.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { Activity } from '../activities.ts';
import { activityMessages } from '../activity-messages.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import type { Project } from '../projects.ts';
import type { SignupStatus } from '../schema.ts';
import type { Attendance } from '../attendance.ts';
import { attendanceMessages } from '../attendance-messages.ts';
import { MyAttendance, RosterAttendance } from './attendance-parts.tsx';
import { str } from './inputs.tsx';

type ActivityHeaderProps = { activity: Activity; project: Project; organisation: { id: string; name: string } };

function ActivityFacts({ activity: a, project, organisation }: ActivityHeaderProps) {
  const t = useMessages(activityMessages);
  const { locale, path } = usePage();
  return (
    <dl class="facts">
      <dt>{t.project}</dt>
      <dd><a href={path(`/projects/${project.id}`)}>{project.name}</a> · <a href={path(`/organisations/${organisation.id}`)}>{organisation.name}</a></dd>
      <dt>{t.time}</dt>
      <dd>{formatDateTime(a.startsAt, locale)} – {formatDateTime(a.endsAt, locale)}</dd>
      <dt>{t.place}</dt>
      <dd>{a.place}</dd>
    </dl>
  );
}

export type ActivityPageProps = ActivityHeaderProps & {
  user: CurrentUser | null;
  confirmed: number;
  waitlisted: number;
  /** The viewer's own sign-up, with their waitlist place when waitlisted. */
  mine: { status: SignupStatus; waitlistPosition: number } | null;
  open: boolean;
  canRun: boolean;
  /** The viewer's live service record of this activity, and whether they may claim hours instead. */
  attendance: Attendance | null;
  canClaim: boolean;
};

/** One activity: when and where, places left, and the viewer's sign-up with its one action. */
export function ActivityPage(props: ActivityPageProps) {
  const t = useMessages(activityMessages);
  const ta = useMessages(attendanceMessages);
  const { path } = usePage();
  const a = props.activity;
  const active = props.mine && ['pending', 'confirmed', 'waitlisted'].includes(props.mine.status);
  const here = `/activities/${a.id}`;
  return (
    <>
      <h1>{a.title}</h1>
      <section class="card">
        <ActivityFacts {...props} />
        <p>
          {t.places(props.confirmed, a.capacity)}
          {props.waitlisted > 0 && <span class="muted"> · {t.waitlistCount(props.waitlisted)}</span>}
        </p>
        {a.requiresApproval && <p class="muted">{t.approvalNeeded}</p>}
      </section>
      <section class="card" id="signup">
        {props.mine?.status === 'pending' && <p>{t.youArePending}</p>}
        {props.mine?.status === 'confirmed' && <p>{t.youAreConfirmed}</p>}
        {props.mine?.status === 'waitlisted' && <p>{t.youAreWaitlisted(props.mine.waitlistPosition)}</p>}
        {props.mine?.status === 'rejected' && <p>{t.youAreRejected}</p>}
        {active && props.open && (
          <form method="post" action={path(`${here}/cancel`)}><button type="submit" class="secondary">{t.cancel}</button></form>
        )}
        {!active && props.mine?.status !== 'rejected' && props.open && props.user && (
          <form method="post" action={path(`${here}/signup`)}><button type="submit">{t.signUp}</button></form>
        )}
        {!props.open && <p class="muted">{t.signupsClosed}</p>}
        {props.open && !props.user && (
          <p><a class="button" href={path(`/sign-in?next=${encodeURIComponent(here)}`)}>{t.signInToSignUp}</a></p>
        )}
      </section>
      <MyAttendance activityId={a.id} record={props.attendance} canClaim={props.canClaim} />
      {props.canRun && (
        <p class="actions">
          <a href={path(`${here}/manage`)}>{t.manage}</a>
          <a href={path(`${here}/checkin`)}>{ta.showCode}</a>
        </p>
      )}
    </>
  );
}

export type RosterRow = {
  userId: string;
  status: SignupStatus;
  name: string;
  realName: string | null;
  mobile: string | null;
  volunteerNumber: string | null;
  /** Already masked for the viewer. */
  idCard: string | null;
  attendance: Attendance | null;
};

export function StatusLabel({ status }: { status: SignupStatus }) {
  const t = useMessages(activityMessages);
  const labels = { pending: t.statusPending, confirmed: t.statusConfirmed, waitlisted: t.statusWaitlisted, rejected: t.statusRejected, cancelled: t.statusCancelled };
  return <span class={status === 'confirmed' ? 'badge' : 'badge off'}>{labels[status]}</span>;
}

/** The organiser's view: the roster in queue order, with approve and reject on pending sign-ups. */
export function ManagePage(props: ActivityHeaderProps & { rows: RosterRow[]; confirmed: number; checkinOpen: boolean }) {
  const t = useMessages(activityMessages);
  const ta = useMessages(attendanceMessages);
  const { path } = usePage();
  const a = props.activity;
  return (
    <>
      <p><a href={path(`/activities/${a.id}`)}>{t.backToActivity}</a></p>
      <h1>{t.manageTitle(a.title)}</h1>
      <section class="card">
        <ActivityFacts {...props} />
        <p>{t.places(props.confirmed, a.capacity)}</p>
        <p><a class="button" href={path(`/activities/${a.id}/checkin`)}>{ta.showCode}</a></p>
      </section>
      <h2>{t.roster}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t.order}</th>
              <th>{t.volunteer}</th>
              <th>{t.volunteerNumber}</th>
              <th>{t.mobile}</th>
              <th>{t.idCard}</th>
              <th>{t.status}</th>
              <th>{ta.rosterAttendance}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.length === 0 && <EmptyRow columns={7} />}
            {props.rows.map((r, i) => (
              <tr>
                <td>{i + 1}</td>
                <td>{r.realName ?? r.name}</td>
                <td>{r.volunteerNumber ?? '—'}</td>
                <td>{r.mobile ?? '—'}</td>
                <td>{r.idCard ?? '—'}</td>
                <td>
                  <StatusLabel status={r.status} />
                  {r.status === 'pending' && (
                    <form method="post" action={path(`/activities/${a.id}/signups/${r.userId}`)} class="actions">
                      <button type="submit" name="decision" value="approve" aria-label={`${t.approve}: ${r.realName ?? r.name}`}>{t.approve}</button>
                      <button type="submit" name="decision" value="reject" class="secondary" aria-label={`${t.reject}: ${r.realName ?? r.name}`}>{t.reject}</button>
                    </form>
                  )}
                </td>
                <td>
                  {r.status === 'confirmed' && (
                    <RosterAttendance activity={a} userId={r.userId} name={r.realName ?? r.name} record={r.attendance} markable={props.checkinOpen} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export type ActivityFormProps = { project: Project; values: FormValues; errors: FieldErrors };

export function ActivityFormPage({ project, values, errors }: ActivityFormProps) {
  const t = useMessages(activityMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.newTitle}</h1>
      <p class="muted">{t.newIntro(project.name)}</p>
      <FormErrorSummary show={Object.keys(errors).length > 0} />
      <form method="post" action={path(`/projects/${project.id}/activities`)} class="stack">
        <Field name="title" label={t.title} value={str(values.title)} error={errors.title} required maxlength={100} />
        <Field name="starts_at" label={t.startsAt} type="datetime-local" value={str(values.starts_at)} error={errors.starts_at} required />
        <Field name="ends_at" label={t.endsAt} type="datetime-local" value={str(values.ends_at)} error={errors.ends_at} required />
        <Field name="place" label={t.place} value={str(values.place)} error={errors.place} required />
        <Field name="capacity" label={t.capacity} type="number" inputmode="numeric" min={1} max={10000} value={str(values.capacity)} error={errors.capacity} required />
        <div class="field">
          <label for="f-requires_approval">
            <input id="f-requires_approval" type="checkbox" name="requires_approval" value="yes" checked={values.requires_approval === 'yes'} /> {t.requiresApproval}
          </label>
        </div>
        <p><button type="submit">{t.create}</button></p>
      </form>
    </section>
  );
}
