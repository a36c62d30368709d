import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import type { Activity } from '../../activities/service.ts';
import { attendanceMessages } from '../messages.ts';
import type { Attendance } from '../service.ts';
import { CODE_WINDOW_MS, type CheckinWindow } from '../checkin-code.ts';
import { AttendanceSummary } from './attendance-parts.tsx';

/** The organiser's phone shows the rotating QR code; volunteers scan it and press one button. */

function When({ activity }: { activity: Activity }) {
  const { locale } = usePage();
  return (
    <p class="muted">
      {formatDateTime(activity.startsAt, locale)} – {formatDateTime(activity.endsAt, locale)} · {activity.place}
    </p>
  );
}

export type QrState = {
  activityId: string;
  window: CheckinWindow;
  /** The QR code as SVG markup, made by the qrcode library from `scanUrl`; only while open. */
  svg: string | null;
  scanUrl: string | null;
  opensAt: Date;
  closesAt: Date;
  checkedIn: number;
  checkedOut: number;
};

/** The part htmx swaps every 20 seconds; without JavaScript the refresh link reloads the page. Stops polling once closed. */
export function QrBlock(props: QrState) {
  const t = useMessages(attendanceMessages);
  const { locale, path } = usePage();
  const poll = props.window !== 'closed'
    ? { 'hx-get': path(`/activities/${props.activityId}/checkin/qr`), 'hx-trigger': 'every 20s', 'hx-swap': 'outerHTML' }
    : {};
  return (
    <div id="checkin-qr" class="card" {...poll}>
      {props.window === 'open' && props.svg && (
        <>
          <div class="checkin-qr" role="img" aria-label={t.qrLabel} dangerouslySetInnerHTML={{ __html: props.svg }} />
          <p class="muted">
            {t.scanLink}: <code class="scan-url">{props.scanUrl}</code>
          </p>
        </>
      )}
      {props.window === 'early' && <p>{t.notYetOpen(formatDateTime(props.opensAt, locale))}</p>}
      {props.window === 'closed' && <p>{t.closed(formatDateTime(props.closesAt, locale))}</p>}
      <p><strong>{t.counts(props.checkedIn, props.checkedOut)}</strong></p>
      {props.window !== 'closed' && <p><a href={path(`/activities/${props.activityId}/checkin`)}>{t.refresh}</a></p>}
    </div>
  );
}

export function CheckinPage(props: { activity: Activity; qr: QrState }) {
  const t = useMessages(attendanceMessages);
  const { path } = usePage();
  return (
    <>
      {/* The code must fill a phone screen yet stay scannable on a desktop. */}
      <p><a href={path(`/activities/${props.activity.id}/manage`)}>{t.backToManage}</a></p>
      <h1>{t.checkinTitle(props.activity.title)}</h1>
      <When activity={props.activity} />
      <QrBlock {...props.qr} />
      {/* A code is accepted in its own window and the next one (codeMatches), so a copy lasts two windows at most. */}
      <p class="muted">{t.checkinHelp(CODE_WINDOW_MS / 1000, (2 * CODE_WINDOW_MS) / 1000)}</p>
    </>
  );
}

export type ScanState =
  | { kind: 'bad_code' }
  | { kind: 'not_confirmed' }
  | { kind: 'ready'; code: string; record: Attendance | null };

/** What the volunteer sees after scanning: one big button, or why there is none. */
export function ScanPage(props: { activity: Activity; state: ScanState }) {
  const t = useMessages(attendanceMessages);
  const { locale, path } = usePage();
  const a = props.activity;
  const s = props.state;
  const button = (move: 'in' | 'out', code: string) => (
    <form method="post" action={path(`/activities/${a.id}/scan`)}>
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="move" value={move} />
      <button type="submit" class="big">{move === 'in' ? t.checkIn : t.checkOut}</button>
    </form>
  );
  return (
    <>
      <h1>{t.scanTitle(a.title)}</h1>
      <When activity={a} />
      <section class="card">
        {s.kind === 'bad_code' && <p class="flash flash-error" role="alert">{t.badCode}</p>}
        {s.kind === 'not_confirmed' && <p class="flash flash-error" role="alert">{t.notConfirmed}</p>}
        {s.kind === 'ready' && !s.record && (
          <>
            <p>{t.readyToCheckIn}</p>
            {button('in', s.code)}
          </>
        )}
        {s.kind === 'ready' && s.record?.status === 'open' && (
          <>
            <p>{t.readyToCheckOut(formatDateTime(s.record.startedAt, locale))}</p>
            {button('out', s.code)}
          </>
        )}
        {s.kind === 'ready' && s.record && s.record.status !== 'open' && <AttendanceSummary record={s.record} />}
        <p><a href={path(`/activities/${a.id}`)}>{a.title}</a></p>
      </section>
    </>
  );
}
