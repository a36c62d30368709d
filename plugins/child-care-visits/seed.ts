import { count, eq } from 'drizzle-orm';
import { toLocalDateInput, type CityWork, type PluginContext } from '../../core/plugin-api.ts';
import { MAY_SUPERVISE, MAY_VISIT } from './access.ts';
import { assignSupervisorDistrict, registerChild, viewerOf } from './children.ts';
import { children } from './schema.ts';
import { seedPairing } from './seed-pairing.ts';
import { recordVisit } from './visits.ts';
import { claimWish, confirmWish, publishWish } from './wishes.ts';

const DAY = 86_400_000;

/** Demo data: the children and their wishes, then the caring parent's pairing; each part once. */
export async function seedChildCareVisits(ctx: PluginContext): Promise<void> {
  await ctx.work(async (w) => {
    await seedChildren(w, ctx.city.slug);
    await seedPairing(w, ctx.city.slug);
  });
}

/**
 * For a city whose manifest lists the demo director and supervisor
 * (`director@<slug>.example`, `supervisor@<slug>.example`): children at each risk
 * level, one overdue, one visited, one coming up, and a wish at each stage (open,
 * claimed and fulfilled by the demo volunteer when the city has one). Skipped
 * when the city has children.
 */
async function seedChildren(w: CityWork, slug: string): Promise<void> {
  const [{ n }] = (await w.tx.select({ n: count() }).from(children).where(eq(children.tenantId, w.tenantId))) as [{ n: number }];
  if (n > 0) return;
  const director = await w.people.find(`director@${slug}.example`);
  const supervisor = await w.people.find(`supervisor@${slug}.example`);
  const [district] = await w.districts();
  if (!director || !supervisor || !district) return;
  await assignSupervisorDistrict(w, supervisor.id, supervisor.id, district);
  const boss = await viewerOf(w, supervisor, new Set([MAY_SUPERVISE]));
  const consent = { givenBy: '监护人', relation: '祖母', purposes: '定期探访、救助和转介', givenOn: '2026-09-01' };
  const base = { category: 'left_behind' as const, district, reviewOn: '2027-06-30', directorId: director.id };
  const made = [
    { name: '贾小明', village: '演示村一组', riskLevel: 'high' as const, riskReasons: '父母均在外务工，祖母年迈多病', daysAgo: 30 },
    { name: '贾小红', village: '演示村二组', riskLevel: 'medium' as const, riskReasons: '单亲，监护人收入不稳定', daysAgo: 20 },
    { name: '贾小华', village: '演示村三组', riskLevel: 'low' as const, riskReasons: '父母一方在家，学习有困难', daysAgo: 10 },
  ];
  const ids: string[] = [];
  for (const c of made) {
    const result = await registerChild(w, boss, {
      ...base, name: c.name, village: c.village, riskLevel: c.riskLevel, riskReasons: c.riskReasons, consent,
      details: { guardianName: '演示监护人', guardianPhone: '13800000000', address: `${c.village}演示路1号`, school: '演示小学', needs: '课外辅导' },
    }, new Date(Date.now() - c.daysAgo * DAY));
    if (result.ok) ids.push(result.id);
  }
  // The medium-risk child was visited a week ago: due again in about three weeks.
  const visitor = await viewerOf(w, director, new Set([MAY_VISIT]));
  const visitedOn = new Date(Date.now() - 7 * DAY);
  if (ids[1]) await recordVisit(w, visitor, ids[1], { visitedOn: toLocalDateInput(visitedOn), mode: 'home', findings: '孩子状态良好', needs: '冬衣', followUp: '联系爱心企业' }, visitedOn);
  const wishes = [{ alias: 'M', ageBand: '6-11' as const, wish: '一套水彩笔和画本' }, { alias: '红红', ageBand: '12-14' as const, wish: '一件冬天的棉衣' }, { alias: 'H', ageBand: '6-11' as const, wish: '一个新书包' }];
  const published: string[] = [];
  for (const [i, wish] of wishes.entries()) {
    const result = ids[i] ? await publishWish(w, visitor, ids[i], wish) : null;
    if (result?.ok) published.push(result.id);
  }
  const volunteer = await w.people.find(`volunteer@${slug}.example`);
  if (!volunteer) return;
  if (published[1]) await claimWish(w, volunteer.id, published[1]);
  if (published[2] && (await claimWish(w, volunteer.id, published[2])).ok) await confirmWish(w, visitor, published[2]);
}
