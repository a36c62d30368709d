import { raw } from 'hono/html';
import type { Locale } from '../../../i18n/messages.ts';
import { durationHtml } from '../../../../views/components/duration.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { escapeHtml } from '../../../../views/escape.ts';
import { attendanceMessages, type AttendanceMessages } from '../../attendance/messages.ts';
import { recordMessages, type RecordMessages } from '../messages.ts';
import type { ServiceRecordSource, ServiceRecordStatus } from '../schema.ts';

/** Small labels every record page shares. */
export const statusLabel = (t: RecordMessages, status: ServiceRecordStatus) =>
  ({ open: t.statusOpen, pending: t.statusPending, verified: t.statusVerified, rejected: t.statusRejected, revoked: t.statusRevoked })[status];

// The labels a list shows on every row are plain strings of HTML (the `…Html` functions): a page calls them for its
// cells and each row is then one string (views/components/table.tsx). In JSX the components wrap them.

export function RecordStatusBadge({ status, disputed }: { status: ServiceRecordStatus; disputed?: boolean }) {
  return raw(recordStatusHtml(useMessages(recordMessages), status, disputed));
}

export function recordStatusHtml(t: RecordMessages, status: ServiceRecordStatus, disputed?: boolean): string {
  const badge = `<span class="${status === 'verified' ? 'badge' : 'badge off'}">${escapeHtml(statusLabel(t, status))}</span>`;
  return disputed ? `${badge} <span class="badge off">${escapeHtml(t.disputeOpen)}</span>` : badge;
}

export function SourceLabel({ source }: { source: ServiceRecordSource }) {
  const t = useMessages(recordMessages);
  return <>{{ checkin: t.sourceCheckin, claim: t.sourceClaim, organiser: t.sourceOrganiser, plugin: t.sourcePlugin }[source]}</>;
}

/** "Project · activity" as a record names its service. */
export function ServiceName(props: { projectName: string; activityTitle: string | null }) {
  return raw(serviceNameHtml(props.projectName, props.activityTitle));
}

export function serviceNameHtml(projectName: string, activityTitle: string | null): string {
  return activityTitle ? `${escapeHtml(projectName)}<span class="muted"> · ${escapeHtml(activityTitle)}</span>` : escapeHtml(projectName);
}

/** A record's minutes; zero means the volunteer checked out right after checking in, which is no claim of "0 min". */
export function RecordedDuration({ minutes }: { minutes: number }) {
  return raw(recordedDurationHtml(useMessages(attendanceMessages), minutes, usePage().locale));
}

export function recordedDurationHtml(a: AttendanceMessages, minutes: number, locale: Locale): string {
  return minutes === 0 ? escapeHtml(a.noTimeRecorded) : durationHtml(minutes, locale);
}

/** The duration a record held before the organiser corrected it. */
export function ClaimedWas({ minutes }: { minutes: number }) {
  return raw(claimedWasHtml(useMessages(recordMessages), useMessages(attendanceMessages), minutes, usePage().locale));
}

export function claimedWasHtml(t: RecordMessages, a: AttendanceMessages, minutes: number, locale: Locale): string {
  return `<div class="muted">${minutes === 0 ? recordedDurationHtml(a, 0, locale) : `${escapeHtml(t.claimedWas)} ${durationHtml(minutes, locale)}`}</div>`;
}
