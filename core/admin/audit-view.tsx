import { Table } from '../../views/components/table.tsx';
import { Pagination } from '../../views/components/pagination.tsx';
import { useMessages, usePage } from '../../views/context.ts';
import type { auditLog } from '../db/schema/audit.ts';
import { formatDateTime } from '../i18n/format.ts';
import { adminMessages } from './messages.ts';

type AuditRow = typeof auditLog.$inferSelect;

/** `role: example.helper` — the few facts an entry carries beyond its target. */
function detailText(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

/** This city's audit log, newest first. */
export function AuditLog(props: { rows: AuditRow[]; total: number; page: number; nameOf: (ref: string) => string }) {
  const t = useMessages(adminMessages);
  const { locale, path } = usePage();
  return (
    <>
      <h1>{t.auditTitle}</h1>
      <p class="muted">{t.auditIntro}</p>
      <Table
        columns={[t.colTime, t.colActor, t.colAction, t.colTarget, t.colAddress]}
        rows={props.rows}
        cells={(r) => [
          formatDateTime(r.at, locale),
          props.nameOf(r.actor),
          <code>{r.action}</code>,
          <>
            {r.target ? props.nameOf(r.target) : ''}
            {r.detail && <small class="muted"> {detailText(r.detail)}</small>}
          </>,
          r.address ?? '',
        ]}
      />
      <Pagination page={props.page} total={props.total} href={(page) => path(`/admin/audit?page=${page}`)} />
    </>
  );
}
