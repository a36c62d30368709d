import { renderFragment } from '../../../views/renderer.tsx';
import type { Tx } from '../../db/database.ts';
import type { Activity } from './service.ts';
import { rosterAttendance } from '../attendance/service.ts';
import { checkinWindow } from '../attendance/checkin-code.ts';
import { idNumberFor, inCity, type C } from '../shared/route-kit.ts';
import { roster } from './signups.ts';
import type { RowNotice } from '../../../views/components/table.tsx';
import { Roster, RosterRowView, type RosterRow } from './views/activity-pages.tsx';

/** The organiser's roster as the page shows it: in queue order, ID cards masked for the viewer, each row with its attendance. */
export async function rosterRows(c: C, tx: Tx, tenantId: string, activityId: string): Promise<RosterRow[]> {
  const [rows, attendance] = await Promise.all([roster(tx, tenantId, activityId), rosterAttendance(tx, tenantId, activityId)]);
  return rows.map((r) => ({ ...r, idCard: idNumberFor(c, r.userId, r.idDocument), attendance: attendance.get(r.userId) ?? null }));
}

/** The whole roster, for the page's polling. */
export function rosterFragment(c: C, activity: Activity, rows: RosterRow[]) {
  return renderFragment(c, <Roster activity={activity} rows={rows} checkinOpen={checkinWindow(activity, new Date()) === 'open'} />);
}

/**
 * One volunteer's row after an action taken in it (htmx swaps just that row, the
 * organiser keeps their place), with what happened said in the row. 404 when
 * the volunteer is no longer on the roster.
 */
export async function rosterRowFragment(c: C, activity: Activity, volunteerId: string, notice: RowNotice) {
  const rows = await inCity(c, (tx, tenantId) => rosterRows(c, tx, tenantId, activity.id));
  const position = rows.findIndex((r) => r.userId === volunteerId);
  if (position < 0) return null;
  if (notice.kind === 'error') c.status(409);
  const checkinOpen = checkinWindow(activity, new Date()) === 'open';
  return renderFragment(c, <RosterRowView activity={activity} row={rows[position]!} position={position + 1} checkinOpen={checkinOpen} notice={notice} />);
}
