import { and, eq } from 'drizzle-orm';
import type { PluginContext } from '../../core/plugin-api.ts';
import { createItem, hasItems, type ItemInput } from './catalogue.ts';
import { earnForRecords } from './earning.ts';
import { createListing, type ListingInput } from './exchanges.ts';
import { timeBankListings } from './schema.ts';
import type { TimeBankSettings } from './settings.ts';

/**
 * Demo data: credits for the city's verified service (through the handler's own
 * function, so nothing earns twice), a small catalogue with stock, and a few
 * offers and requests by demo volunteers. Each part only when missing.
 */

const ITEMS: ItemInput[] = [
  { kind: 'goods', name: '东北大米 5 公斤', description: '爱心超市捐赠，凭兑换码到社区服务站领取。', donor: '邻里爱心超市', price: 500, stock: 20 },
  { kind: 'service', name: '社区理发一次', description: '每周三上午在社区服务站，由合作理发店师傅提供。', donor: '巧手理发店', price: 300, stock: 15 },
  { kind: 'goods', name: '公交卡充值 20 元', description: '由市政府提供，领取后当场充值。', donor: '市政府', price: 800, stock: 0 },
  { kind: 'elder_care', name: '上门助浴服务一次', description: '专业护理员上门协助老人洗浴，需提前一周预约。', donor: '市政府', price: 1000, stock: 10 },
];

const LISTINGS: ListingInput[] = [
  { kind: 'offer', title: '陪同老人到医院就诊', description: '工作日上午有空，可陪同挂号、取药，熟悉市第一医院。', credits: 200 },
  { kind: 'request', title: '每周帮忙买菜一次', description: '腿脚不便，希望每周六上午有人帮忙到菜市场买菜送上楼。', credits: 100 },
  { kind: 'offer', title: '教老人使用智能手机', description: '可上门教微信视频、健康码、网上缴费，每次约一小时。', credits: 100 },
];

const EARN_PART = 500;

export function seedTimeBank(city: PluginContext<TimeBankSettings>): Promise<void> {
  return city.work(async (w) => {
    const records = await w.people.verifiedServiceRecords();
    // In parts: one statement for a whole city's history (a city seeded at scale size) is too big to build.
    for (let i = 0; i < records.length; i += EARN_PART) await earnForRecords(w, city.settings, records.slice(i, i + EARN_PART));
    if (!(await hasItems(w))) for (const item of ITEMS) await createItem(w, item);
    const [listing] = await w.tx.select({ id: timeBankListings.id }).from(timeBankListings).where(and(eq(timeBankListings.tenantId, w.tenantId))).limit(1);
    const volunteers = [...new Set(records.map((r) => r.volunteerUserId))];
    if (!listing && volunteers.length >= 2) {
      for (const [i, input] of LISTINGS.entries()) await createListing(w, volunteers[i % volunteers.length]!, input);
    }
  });
}
