import { Duration } from '../../../views/components/duration.tsx';
import { EmptyRow, Pagination } from '../../../views/components/pagination.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import { formatDate } from '../../i18n/format.ts';
import type { Organisation } from '../organisations.ts';
import { recordMessages, type RecordMessages } from '../record-messages.ts';
import type { QueueRow, QueueTab } from '../records.ts';
import { QUEUE_TABS } from '../records.ts';
import { ClaimedWas, RecordStatusBadge, ServiceName, SourceLabel } from './record-labels.tsx';

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
      <form method="post" action={path(`${base}/verify`)}>
        <input type="hidden" name="status" value={props.tab} />
        <input type="hidden" name="page" value={String(props.page)} />
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                {selectable && <th>{t.select}</th>}
                <th>{t.volunteer}</th>
                <th>{t.projectActivity}</th>
                <th>{t.date}</th>
                <th>{t.duration}</th>
                <th>{t.source}</th>
                <th>{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.length === 0 && <EmptyRow columns={selectable ? 7 : 6} />}
              {props.rows.map((r) => (
                <QueueRowView row={r} selectable={selectable} />
              ))}
            </tbody>
          </table>
        </div>
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

function QueueRowView({ row: r, selectable }: { row: QueueRow; selectable: boolean }) {
  const t = useMessages(recordMessages);
  const { locale, path } = usePage();
  return (
    <tr>
      {selectable && (
        <td>
          <input type="checkbox" name="record_id" value={r.id} aria-label={t.selectRecord(r.volunteerName)} />
        </td>
      )}
      <td>
        <a href={path(`/records/${r.id}`)}>{r.volunteerName}</a>
        {r.volunteerNumber && <div class="muted">{r.volunteerNumber}</div>}
      </td>
      <td><ServiceName projectName={r.projectName} activityTitle={r.activityTitle} /></td>
      <td>{formatDate(r.startedAt, locale)}</td>
      <td>
        <Duration minutes={r.minutes} />
        {r.claimedMinutes !== null && <ClaimedWas minutes={r.claimedMinutes} />}
      </td>
      <td><SourceLabel source={r.source} /></td>
      <td><RecordStatusBadge status={r.status} disputed={r.disputed} /></td>
    </tr>
  );
}
