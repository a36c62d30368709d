import type { Child } from 'hono/jsx';
import { Duration } from '../../../../views/components/duration.tsx';
import { TableRow, type Column } from '../../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDate, formatDateTime } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/messages.ts';
import type { SpotCheckOutcome } from '../schema.ts';
import type { ServiceRecordStatus } from '../../records/schema.ts';
import { spotCheckMessages } from '../spot-check-messages.ts';
import type { SampleItem, SpotCheck, SpotCheckReport } from '../spot-checks.ts';
import { parseLocalDate } from '../../shared/time.ts';

/** Pieces shared by the spot check pages: the period, labels, one sampled row and the running tally. */

export function periodText(check: Pick<SpotCheck, 'periodFrom' | 'periodTo'>, locale: Locale): string {
  const day = (d: string) => formatDate(parseLocalDate(d)!, locale);
  return spotCheckMessages[locale].periodValue(day(check.periodFrom), day(check.periodTo));
}

export function RecordStatus({ status }: { status: ServiceRecordStatus }) {
  const t = useMessages(spotCheckMessages);
  const labels = { open: t.statusOpen, pending: t.statusPending, verified: t.statusVerified, rejected: t.statusRejected, revoked: t.statusRevoked };
  return <span class={status === 'verified' ? 'badge' : 'badge off'}>{labels[status]}</span>;
}

export function OutcomeLabel({ outcome }: { outcome: SpotCheckOutcome }) {
  const t = useMessages(spotCheckMessages);
  const labels = { unchecked: t.outcomeUnchecked, confirmed: t.outcomeConfirmed, problem: t.outcomeProblem };
  return <span class={outcome === 'confirmed' ? 'badge' : 'badge off'}>{labels[outcome]}</span>;
}

/** Volunteer, then where the service happened: the columns the sample table and the problem list share. */
export function useRecordColumns(): string[] {
  const t = useMessages(spotCheckMessages);
  return [t.volunteer, t.where, t.date, t.duration];
}

export function useRecordCells(item: SampleItem): Child[] {
  const { locale } = usePage();
  return [
    <>{item.volunteerName}<br /><small class="muted">{item.volunteerNumber ?? '—'}</small></>,
    <>{item.organisationName}<br /><small class="muted">{item.projectName}{item.activityTitle && ` · ${item.activityTitle}`}</small></>,
    formatDate(item.startedAt, locale),
    <Duration minutes={item.minutes} />,
  ];
}

export function useSampleColumns(): Column[] {
  const t = useMessages(spotCheckMessages);
  return [t.position, ...useRecordColumns(), t.recordStatus, t.check];
}

/** What a rejected mark sent back: the note as typed and the message shown beside it. */
export type FailedMark = { recordId: string; note: string; error: string };

/** One sampled record with its check form; htmx swaps just this row, without JavaScript the form posts and comes back to `#item-<position>`. */
export function SampleRow({ checkId, item, failed }: { checkId: string; item: SampleItem; failed?: FailedMark }) {
  const t = useMessages(spotCheckMessages);
  const { locale, path } = usePage();
  const action = path(`/admin/spot-checks/${checkId}/items/${item.recordId}`);
  const id = `f-note-${item.position}`;
  const error = failed?.recordId === item.recordId ? failed.error : undefined;
  const describedBy = [error ? `${id}-error` : '', `${id}-hint`].filter(Boolean).join(' ');
  return (
    <TableRow
      columns={useSampleColumns()}
      id={`item-${item.position}`}
      cells={[
        item.position,
        ...useRecordCells(item),
        <>
          <RecordStatus status={item.status} />
          {item.status === 'revoked' && <> <strong class="error">{t.revokedSince}</strong></>}
          <br /><a href={path(`/records/${item.recordId}`)} aria-label={`${t.viewRecord} ${item.position}`}>{t.viewRecord}</a>
        </>,
        <>
          <OutcomeLabel outcome={item.outcome} />
          {item.checkedAt && <small class="muted"> {t.checkedBy(item.checkerName ?? '', formatDateTime(item.checkedAt, locale))}</small>}
          <form method="post" action={action} hx-post={action} hx-target="closest tr" hx-swap="outerHTML" class="stack">
            <div class={error ? 'field has-error' : 'field'}>
              <label for={id}>{t.note}</label>
              <textarea id={id} name="note" rows={2} maxlength={500} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
                {failed?.recordId === item.recordId ? failed.note : item.note}
              </textarea>
              <small id={`${id}-hint`} class="hint">{t.noteHint}</small>
              {error && <small id={`${id}-error`} class="error">{error}</small>}
            </div>
            <div class="actions">
              <button type="submit" name="outcome" value="confirmed" aria-label={`${t.confirm} ${item.position}`}>{t.confirm}</button>
              <button type="submit" name="outcome" value="problem" class="secondary" aria-label={`${t.markProblem} ${item.position}`}>{t.markProblem}</button>
            </div>
          </form>
        </>,
      ]}
    />
  );
}

/** The running tally; htmx replaces it (by id) together with a marked row. */
export function ReportFacts({ report, sampleSize }: { report: SpotCheckReport; sampleSize: number }) {
  const t = useMessages(spotCheckMessages);
  const checked = report.confirmed + report.problems;
  return (
    <dl class="facts" id="spot-check-summary">
      <dt>{t.confirmedCount}</dt>
      <dd>{report.confirmed} / {sampleSize}</dd>
      <dt>{t.problemCount}</dt>
      <dd>{report.problems} / {sampleSize}</dd>
      <dt>{t.uncheckedCount}</dt>
      <dd>{report.unchecked} / {sampleSize}</dd>
      <dt>{t.problemRate}</dt>
      <dd>{report.problemRate === null ? t.problemRateNone : t.problemRateValue(report.problemRate, report.problems, checked)}</dd>
      <dt>{t.sampledMinutes}</dt>
      <dd>
        <Duration minutes={report.sampledMinutes} />
        {report.revokedSince > 0 && <span class="error"> · {t.revokedCount(report.revokedSince)}</span>}
      </dd>
    </dl>
  );
}
