import { useMessages } from '../../../views/context.ts';
import { recordMessages, type RecordMessages } from '../record-messages.ts';
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
  return <>{{ checkin: t.sourceCheckin, claim: t.sourceClaim, organiser: t.sourceOrganiser }[source]}</>;
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
