import { Duration } from '../../../../views/components/duration.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import { attendanceMessages } from '../messages.ts';
import type { Attendance } from '../service.ts';
import type { ServiceRecordStatus } from '../../records/schema.ts';
import { toLocalDateTimeInput } from '../../shared/time.ts';

/** Pieces of attendance shown on the activity page and the organiser's roster. */

export function RecordStatusLabel({ status }: { status: ServiceRecordStatus }) {
  const t = useMessages(attendanceMessages);
  const labels = { open: t.statusOpen, pending: t.statusPending, verified: t.statusVerified, rejected: t.statusRejected, revoked: t.statusRevoked };
  return <span class={status === 'verified' || status === 'open' ? 'badge' : 'badge off'}>{labels[status]}</span>;
}

/** A live record in one line or two: when in and out, how long, and where it stands. */
export function AttendanceSummary({ record }: { record: Attendance }) {
  const t = useMessages(attendanceMessages);
  const { locale } = usePage();
  return (
    <p class="attendance">
      <span>{t.inAt(formatDateTime(record.startedAt, locale))}</span>
      {record.endedAt && <span> · {t.outAt(formatDateTime(record.endedAt, locale))}</span>}
      {record.endedAt && <span> · {record.minutes === 0 ? t.noTimeRecorded : <>{t.duration} <Duration minutes={record.minutes} /></>}</span>}
      {' '}<RecordStatusLabel status={record.status} />
    </p>
  );
}

/** On the activity page: the volunteer's own record, or the way to claim hours after the activity. */
export function MyAttendance(props: { activityId: string; record: Attendance | null; canClaim: boolean }) {
  const t = useMessages(attendanceMessages);
  const { path } = usePage();
  if (!props.record && !props.canClaim) return null;
  return (
    <section class="card" id="attendance">
      <h2>{t.yourAttendance}</h2>
      {props.record && <AttendanceSummary record={props.record} />}
      {props.canClaim && (
        <>
          <p class="muted">{t.claimIntro}</p>
          <p><a class="button" href={path(`/activities/${props.activityId}/claim`)}>{t.claim}</a></p>
        </>
      )}
    </section>
  );
}

export type RosterAttendanceProps = {
  activity: { id: string; startsAt: Date; endsAt: Date };
  userId: string;
  name: string;
  record: Attendance | null;
  /** Check-in is open now: the organiser may mark in and out with the current time. */
  markable: boolean;
};

/** The organiser's controls for one confirmed volunteer: check in or out now, or record times by hand. */
export function RosterAttendance(props: RosterAttendanceProps) {
  const t = useMessages(attendanceMessages);
  const { path } = usePage();
  const base = `/activities/${props.activity.id}/attendance/${props.userId}`;
  const r = props.record;
  const canRecord = !r || r.status === 'open';
  return (
    <div>
      {r ? <AttendanceSummary record={r} /> : <p class="muted">{t.notCheckedIn}</p>}
      {props.markable && canRecord && (
        <form method="post" action={path(base)} hx-post={path(base)} hx-target="closest tr" hx-swap="outerHTML" class="actions">
          {r ? (
            <button type="submit" name="move" value="out" aria-label={t.markOutFor(props.name)}>{t.markOut}</button>
          ) : (
            <button type="submit" name="move" value="in" aria-label={t.markInFor(props.name)}>{t.markIn}</button>
          )}
        </form>
      )}
      {canRecord && (
        <details>
          <summary>{t.recordByHand}</summary>
          <form method="post" action={path(`${base}/record`)} class="stack" aria-label={t.recordFor(props.name)}>
            <label>
              {t.startedAt}
              <input type="datetime-local" name="started_at" value={toLocalDateTimeInput(r?.startedAt ?? props.activity.startsAt)} required />
            </label>
            <label>
              {t.endedAt}
              <input type="datetime-local" name="ended_at" value={toLocalDateTimeInput(props.activity.endsAt)} required />
            </label>
            <button type="submit" class="secondary">{t.save}</button>
          </form>
        </details>
      )}
    </div>
  );
}
