import { Duration } from '../../../../views/components/duration.tsx';
import { Pagination } from '../../../../views/components/pagination.tsx';
import { RowNoticeText, Table, TableRow, type Column, type RowNotice } from '../../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDate } from '../../../i18n/format.ts';
import type { Organisation } from '../../organisations/service.ts';
import { recordMessages, type RecordMessages } from '../messages.ts';
import type { QueueRow, QueueTab } from '../service.ts';
import { QUEUE_TABS } from '../service.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import { ClaimedWas, RecordStatusBadge, ServiceName, SourceLabel } from './record-labels.tsx';
import { str } from '../../shared/views/inputs.tsx';

const tabLabel = (t: RecordMessages, tab: QueueTab) =>
  ({ pending: t.tabPending, verified: t.tabVerified, rejected: t.tabRejected, revoked: t.tabRevoked, disputed: t.tabDisputed })[tab];

export type QueuePageProps = {
  organisation: Organisation;
  tab: QueueTab;
  page: number;
  pageSize: number;
  rows: QueueRow[];
  counts: Record<QueueTab, number>;
  total: number;
  canVerify: boolean;
};

/**
 * An organisation's service records by status. Pending rows can be ticked and
 * verified together; "all on this page" needs no script: its button sends the page's ids.
 */
export function QueuePage(props: QueuePageProps) {
  const t = useMessages(recordMessages);
  const { path } = usePage();
  const o = props.organisation;
  const base = `/organisations/${o.id}/records`;
  const selectable = props.canVerify && props.tab === 'pending';
  const pending = props.rows.filter((r) => r.status === 'pending');
  return (
    <>
      <p><a href={path(`/organisations/${o.id}`)}>{o.name}</a></p>
      <h1>{t.queueTitle(o.name)}</h1>
      <p class="muted">{t.queueIntro} <a href={path(`/organisations/${o.id}/export`)}>{t.exportRecords}</a></p>
      {!props.canVerify && <p class="flash flash-info">{t.queueReadOnly}</p>}
      <nav class="actions" aria-label={t.status}>
        {QUEUE_TABS.map((tab) => (
          <a class={tab === props.tab ? 'button' : 'button secondary'} aria-current={tab === props.tab ? 'page' : undefined} href={path(`${base}?status=${tab}`)}>
            {tabLabel(t, tab)} ({props.counts[tab]})
          </a>
        ))}
      </nav>
      <Table columns={useQueueColumns(selectable)} empty={props.rows.length === 0}>
        {props.rows.map((r) => (
          <QueueRowView row={r} selectable={selectable} canVerify={props.canVerify} />
        ))}
      </Table>
      {/* The ticked boxes belong to this form by their form attribute: each row also has forms of its own, and forms cannot nest. */}
      <form method="post" action={path(`${base}/verify`)} id="queue-verify">
        <input type="hidden" name="status" value={props.tab} />
        <input type="hidden" name="page" value={String(props.page)} />
        {selectable && pending.length > 0 && (
          <>
            {pending.map((r) => (
              <input type="hidden" name="page_id" value={r.id} />
            ))}
            <p class="actions">
              <button type="submit">{t.verifySelected}</button>
              <button type="submit" name="all_on_page" value="1" class="secondary">{t.verifyAllOnPage}</button>
            </p>
          </>
        )}
      </form>
      <Pagination page={props.page} total={props.total} pageSize={props.pageSize} href={(p) => path(`${base}?status=${props.tab}&page=${p}`)} />
    </>
  );
}

function useQueueColumns(selectable: boolean): Column[] {
  const t = useMessages(recordMessages);
  return [...(selectable ? [t.select] : []), t.volunteer, t.projectActivity, t.date, t.duration, t.source, t.status];
}

/** What came back from a reject in a row: the reason as typed and the message beside it. */
export type RowForm = { values: FormValues; errors: FieldErrors };

export type QueueRowProps = { row: QueueRow; selectable: boolean; canVerify: boolean; notice?: RowNotice; rejectForm?: RowForm };

/** One record of the queue; verify and reject in the row swap just the row (htmx); without script they post to the record and land on its page. */
export function QueueRowView({ row: r, selectable, canVerify, notice, rejectForm }: QueueRowProps) {
  const t = useMessages(recordMessages);
  const { c, locale, path } = usePage();
  // Nobody verifies their own hours (the record page refuses it too).
  const mayAct = canVerify && r.status === 'pending' && r.volunteerUserId !== c.get('user')?.id;
  const swap = { 'hx-target': 'closest tr', 'hx-swap': 'outerHTML' };
  const verify = path(`/records/${r.id}/verify`);
  const reject = path(`/records/${r.id}/reject`);
  const error = rejectForm?.errors.rejection_reason;
  const reasonId = `f-rejection_reason-${r.id}`;
  return (
    <TableRow
      columns={useQueueColumns(selectable)}
      id={`record-${r.id}`}
      cells={[
        ...(selectable ? [r.status === 'pending' && <input type="checkbox" name="record_id" value={r.id} form="queue-verify" aria-label={t.selectRecord(r.volunteerName)} />] : []),
        <>
          <a href={path(`/records/${r.id}`)}>{r.volunteerName}</a>
          {r.volunteerNumber && <div class="muted">{r.volunteerNumber}</div>}
        </>,
        <ServiceName projectName={r.projectName} activityTitle={r.activityTitle} />,
        formatDate(r.startedAt, locale),
        <>
          <Duration minutes={r.minutes} />
          {r.claimedMinutes !== null && <ClaimedWas minutes={r.claimedMinutes} />}
        </>,
        <SourceLabel source={r.source} />,
        <>
          <RecordStatusBadge status={r.status} disputed={r.disputed} />
          <RowNoticeText notice={notice} />
          {mayAct && (
            <div class="row-actions">
              <form method="post" action={verify} hx-post={verify} {...swap}>
                <button type="submit" aria-label={`${t.verify}: ${r.volunteerName}`}>{t.verify}</button>
              </form>
              <details open={rejectForm !== undefined}>
                <summary>{t.reject}</summary>
                <form method="post" action={reject} hx-post={reject} {...swap} class="stack">
                  <div class={error ? 'field has-error' : 'field'}>
                    <label for={reasonId}>{t.reason}</label>
                    <textarea id={reasonId} name="rejection_reason" rows={2} maxlength={500} required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${reasonId}-error` : undefined}>
                      {str(rejectForm?.values.rejection_reason)}
                    </textarea>
                    {error && <small id={`${reasonId}-error`} class="error">{error}</small>}
                  </div>
                  <button type="submit" class="secondary" aria-label={`${t.reject}: ${r.volunteerName}`}>{t.reject}</button>
                </form>
              </details>
            </div>
          )}
        </>,
      ]}
    />
  );
}
