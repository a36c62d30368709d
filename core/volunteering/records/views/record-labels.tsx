import { Duration } from '../../../../views/components/duration.tsx';
import { useMessages } from '../../../../views/context.ts';
import { attendanceMessages } from '../../attendance/messages.ts';
import { recordMessages, type RecordMessages } from '../messages.ts';
import type { ServiceRecordSource, ServiceRecordStatus } from '../schema.ts';

/** Small labels every record page shares. */
export const statusLabel = (t: RecordMessages, status: ServiceRecordStatus) =>
  ({ open: t.statusOpen, pending: t.statusPending, verified: t.statusVerified, rejected: t.statusRejected, revoked: t.statusRevoked })[status];

export function RecordStatusBadge({ status, disputed }: { status: ServiceRecordStatus; disputed?: boolean }) {
  const t = useMessages(recordMessages);
  return (
    <>
      <span class={status === 'verified' ? 'badge' : 'badge off'}>{statusLabel(t, status)}</span>
      {disputed && <> <span class="badge off">{t.disputeOpen}</span></>}
    </>
  );
}

export function SourceLabel({ source }: { source: ServiceRecordSource }) {
  const t = useMessages(recordMessages);
  return <>{{ checkin: t.sourceCheckin, claim: t.sourceClaim, organiser: t.sourceOrganiser, plugin: t.sourcePlugin }[source]}</>;
}

/** "Project · activity" as a record names its service. */
export function ServiceName(props: { projectName: string; activityTitle: string | null }) {
  return (
    <>
      {props.projectName}
      {props.activityTitle && <span class="muted"> · {props.activityTitle}</span>}
    </>
  );
}

/** A record's minutes; zero means the volunteer checked out right after checking in, which is no claim of "0 min". */
export function RecordedDuration({ minutes }: { minutes: number }) {
  const t = useMessages(attendanceMessages);
  return minutes === 0 ? <>{t.noTimeRecorded}</> : <Duration minutes={minutes} />;
}

/** The duration a record held before the organiser corrected it. */
export function ClaimedWas({ minutes }: { minutes: number }) {
  const t = useMessages(recordMessages);
  return <div class="muted">{minutes === 0 ? <RecordedDuration minutes={0} /> : <>{t.claimedWas} <Duration minutes={minutes} /></>}</div>;
}
