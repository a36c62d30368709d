import { grantRole } from '../../../core/identity/users.ts';
import { assignSupervisorDistrict } from '../../../plugins/child-care-visits/children.ts';
import type { TestPlatform } from '../../support/platform.ts';
import { child, DIRECTOR, districtsOf, inCity, inPlugin, SUPERVISOR } from './fixtures.ts';

/**
 * One row of each id kind the plugin declares (plugins/child-care-visits/index.ts),
 * in city `slug`: a child the city admin directs and supervises, so the admin can
 * open its pages (need-to-know shows them to nobody else).
 */
export async function rowsOfEachKind(p: TestPlatform, slug: string, adminId: string): Promise<Record<string, string>> {
  const [district] = await districtsOf(p, slug);
  await inCity(p, slug, async (tx, t) => {
    await grantRole(tx, t, adminId, DIRECTOR);
    await grantRole(tx, t, adminId, SUPERVISOR);
  });
  await inPlugin(p, slug, (w) => assignSupervisorDistrict(w, adminId, adminId, district!));
  return { 'child-care-visits.child': await child(p, slug, adminId, adminId, { district }) };
}
