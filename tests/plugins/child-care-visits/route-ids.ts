import { assignSupervisorDistrict, viewerOf } from '../../../plugins/child-care-visits/children.ts';
import { MAY_VISIT } from '../../../plugins/child-care-visits/access.ts';
import { publishWish } from '../../../plugins/child-care-visits/wishes.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { child, DIRECTOR, districtsOf, inPlugin, SUPERVISOR } from './fixtures.ts';

/**
 * One row of each id kind the plugin declares (plugins/child-care-visits/index.ts),
 * in city `slug`: a child the city admin directs and supervises, so the admin can
 * open its pages (need-to-know shows them to nobody else), and a wish of that child.
 */
export async function rowsOfEachKind(kit: PluginKit, slug: string, adminId: string): Promise<Record<string, string>> {
  const [district] = await districtsOf(kit, slug);
  await kit.grantRole(slug, adminId, DIRECTOR);
  await kit.grantRole(slug, adminId, SUPERVISOR);
  await inPlugin(kit, slug, (w) => assignSupervisorDistrict(w, adminId, adminId, district!));
  const childId = await child(kit, slug, adminId, adminId, { district });
  const wish = await inPlugin(kit, slug, async (w) => publishWish(w, await viewerOf(w, { id: adminId }, new Set([MAY_VISIT])), childId, { alias: 'M', ageBand: '6-11', wish: '一套画笔' }));
  if (!wish.ok) throw new Error('child-care-visits wish set-up failed');
  return { 'child-care-visits.child': childId, 'child-care-visits.wish': wish.id };
}
