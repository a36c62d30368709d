import { and, eq } from 'drizzle-orm';
import { createItem, redeemItem } from '../../../plugins/time-bank/catalogue.ts';
import { createListing, respondToListing } from '../../../plugins/time-bank/exchanges.ts';
import { askFamilyLink } from '../../../plugins/time-bank/family.ts';
import { timeBankFamilyLinks } from '../../../plugins/time-bank/schema.ts';
import type { TestPlatform } from '../../support/platform.ts';
import { citizen, inCity } from '../../volunteering/fixtures.ts';
import { organiserOf, served } from './helpers.ts';
import { pluginWork } from '../../support/plugin-work.ts';
import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';

/**
 * One row of each id kind the time bank declares (plugins/time-bank/index.ts), in
 * city `slug`, each on a page its admin can open: the attack suites send these ids
 * to every route. The time bank must be enabled in the city.
 */
export async function rowsOfEachKind(p: TestPlatform, slug: string, adminId: string): Promise<Record<string, string>> {
  const member = await citizen(p, slug, '时间银行会员', { profile: true });
  await served(p, await organiserOf(p, 'community_service', slug), member.id, 120, slug);
  return inCity(p, slug, async (tx, t) => {
    const listing = await createListing(pluginWork(timeBankPlugin, tx, t), member.id, { kind: 'offer', title: '陪同就医', description: '工作日上午有空。', credits: 100 });
    const exchange = await respondToListing(pluginWork(timeBankPlugin, tx, t), listing, adminId, '需要陪同');
    const item = await createItem(pluginWork(timeBankPlugin, tx, t), { kind: 'goods', name: '大米', description: '五公斤', donor: '爱心超市', price: 50, stock: 5 });
    const redemption = await redeemItem(pluginWork(timeBankPlugin, tx, t), item, member.id, 60);
    await askFamilyLink(pluginWork(timeBankPlugin, tx, t), member.id, adminId, '子女');
    const [link] = await tx.select().from(timeBankFamilyLinks).where(and(eq(timeBankFamilyLinks.tenantId, t), eq(timeBankFamilyLinks.requesterId, member.id)));
    if (!exchange.ok || !redemption.ok || !link) throw new Error('time bank set-up failed');
    return {
      'time-bank.listing': listing,
      'time-bank.exchange': exchange.exchangeId,
      'time-bank.item': item,
      'time-bank.redemption': redemption.redemptionId,
      'time-bank.family-link': link.id,
    };
  });
}
