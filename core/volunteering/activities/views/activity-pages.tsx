import { insuranceMessages } from '../../insurance/messages.ts';
import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { RowNoticeText, Table, TableRow, type Column, type RowNotice } from '../../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { POLL_WHILE_VISIBLE_PATH } from '../../../../views/static.ts';
import type { CurrentUser } from '../../../http/env.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import type { Activity } from '../service.ts';
import { activityMessages } from '../messages.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import type { Project } from '../../projects/service.ts';
import type { SignupStatus } from '../schema.ts';
import type { Attendance } from '../../attendance/service.ts';
import { attendanceMessages } from '../../attendance/messages.ts';
import { MyAttendance, RosterAttendance, type RosterAttendanceProps } from '../../attendance/views/attendance-parts.tsx';
import { str } from '../../shared/views/inputs.tsx';

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

/** Places taken of the capacity; a sign-up swapped in by htmx replaces it too (by id). */
export function Places(props: { activity: Activity; confirmed: number; waitlisted: number }) {
  const t = useMessages(activityMessages);
  return (
    <p id="places">
      {t.places(props.confirmed, props.activity.capacity)}
      {props.waitlisted > 0 && <span class="muted"> · {t.waitlistCount(props.waitlisted)}</span>}
    </p>
  );
}

export type SignupSectionProps = Pick<ActivityPageProps, 'activity' | 'user' | 'mine' | 'open'> & { notice?: RowNotice };

/** The viewer's sign-up with its one action; htmx swaps just this section, without script the form posts and the page comes back. */
export function SignupSection(props: SignupSectionProps) {
  const t = useMessages(activityMessages);
  const { path } = usePage();
  const here = `/activities/${props.activity.id}`;
  const active = props.mine && ['pending', 'confirmed', 'waitlisted'].includes(props.mine.status);
  const swap = { 'hx-target': 'closest section', 'hx-swap': 'outerHTML' };
  return (
    <section class="card" id="signup">
      <RowNoticeText notice={props.notice} />
      {props.mine?.status === 'pending' && <p>{t.youArePending}</p>}
      {props.mine?.status === 'confirmed' && <p>{t.youAreConfirmed}</p>}
      {props.mine?.status === 'waitlisted' && <p>{t.youAreWaitlisted(props.mine.waitlistPosition)}</p>}
      {props.mine?.status === 'rejected' && <p>{t.youAreRejected}</p>}
      {active && props.open && (
        <form method="post" action={path(`${here}/cancel`)} hx-post={path(`${here}/cancel`)} {...swap}><button type="submit" class="secondary">{t.cancel}</button></form>
      )}
      {!active && props.mine?.status !== 'rejected' && props.open && props.user && (
        <form method="post" action={path(`${here}/signup`)} hx-post={path(`${here}/signup`)} {...swap}><button type="submit">{t.signUp}</button></form>
      )}
      {!props.open && <p class="muted">{t.signupsClosed}</p>}
      {props.open && !props.user && (
        <p><a class="button" href={path(`/sign-in?next=${encodeURIComponent(here)}`)}>{t.signInToSignUp}</a></p>
      )}
    </section>
  );
}

/** One activity: when and where, places left, and the viewer's sign-up with its one action. */
export function ActivityPage(props: ActivityPageProps) {
  const t = useMessages(activityMessages);
  const ta = useMessages(attendanceMessages);
  const { path } = usePage();
  const a = props.activity;
  const here = `/activities/${a.id}`;
  return (
    <>
      <h1>{a.title}</h1>
      <section class="card">
        <ActivityFacts {...props} />
        <Places activity={a} confirmed={props.confirmed} waitlisted={props.waitlisted} />
        {a.requiresApproval && <p class="muted">{t.approvalNeeded}</p>}
      </section>
      <SignupSection {...props} />
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

export type RosterProps = { activity: RosterAttendanceProps['activity']; rows: RosterRow[]; checkinOpen: boolean };

/** The columns of the roster, for the table and for a row swapped alone. */
function useRosterColumns(): Column[] {
  const t = useMessages(activityMessages);
  const ta = useMessages(attendanceMessages);
  return [t.order, t.volunteer, t.volunteerNumber, t.mobile, t.idCard, t.status, ta.rosterAttendance];
}

/** One volunteer on the roster: approve or reject a pending sign-up, check a confirmed one in and out; htmx swaps just this row. */
export function RosterRowView(props: { activity: RosterAttendanceProps['activity']; row: RosterRow; position: number; checkinOpen: boolean; notice?: RowNotice }) {
  const t = useMessages(activityMessages);
  const { path } = usePage();
  const r = props.row;
  const name = r.realName ?? r.name;
  const decide = path(`/activities/${props.activity.id}/signups/${r.userId}`);
  return (
    <TableRow
      columns={useRosterColumns()}
      id={`roster-${r.userId}`}
      cells={[
        props.position,
        name,
        r.volunteerNumber ?? '—',
        r.mobile ?? '—',
        r.idCard ?? '—',
        <>
          <StatusLabel status={r.status} />
          {r.status === 'pending' && (
            <form method="post" action={decide} hx-post={decide} hx-target="closest tr" hx-swap="outerHTML" class="actions">
              <button type="submit" name="decision" value="approve" aria-label={`${t.approve}: ${name}`}>{t.approve}</button>
              <button type="submit" name="decision" value="reject" class="secondary" aria-label={`${t.reject}: ${name}`}>{t.reject}</button>
            </form>
          )}
        </>,
        <>
          {r.status === 'confirmed' && <RosterAttendance activity={props.activity} userId={r.userId} name={name} record={r.attendance} markable={props.checkinOpen} />}
          <RowNoticeText notice={props.notice} />
        </>,
      ]}
    />
  );
}

/**
 * The roster in queue order. It follows the scans by itself: htmx asks for it
 * again every few seconds while the page is in view and nobody is typing in it
 * (views/poll-while-visible.js); without script a reload shows the same.
 */
export function Roster(props: RosterProps) {
  const t = useMessages(activityMessages);
  const { path } = usePage();
  return (
    <section id="roster" hx-get={path(`/activities/${props.activity.id}/manage`)} hx-trigger="every 6s" hx-swap="outerHTML" data-poll-while-visible="">
      <h2>{t.roster}</h2>
      <Table columns={useRosterColumns()} empty={props.rows.length === 0}>
        {props.rows.map((r, i) => (
          <RosterRowView activity={props.activity} row={r} position={i + 1} checkinOpen={props.checkinOpen} />
        ))}
      </Table>
    </section>
  );
}

/** The organiser's view: the activity, its check-in code and the roster. */
export function ManagePage(props: ActivityHeaderProps & { rows: RosterRow[]; confirmed: number; checkinOpen: boolean }) {
  const t = useMessages(activityMessages);
  const ta = useMessages(attendanceMessages);
  const ti = useMessages(insuranceMessages);
  const { path, nonce } = usePage();
  const a = props.activity;
  return (
    <>
      <p><a href={path(`/activities/${a.id}`)}>{t.backToActivity}</a></p>
      <h1>{t.manageTitle(a.title)}</h1>
      <section class="card">
        <ActivityFacts {...props} />
        <p>{t.places(props.confirmed, a.capacity)}</p>
        <p class="actions">
          <a class="button" href={path(`/activities/${a.id}/checkin`)}>{ta.showCode}</a>
          <a class="button secondary" href={path(`/activities/${a.id}/insurance`)}>{ti.requirement}</a>
        </p>
      </section>
      <Roster activity={a} rows={props.rows} checkinOpen={props.checkinOpen} />
      <script src={POLL_WHILE_VISIBLE_PATH} defer nonce={nonce}></script>
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
