import { raw } from 'hono/html';
import { escapeHtml, Table, useMessages } from '../../../core/plugin-api.ts';
import { childMessages } from '../messages.ts';
import type { DueChild, DueListChild } from '../visits.ts';
import { usePluginPath } from './parts.tsx';

export type DuePageProps = { list: DueChild<DueListChild>[]; mayRegister: boolean };

/** A director's (or supervisor's) children, soonest due first; the list links by id only. */
export function DuePage(props: DuePageProps) {
  const t = useMessages(childMessages);
  const p = usePluginPath();
  const overdueBadge = `<span class="badge warn">${escapeHtml(t.overdue)}</span>`;
  return (
    <>
      <h1>{t.dueTitle}</h1>
      <p class="muted">{t.dueIntro}</p>
      {props.mayRegister && (
        <>
          <p><a href={p('/children/new')}>{t.register}</a> · <a href={p('/export.csv')} download>{t.exportRoster}</a></p>
          <p class="muted">{t.exportNote}</p>
        </>
      )}
      <Table
        id="due-list"
        columns={[t.child, t.village, t.risk, t.lastVisit, t.due]}
        rows={props.list}
        rowId={(d) => `child-${d.child.id}`}
        emptyText={t.noChildren}
        // Cells as finished HTML, not JSX: each row is then one string (views/components/table.tsx).
        cells={(d) => [
          raw(`<a href="${escapeHtml(p(`/children/${d.child.id}`))}">${escapeHtml(d.child.name)}</a>`),
          `${d.child.district} ${d.child.village}`,
          t.risks(d.child.riskLevel),
          d.lastVisitOn ?? t.never,
          raw(d.overdue ? `${escapeHtml(d.dueOn)} ${overdueBadge}` : escapeHtml(d.dueOn)),
        ]}
      />
    </>
  );
}
