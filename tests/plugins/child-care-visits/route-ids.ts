import { assignSupervisorDistrict } from '../../../plugins/child-care-visits/children.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { child, DIRECTOR, districtsOf, inPlugin, SUPERVISOR } from './fixtures.ts';

/**
 * One row of each id kind the plugin declares (plugins/child-care-visits/index.ts),
 * in city `slug`: a child the city admin directs and supervises, so the admin can
 * open its pages (need-to-know shows them to nobody else).
 */
export async function rowsOfEachKind(kit: PluginKit, slug: string, adminId: string): Promise<Record<string, string>> {
  const [district] = await districtsOf(kit, slug);
  await kit.grantRole(slug, adminId, DIRECTOR);
  await kit.grantRole(slug, adminId, SUPERVISOR);
  await inPlugin(kit, slug, (w) => assignSupervisorDistrict(w, adminId, adminId, district!));
  return { 'child-care-visits.child': await child(kit, slug, adminId, adminId, { district }) };
}
