import { EmptyRow, Pagination } from '../../views/components/pagination.tsx';
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
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t.colTime}</th>
              <th>{t.colActor}</th>
              <th>{t.colAction}</th>
              <th>{t.colTarget}</th>
              <th>{t.colAddress}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.length === 0 && <EmptyRow columns={5} />}
            {props.rows.map((r) => (
              <tr>
                <td>{formatDateTime(r.at, locale)}</td>
                <td>{props.nameOf(r.actor)}</td>
                <td><code>{r.action}</code></td>
                <td>
                  {r.target ? props.nameOf(r.target) : ''}
                  {r.detail && <small class="muted"> {detailText(r.detail)}</small>}
                </td>
                <td>{r.address ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={props.page} total={props.total} href={(page) => path(`/admin/audit?page=${page}`)} />
    </>
  );
}
