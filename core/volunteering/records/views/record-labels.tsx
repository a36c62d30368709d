import { html } from 'hono/html';
import { Duration } from '../../../../views/components/duration.tsx';
import { useMessages } from '../../../../views/context.ts';
import { attendanceMessages } from '../../attendance/messages.ts';
import { recordMessages, type RecordMessages } from '../messages.ts';
import type { ServiceRecordSource, ServiceRecordStatus } from '../schema.ts';

/** Small labels every record page shares. */
export const statusLabel = (t: RecordMessages, status: ServiceRecordStatus) =>
  ({ open: t.statusOpen, pending: t.statusPending, verified: t.statusVerified, rejected: t.statusRejected, revoked: t.statusRevoked })[status];

// The labels a list shows on every row are html templates, not JSX: a page may call them for its cells and get
// finished HTML (views/components/table.tsx); in JSX they are used as any component.

export function RecordStatusBadge({ status, disputed }: { status: ServiceRecordStatus; disputed?: boolean }) {
  const t = useMessages(recordMessages);
  const badge = html`<span class="${status === 'verified' ? 'badge' : 'badge off'}">${statusLabel(t, status)}</span>`;
  return disputed ? html`${badge} <span class="badge off">${t.disputeOpen}</span>` : badge;
}

export function SourceLabel({ source }: { source: ServiceRecordSource }) {
  const t = useMessages(recordMessages);
  return <>{{ checkin: t.sourceCheckin, claim: t.sourceClaim, organiser: t.sourceOrganiser, plugin: t.sourcePlugin }[source]}</>;
}

/** "Project · activity" as a record names its service. */
export function ServiceName(props: { projectName: string; activityTitle: string | null }) {
  return props.activityTitle ? html`${props.projectName}<span class="muted"> · ${props.activityTitle}</span>` : html`${props.projectName}`;
}

/** A record's minutes; zero means the volunteer checked out right after checking in, which is no claim of "0 min". */
export function RecordedDuration({ minutes }: { minutes: number }) {
  const t = useMessages(attendanceMessages);
  return minutes === 0 ? html`${t.noTimeRecorded}` : Duration({ minutes });
}

/** The duration a record held before the organiser corrected it. */
export function ClaimedWas({ minutes }: { minutes: number }) {
  const t = useMessages(recordMessages);
  return html`<div class="muted">${minutes === 0 ? RecordedDuration({ minutes: 0 }) : html`${t.claimedWas} ${Duration({ minutes })}`}</div>`;
}
