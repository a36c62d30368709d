import { type CityWork } from '../../core/plugin-api.ts';
import { can, type Viewer } from './access.ts';
import { logAccesses } from './access-log.ts';
import { visibleChildren } from './children.ts';
import { type DueChild, type VisitRule, withDueDates } from './visits.ts';

/**
 * The supervisor's export of the children of their townships: the minimum a
 * roster needs (who, where, risk, visits due), never the guardian, contact
 * details, address, school, needs or the reasons for the risk level. Each child
 * exported is an entry in the access chain, the export itself one in the audit log.
 */
export type ExportRow = DueChild & { directorName: string };

export async function exportRoster(w: CityWork, viewer: Viewer, rule: VisitRule, now = new Date()): Promise<ExportRow[]> {
  const list = (await visibleChildren(w, viewer)).filter((c) => can(viewer, 'export', c));
  await logAccesses(w, viewer.id, list.map((child) => child.id), 'exported', now);
  await w.audit({ actor: `user:${viewer.id}`, action: 'child-care-visits.roster_exported', detail: { children: list.length } });
  const names = await w.people.names([...new Set(list.map((c) => c.directorId))]);
  return (await withDueDates(w, list, rule, now)).map((d) => ({ ...d, directorName: names.get(d.child.directorId) ?? '' }));
}
