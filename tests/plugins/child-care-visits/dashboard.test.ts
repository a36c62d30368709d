import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { MAY_SUPERVISE, MAY_VISIT } from '../../../plugins/child-care-visits/access.ts';
import { applyAsCaringParent, pair, vetCaringParent } from '../../../plugins/child-care-visits/caring-parents.ts';
import { assignSupervisorDistrict, viewerOf } from '../../../plugins/child-care-visits/children.ts';
import { suppressSmallGroups, timeliness } from '../../../plugins/child-care-visits/dashboard.ts';
import { raiseReferral } from '../../../plugins/child-care-visits/referrals.ts';
import { recordVisit } from '../../../plugins/child-care-visits/visits.ts';
import { claimWish, confirmWish, publishWish } from '../../../plugins/child-care-visits/wishes.ts';
import { accessLog, visits } from '../../../plugins/child-care-visits/schema.ts';
import { toLocalDateInput } from '../../../core/plugin-api.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { child, DIRECTOR, districtsOf, inCity, inPlugin, mainOf, member, P, startChildCarePlatform, SUPERVISOR, supervisor } from './fixtures.ts';

const RULE = { highRiskDays: 7, mediumRiskDays: 30, lowRiskDays: 90 };
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
let p: PluginKit;
let boss: Awaited<ReturnType<PluginKit['organiser']>>;
let director: Awaited<ReturnType<typeof member>>;
let district: string;
let high: string[];
beforeAll(async () => {
  p = await startChildCarePlatform(RULE);
  // The supervisor runs an organisation, under which caring parents are paired.
  boss = await p.organiser('alpha');
  await p.grantRole('alpha', boss.id, SUPERVISOR);
  [district] = (await districtsOf(p, 'alpha')) as [string];
  await inPlugin(p, 'alpha', (w) => assignSupervisorDistrict(w, boss.id, boss.id, district));
  director = await member(p, 'alpha', '覃主任', [DIRECTOR]);
  high = [];
  for (let i = 0; i < 6; i++) high.push(await child(p, 'alpha', boss.id, director.id, { name: `高风险${i}号`, riskLevel: 'high' }, ago(40)));
  // Registered 25 days ago at 30 days between visits: all five fall due within the week.
  for (let i = 0; i < 5; i++) await child(p, 'alpha', boss.id, director.id, { name: `中风险${i}号`, riskLevel: 'medium' }, ago(25));
  for (let i = 0; i < 2; i++) await child(p, 'alpha', boss.id, director.id, { name: `低风险${i}号`, riskLevel: 'low' }, ago(10));
  const parents = [await member(p, 'alpha', '爱心家长甲'), await member(p, 'alpha', '爱心家长乙')];
  // Due 33 days ago: one visited by then (on time), one after (late); all six are overdue again today.
  await inPlugin(p, 'alpha', async (w) => {
    const v = await viewerOf(w, { id: director.id }, new Set([MAY_VISIT]));
    for (const [id, days] of [[high[0]!, 35], [high[1]!, 20]] as const) {
      await recordVisit(w, v, id, { visitedOn: toLocalDateInput(ago(days)), mode: 'home', findings: '良好', needs: '', followUp: '' }, ago(days));
    }
    // One case escalated, one wish fulfilled, two children paired with caring parents.
    await raiseReferral(w, v, high[2]!, { kind: 'psychological', reason: '情绪低落' });
    const wish = await publishWish(w, v, high[3]!, { alias: '星', ageBand: '6-11', wish: '一本字典' });
    if (!wish.ok) throw new Error('wish not published');
    await claimWish(w, boss.id, wish.id);
    await confirmWish(w, v, wish.id);
    const s = await viewerOf(w, { id: boss.id }, new Set([MAY_SUPERVISE]));
    for (const [i, parent] of parents.entries()) {
      const applied = await applyAsCaringParent(w, parent.id, '陪伴孩子');
      if (!applied.ok) throw new Error('not applied');
      await vetCaringParent(w, s, applied.id, { approve: true, checkReference: `NCR-${i}` });
      if (!(await pair(w, s, { childId: high[4 + i]!, caringParentId: applied.id, organisationId: boss.orgId, alias: `家长${i}` })).ok) throw new Error('not paired');
    }
  });
});
afterAll(() => p.close());

describe('the timeliness dashboard', () => {
  it('counts children covered, overdue, visits and on-time visits per township and risk level', async () => {
    const d = await inPlugin(p, 'alpha', (w) => timeliness(w, [district], RULE));
    const high = d.groups.find((g) => g.risk === 'high')!;
    expect(high.counts).toEqual({ covered: 6, overdue: 6, due: 0, visits: 2, onTime: 1, escalations: 1, pairings: 2, wishesFulfilled: 1 });
    expect(d.total).toMatchObject({ covered: 13, overdue: 6, due: 5, visits: 2, onTime: 1, pairings: 2 });
  });

  it('suppresses groups under five children, and the next smallest when only one is hidden', async () => {
    const d = await inPlugin(p, 'alpha', (w) => timeliness(w, [district], RULE));
    expect(d.groups.map((g) => [g.risk, g.counts === null])).toEqual([['high', false], ['medium', true], ['low', true]]);
    const g = (covered: number) => ({ district: 'x', risk: 'high' as const, counts: { covered, overdue: 0, due: 0, visits: 0, onTime: 0, escalations: 0, pairings: 0, wishesFulfilled: 0 } });
    expect(suppressSmallGroups([g(9), g(7), g(1)]).map((x) => x.counts === null)).toEqual([false, true, true]);
    expect(suppressSmallGroups([g(9), g(3), g(1)]).map((x) => x.counts === null)).toEqual([false, true, true]);
    expect(suppressSmallGroups([g(9), g(5)]).map((x) => x.counts === null)).toEqual([false, false]);
  });

  it('shows the supervisor counts only, never a child, months with fewer than five visits suppressed', async () => {
    const page = await mainOf(await boss.client.get(`${P}/dashboard`));
    const rowOf = (risk: string) => new RegExp(`<tr[^>]*id="group-[^"]*-${risk}"[\\s\\S]*?</tr>`).exec(page)![0];
    const cellsOf = (risk: string) => [...rowOf(risk).matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.trim());
    // Township, risk, covered, due within 7 days, overdue, visits, on time, escalations, pairings, wishes fulfilled.
    expect(page).toContain('7 天内应访');
    expect(page).toContain('爱心家长结对');
    expect(cellsOf('high').slice(2)).toEqual(['6', '0', '6', '2', '50%', '1', '2', '1']);
    expect(cellsOf('low').slice(2)).toEqual(Array(8).fill('&lt;5'));
    expect(cellsOf('medium').slice(2)).toEqual(Array(8).fill('&lt;5'));
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

  it('checks the on-time figures against the access chain: a visit date changed afterwards, or a changed chain entry, is shown', async () => {
    const check = async () => /<p[^>]*id="chain-check"[^>]*>([\s\S]*?)<\/p>/.exec(await mainOf(await boss.client.get(`${P}/dashboard`)))![1]!;
    expect(await check()).toContain('已与访问记录链核对');
    // The late visit, moved to a day before it fell due: the records now say on time, the chain does not.
    const late = toLocalDateInput(ago(20));
    const moveVisit = (from: string, to: string) => inCity(p, 'alpha', (tx, city) => tx.update(visits).set({ visitedOn: to }).where(and(eq(visits.tenantId, city), eq(visits.childId, high[1]!), eq(visits.visitedOn, from))));
    await moveVisit(late, toLocalDateInput(ago(34)));
    expect(await check()).toContain('核对不一致');
    await moveVisit(toLocalDateInput(ago(34)), late);
    expect(await check()).toContain('已与访问记录链核对');
    // The same change made on the chain breaks it at that entry.
    const [entry] = await inCity(p, 'alpha', (tx, city) => tx.select().from(accessLog).where(and(eq(accessLog.tenantId, city), eq(accessLog.childId, high[1]!), eq(accessLog.action, 'visit_recorded'))));
    await inCity(p, 'alpha', (tx, city) => tx.update(accessLog).set({ visitedOn: toLocalDateInput(ago(34)) }).where(and(eq(accessLog.tenantId, city), eq(accessLog.chain, entry!.chain), eq(accessLog.seq, entry!.seq))));
    expect(await check()).toContain(`第 ${entry!.seq} 条处断裂`);
  });

  it('is not for directors or residents', async () => {
    expect((await director.client.get(`${P}/dashboard`)).status).toBe(403);
    expect((await (await member(p, 'alpha', '居民')).client.get(`${P}/dashboard`)).status).toBe(403);
  });
});
