import { Table, useMessages } from '../../../core/plugin-api.ts';
import { childMessages } from '../messages.ts';
import type { DueChild } from '../visits.ts';
import { usePluginPath } from './parts.tsx';

export type DuePageProps = { list: DueChild[]; mayRegister: boolean };

/** A director's (or supervisor's) children, soonest due first; the list links by id only. */
export function DuePage(props: DuePageProps) {
  const t = useMessages(childMessages);
  const p = usePluginPath();
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
        cells={(d) => [
          <a href={p(`/children/${d.child.id}`)}>{d.child.name}</a>,
          `${d.child.district} ${d.child.village}`,
          t.risks(d.child.riskLevel),
          d.lastVisitOn ?? t.never,
          <>{d.dueOn}{d.overdue && <> <span class="badge warn">{t.overdue}</span></>}</>,
        ]}
      />
    </>
  );
}
