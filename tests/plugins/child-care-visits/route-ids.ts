import { assignSupervisorDistrict, viewerOf } from '../../../plugins/child-care-visits/children.ts';
import { MAY_SUPERVISE, MAY_VISIT } from '../../../plugins/child-care-visits/access.ts';
import { applyAsCaringParent, pair, recordContact, vetCaringParent } from '../../../plugins/child-care-visits/caring-parents.ts';
import { publishWish } from '../../../plugins/child-care-visits/wishes.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { child, DIRECTOR, districtsOf, inPlugin, SUPERVISOR } from './fixtures.ts';

/**
 * One row of each id kind the plugin declares (plugins/child-care-visits/index.ts),
 * in city `slug`: a child the city admin directs and supervises, so the admin can
 * open its pages (need-to-know shows them to nobody else), a wish of that child,
 * and the admin as that child's caring parent (paired by an organiser who also
 * supervises the district) with one contact recorded.
 */
export async function rowsOfEachKind(kit: PluginKit, slug: string, adminId: string): Promise<Record<string, string>> {
  const [district] = await districtsOf(kit, slug);
  await kit.grantRole(slug, adminId, DIRECTOR);
  await kit.grantRole(slug, adminId, SUPERVISOR);
  await inPlugin(kit, slug, (w) => assignSupervisorDistrict(w, adminId, adminId, district!));
  const childId = await child(kit, slug, adminId, adminId, { district });
  const wish = await inPlugin(kit, slug, async (w) => publishWish(w, await viewerOf(w, { id: adminId }, new Set([MAY_VISIT])), childId, { alias: 'M', ageBand: '6-11', wish: '一套画笔' }));
  if (!wish.ok) throw new Error('child-care-visits wish set-up failed');
  const organiser = await kit.organiser(slug);
  await kit.grantRole(slug, organiser.id, SUPERVISOR);
  await inPlugin(kit, slug, (w) => assignSupervisorDistrict(w, adminId, organiser.id, district!));
  const caring = await inPlugin(kit, slug, async (w) => {
    const applied = await applyAsCaringParent(w, adminId, '愿意陪伴孩子');
    if (!applied.ok) throw new Error('child-care-visits caring-parent set-up failed');
    const boss = await viewerOf(w, { id: organiser.id }, new Set([MAY_SUPERVISE]));
    await vetCaringParent(w, boss, applied.id, { approve: true, checkReference: 'NCR-1' });
    const paired = await pair(w, boss, { childId, caringParentId: applied.id, organisationId: organiser.orgId, alias: 'M' });
    if (!paired.ok) throw new Error(`child-care-visits pairing set-up failed: ${paired.reason}`);
    const contact = await recordContact(w, adminId, paired.id, { contactedOn: '2026-11-01', minutes: 60, mode: 'phone', note: '聊了学习' });
    if (!contact.ok) throw new Error('child-care-visits contact set-up failed');
    return { caringParent: applied.id, pairing: paired.id, contact: contact.id };
  });
  return {
    'child-care-visits.child': childId,
    'child-care-visits.wish': wish.id,
    'child-care-visits.caring-parent': caring.caringParent,
    'child-care-visits.pairing': caring.pairing,
    'child-care-visits.contact': caring.contact,
  };
}
