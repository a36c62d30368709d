import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf, monthStart } from '../../../core/volunteering/oversight/dashboard.ts';
import { volunteerProfiles } from '../../../core/volunteering/volunteers/schema.ts';
import { rejectRecord, revokeRecord } from '../../../core/volunteering/records/verification.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, inCity, mainOf, organisation, project, serviceRecord, signedIn, verify, eventsOf } from '../fixtures.ts';

const HOUR = 60 * 60 * 1000;
let p: TestPlatform;
let districtsUsed: { first: string; second: string };

beforeAll(async () => {
  p = await startTestPlatform();
  const now = new Date();
  const thisMonth = new Date(monthStart(monthOf(now)).getTime() + HOUR);
  const lastMonth = new Date(monthStart(monthOf(now, -1)).getTime() + 50 * HOUR);
  districtsUsed = { first: '城东区', second: '城西区' };

  const lead = await citizen(p, 'alpha', '甲组织者');
  const big = await organisation(p, 'alpha', lead.id, '阳光社工服务中心');
  const elder = await project(p, 'alpha', big, lead.id, { category: 'elder_care', district: districtsUsed.first });
  const school = await project(p, 'alpha', big, lead.id, { category: 'education', district: districtsUsed.second });
  const smallLead = await citizen(p, 'alpha', '乙组织者');
  const small = await organisation(p, 'alpha', smallLead.id, '小小志愿队');
  const culture = await project(p, 'alpha', small, smallLead.id, { category: 'culture', district: districtsUsed.second });
  const [v1, v2, v3, v4] = await Promise.all(['志愿者一', '志愿者二', '志愿者三', '志愿者四'].map((n) => citizen(p, 'alpha', n, { profile: true })));

  const bigRecords = [
    await serviceRecord(p, 'alpha', v1!.id, elder, { startedAt: thisMonth, minutes: 120 }),
    await serviceRecord(p, 'alpha', v2!.id, school, { startedAt: lastMonth, minutes: 90 }),
    await serviceRecord(p, 'alpha', v1!.id, school, { startedAt: thisMonth, minutes: 60 }),
  ];
  await verify(p, 'alpha', big, lead.id, bigRecords);
  await verify(p, 'alpha', small, smallLead.id, [await serviceRecord(p, 'alpha', v3!.id, culture, { startedAt: thisMonth, minutes: 30 })]);

  // None of these count: pending, rejected, and verified then revoked.
  await serviceRecord(p, 'alpha', v4!.id, elder, { startedAt: thisMonth, minutes: 600 });
  const rejected = await serviceRecord(p, 'alpha', v4!.id, school, { startedAt: thisMonth, minutes: 500 });
  const revoked = await serviceRecord(p, 'alpha', v4!.id, culture, { startedAt: lastMonth, minutes: 400 });
  await verify(p, 'alpha', small, smallLead.id, [revoked]);
  await inCity(p, 'alpha', async (tx, t) => {
    await rejectRecord(tx, t, big, rejected, '没有参加', { deciderId: lead.id, address: null });
    await revokeRecord(tx, t, small, revoked, '记录有误', { deciderId: smallLead.id, address: null }, eventsOf(p, 'alpha'));
  });
});
afterAll(() => p.close());

async function dashboardOf(slug: string, headers: Record<string, string> = {}) {
  const admin = await signedIn(p, slug, `admin@${slug}.test`);
  const res = await admin.client.get('/admin/dashboard', headers);
  expect(res.status).toBe(200);
  return mainOf(res);
}

describe(`city dashboard (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('shows verified hours this month and last month, volunteers registered and active', async () => {
    const page = await dashboardOf('alpha');
    const registered = await inCity(p, 'alpha', (tx, t) => tx.select({ n: count() }).from(volunteerProfiles).where(eq(volunteerProfiles.tenantId, t)));
    const figure = (label: string) => new RegExp(`<dt>${label}</dt><dd><strong>(.*?)</strong>`).exec(page)?.[1];
    expect(figure('注册志愿者')).toBe(`${registered[0]!.n} 人`);
    expect(figure('活跃志愿者')).toBe('3 人'); // the fourth has nothing verified that stands
    expect(figure('本月服务时长')).toContain('3小时30分钟'); // 120 + 60 + 30 minutes
    expect(figure('上月服务时长')).toContain('1小时30分钟'); // 90; the revoked 400 do not count
  });

  it('draws hours by month, category and district as SVG charts with labels and values', async () => {
    const page = await dashboardOf('alpha');
    expect(page.match(/<svg role="img"/g)).toHaveLength(3);
    expect(page).toContain('viewBox="0 0 360');
    const now = monthOf(new Date());
    const last = monthOf(new Date(), -1);
    const months = /<desc id="chart-months-desc">([^<]*)<\/desc>/.exec(page)![1]!;
    expect(months).toContain(`${now.year}年${now.month}月: 3.50`);
    expect(months).toContain(`${last.year}年${last.month}月: 1.50`);
    const categories = /<desc id="chart-categories-desc">([^<]*)<\/desc>/.exec(page)![1]!;
    expect(categories).toBe('教育服务: 2.50; 助老服务: 2.00; 文化服务: 0.50');
    const districts = /<desc id="chart-districts-desc">([^<]*)<\/desc>/.exec(page)![1]!;
    expect(districts).toBe(`${districtsUsed.second}: 3.00; ${districtsUsed.first}: 2.00`);
    expect(page).toContain('>助老服务</text>');
  });

  it('names the categories in the reader’s language', async () => {
    const page = await dashboardOf('alpha', { 'accept-language': 'en' });
    expect(page).toContain('>Elder care</text>');
    expect(page).toContain('Education: 2.50');
  });

  it('ranks organisations by verified hours with their volunteers', async () => {
    const page = await dashboardOf('alpha');
    const table = /<table id="top-organisations"[^>]*>([\s\S]*?)<\/table>/.exec(page)![1]!;
    const rows = [...table.matchAll(/<tr><td[^>]*>(\d+)<\/td><td[^>]*><a [^>]*>([^<]*)<\/a><\/td><td[^>]*><span class="duration">([^<]*)<\/span><\/td><td[^>]*>([^<]*)<\/td><\/tr>/g)].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['1', '阳光社工服务中心', '4小时30分钟', '2 人'],
      ['2', '小小志愿队', '30分钟', '1 人'],
    ]);
  });

  it('keeps another city’s hours out, and shows an empty city as zero states, not broken charts', async () => {
    const page = await dashboardOf('beta');
    expect(page).not.toContain('阳光社工服务中心');
    expect(page).not.toContain('<svg');
    expect(page).toContain('还没有已核实的服务时长。');
    expect(page).toContain('<dt>本月服务时长</dt><dd><strong><span class="duration">0分钟</span>');
    expect(page).toContain('<dt>活跃志愿者</dt><dd><strong>0 人</strong>');
  });

  it('refuses a plain volunteer (403)', async () => {
    const vol = await signedIn(p, 'alpha', 'vol@alpha.test');
    expect((await vol.client.get('/admin/dashboard')).status).toBe(403);
  });
});
