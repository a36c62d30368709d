import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAY_VISIT } from '../../../plugins/child-care-visits/access.ts';
import { viewerOf } from '../../../plugins/child-care-visits/children.ts';
import { suppressSmallGroups, timeliness } from '../../../plugins/child-care-visits/dashboard.ts';
import { recordVisit } from '../../../plugins/child-care-visits/visits.ts';
import { toLocalDateInput } from '../../../core/plugin-api.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { child, DIRECTOR, districtsOf, inPlugin, mainOf, member, P, startChildCarePlatform, supervisor } from './fixtures.ts';

const RULE = { highRiskDays: 7, mediumRiskDays: 30, lowRiskDays: 90 };
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
let p: PluginKit;
let boss: Awaited<ReturnType<typeof supervisor>>;
let director: Awaited<ReturnType<typeof member>>;
let district: string;
beforeAll(async () => {
  p = await startChildCarePlatform(RULE);
  boss = await supervisor(p, 'alpha');
  district = boss.district;
  director = await member(p, 'alpha', '覃主任', [DIRECTOR]);
  const high: string[] = [];
  for (let i = 0; i < 6; i++) high.push(await child(p, 'alpha', boss.id, director.id, { name: `高风险${i}号`, riskLevel: 'high' }, ago(40)));
  for (let i = 0; i < 5; i++) await child(p, 'alpha', boss.id, director.id, { name: `中风险${i}号`, riskLevel: 'medium' }, ago(10));
  for (let i = 0; i < 2; i++) await child(p, 'alpha', boss.id, director.id, { name: `低风险${i}号`, riskLevel: 'low' }, ago(10));
  // Due 33 days ago: one visited by then (on time), one after (late); all six are overdue again today.
  await inPlugin(p, 'alpha', async (w) => {
    const v = await viewerOf(w, { id: director.id }, new Set([MAY_VISIT]));
    for (const [id, days] of [[high[0]!, 35], [high[1]!, 20]] as const) {
      await recordVisit(w, v, id, { visitedOn: toLocalDateInput(ago(days)), mode: 'home', findings: '良好', needs: '', followUp: '' }, ago(days));
    }
  });
});
afterAll(() => p.close());

describe('the timeliness dashboard', () => {
  it('counts children covered, overdue, visits and on-time visits per township and risk level', async () => {
    const d = await inPlugin(p, 'alpha', (w) => timeliness(w, [district], RULE));
    const high = d.groups.find((g) => g.risk === 'high')!;
    expect(high.counts).toEqual({ covered: 6, overdue: 6, visits: 2, onTime: 1, escalations: 0, wishesFulfilled: 0 });
    expect(d.total).toMatchObject({ covered: 13, visits: 2, onTime: 1 });
  });

  it('suppresses groups under five children, and the next smallest when only one is hidden', async () => {
    const d = await inPlugin(p, 'alpha', (w) => timeliness(w, [district], RULE));
    expect(d.groups.map((g) => [g.risk, g.counts === null])).toEqual([['high', false], ['medium', true], ['low', true]]);
    const g = (covered: number) => ({ district: 'x', risk: 'high' as const, counts: { covered, overdue: 0, visits: 0, onTime: 0, escalations: 0, wishesFulfilled: 0 } });
    expect(suppressSmallGroups([g(9), g(7), g(1)]).map((x) => x.counts === null)).toEqual([false, true, true]);
    expect(suppressSmallGroups([g(9), g(3), g(1)]).map((x) => x.counts === null)).toEqual([false, true, true]);
    expect(suppressSmallGroups([g(9), g(5)]).map((x) => x.counts === null)).toEqual([false, false]);
  });

  it('shows the supervisor counts only, never a child, months with fewer than five visits suppressed', async () => {
    const page = await mainOf(await boss.client.get(`${P}/dashboard`));
    const high = /<tr[^>]*id="group-[^"]*-high"[\s\S]*?<\/tr>/.exec(page)![0];
    expect(high).toContain('50%');
    expect(/<tr[^>]*id="group-[^"]*-low"[\s\S]*?<\/tr>/.exec(page)![0]).toContain('&lt;5');
    expect(page).not.toMatch(/风险\d号/);
    expect(/<table[^>]*id="months"[\s\S]*?<\/table>/.exec(page)![0]).toContain('&lt;5');
  });

  it('shows a supervisor of another township nothing of this one, and the city admin every township', async () => {
    const [, other] = await districtsOf(p, 'alpha');
    const elsewhere = await supervisor(p, 'alpha', other);
    expect(await mainOf(await elsewhere.client.get(`${P}/dashboard`))).not.toContain(`group-${district}-high`);
    const admin = await member(p, 'alpha', '市管理员', ['city_admin']);
    expect(await mainOf(await admin.client.get(`${P}/dashboard`))).toContain(`group-${district}-high`);
  });

  it('is not for directors or residents', async () => {
    expect((await director.client.get(`${P}/dashboard`)).status).toBe(403);
    expect((await (await member(p, 'alpha', '居民')).client.get(`${P}/dashboard`)).status).toBe(403);
  });
});
