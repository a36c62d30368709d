import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';
import { and, eq } from 'drizzle-orm';
import { createItem, redeemItem } from '../../../plugins/time-bank/catalogue.ts';
import { createListing, respondToListing } from '../../../plugins/time-bank/exchanges.ts';
import { askFamilyLink } from '../../../plugins/time-bank/family.ts';
import { timeBankFamilyLinks } from '../../../plugins/time-bank/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';

/**
 * One row of each id kind the time bank declares (plugins/time-bank/index.ts), in
 * city `slug`, each on a page its admin can open: the attack suites send these ids
 * to every route. The time bank must be enabled in the city.
 */
export async function rowsOfEachKind(kit: PluginKit, slug: string, adminId: string): Promise<Record<string, string>> {
  const member = await kit.person(slug, '时间银行会员', { profile: true });
  await kit.verifiedService(await kit.organiser(slug, 'community_service'), member.id, 120);
  return kit.work(slug, async (w) => {
    const listing = await createListing(w, member.id, { kind: 'offer', title: '陪同就医', description: '工作日上午有空。', credits: 100 });
    const exchange = await respondToListing(w, listing, adminId, '需要陪同');
    const item = await createItem(w, { kind: 'goods', name: '大米', description: '五公斤', donor: '爱心超市', price: 50, stock: 5 });
    const redemption = await redeemItem(w, item, member.id, 60);
    await askFamilyLink(w, member.id, adminId, '子女');
    const [link] = await w.tx.select().from(timeBankFamilyLinks).where(and(eq(timeBankFamilyLinks.tenantId, w.tenantId), eq(timeBankFamilyLinks.requesterId, member.id)));
    if (!exchange.ok || !redemption.ok || !link) throw new Error('time bank set-up failed');
    return {
      'time-bank.listing': listing,
      'time-bank.exchange': exchange.exchangeId,
      'time-bank.item': item,
      'time-bank.redemption': redemption.redemptionId,
      'time-bank.family-link': link.id,
    };
  }, timeBankPlugin);
}
