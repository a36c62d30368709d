import { raw } from 'hono/html';
import { Duration, durationHtml } from '../../../../views/components/duration.tsx';
import { Pagination } from '../../../../views/components/pagination.tsx';
import { Table } from '../../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { escapeHtml } from '../../../../views/escape.ts';
import { attendanceMessages } from '../../attendance/messages.ts';
import { formatDate } from '../../../i18n/format.ts';
import { recordMessages } from '../messages.ts';
import type { HoursSummary, OwnRecordRow } from '../service.ts';
import { hasOpenDispute } from '../service.ts';
import type { ServiceRecordStatus } from '../schema.ts';
import type { ReceivedRecord } from '../../exchange/received.ts';
import { claimedWasHtml, recordStatusHtml, serviceNameHtml, statusLabel } from './record-labels.tsx';

export type HoursPageProps = {
  hasProfile: boolean;
  summary: HoursSummary;
  rows: OwnRecordRow[];
  total: number;
  page: number;
  pageSize: number;
  received: ReceivedRecord[];
};

const STATUSES: ServiceRecordStatus[] = ['pending', 'verified', 'rejected', 'revoked', 'open'];

/** A volunteer's own hours: the verified total, records by state, and each record with its reasons. */
export function HoursPage(props: HoursPageProps) {
  const t = useMessages(recordMessages);
  const { path } = usePage();
  return (
    <>
      <h1>{t.hoursTitle}</h1>
      {!props.hasProfile && (
        <p class="flash flash-info">
          {t.noProfile} <a href={path('/volunteer/profile')}>{t.completeProfile}</a>
        </p>
      )}
      <section class="card">
        <h2>{t.verifiedTotal}</h2>
        <p class="total"><strong><Duration minutes={props.summary.verifiedMinutes} /></strong></p>
        <p class="muted">{t.totalHint}</p>
        <dl class="facts" aria-label={t.countsTitle}>
          {STATUSES.map((s) => (
            <>
              <dt>{statusLabel(t, s)}</dt>
              <dd>{props.summary.counts[s]}</dd>
            </>
          ))}
        </dl>
        <p class="actions">
          <a class="button" href={path('/volunteer/certificates')}>{t.certificates}</a>
          <a class="button secondary" href={path('/volunteer/record')}>{t.wholeRecord}</a>
          <a class="button secondary" href={path('/projects')}>{t.findProject}</a>
          <a class="button secondary" href={path('/volunteer/export')}>{t.exportOwn}</a>
          <a class="button secondary" href={path('/volunteer/transfer')}>{t.transfer}</a>
        </p>
        <p class="muted">{t.claimHint}</p>
      </section>
      <h2>{t.myRecords}</h2>
      <Table columns={[t.date, t.projectActivity, t.duration, t.status, t.details]} rows={props.rows} cells={useOwnCells()} />
      <Pagination page={props.page} total={props.total} pageSize={props.pageSize} href={(p) => path(`/volunteer/hours?page=${p}`)} />
      {props.received.length > 0 && <ReceivedTable rows={props.received} />}
    </>
  );
}

/** Records brought in from elsewhere, each with its origin: who recorded it, the organisation, the original record number. */
function ReceivedTable({ rows }: { rows: ReceivedRecord[] }) {
  const t = useMessages(recordMessages);
  const { locale } = usePage();
  return (
    <>
      <h2>{t.received}</h2>
      <Table
        columns={[t.date, t.projectActivity, t.duration, t.recordedBy, t.sourceId]}
        rows={rows}
        cells={(r) => [
          r.startedAt.slice(0, 10),
          raw(`${serviceNameHtml(r.project, r.activity || null)}<div class="muted">${escapeHtml(r.organisation)}</div>`),
          raw(durationHtml(r.minutes, locale)),
          r.recordedBy,
          raw(`<span class="code">${escapeHtml(r.sourceId)}</span>`),
        ]}
      />
    </>
  );
}

/**
 * A record's cells as finished HTML, each a plain string put together here (no html template a cell): each row is
 * then one string (views/components/table.tsx), and the page shows twenty of them (bench/README.md, sessions 14-15).
 */
function useOwnCells() {
  const t = useMessages(recordMessages);
  const a = useMessages(attendanceMessages);
  const { locale, path } = usePage();
  const reason = (label: string, text: string) => `<div class="pre-line"><span class="muted">${escapeHtml(label)}</span> ${escapeHtml(text)}</div>`;
  const open = escapeHtml(t.open);
  return (r: OwnRecordRow) => [
    formatDate(r.startedAt, locale),
    raw(`${serviceNameHtml(r.projectName, r.activityTitle)}<div class="muted">${escapeHtml(r.organisationName)}</div>`),
    raw(durationHtml(r.minutes, locale) + (r.claimedMinutes === null ? '' : claimedWasHtml(t, a, r.claimedMinutes, locale))),
    raw(
      recordStatusHtml(t, r.status, hasOpenDispute(r)) +
        (r.status === 'rejected' && r.rejectionReason ? reason(t.rejectionReason, r.rejectionReason) : '') +
        (r.status === 'revoked' && r.revocationReason ? reason(t.revocationReason, r.revocationReason) : ''),
    ),
    raw(`<a href="${escapeHtml(path(`/records/${r.id}`))}">${open}</a>`),
  ];
}
