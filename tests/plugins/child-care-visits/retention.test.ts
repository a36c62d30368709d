import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { MAY_SUPERVISE, MAY_VISIT } from '../../../plugins/child-care-visits/access.ts';
import { verifyAccessChain } from '../../../plugins/child-care-visits/access-log.ts';
import { viewerOf } from '../../../plugins/child-care-visits/children.ts';
import { childCareVisitsPlugin } from '../../../plugins/child-care-visits/index.ts';
import { closeCase, SYSTEM_ACTOR } from '../../../plugins/child-care-visits/retention.ts';
import { accessLog, childDetails, children, consents, visits, wishes } from '../../../plugins/child-care-visits/schema.ts';
import { recordVisit } from '../../../plugins/child-care-visits/visits.ts';
import { confirmWish, claimWish, publishWish } from '../../../plugins/child-care-visits/wishes.ts';
import { toLocalDateInput } from '../../../core/plugin-api.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { child, DIRECTOR, districtsOf, fieldError, inCity, inPlugin, mainOf, member, P, startChildCarePlatform, supervisor } from './fixtures.ts';

const SETTINGS = { highRiskDays: 14, mediumRiskDays: 30, lowRiskDays: 90, graceDays: 7, retentionDays: 365 };
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
let p: PluginKit;
let boss: Awaited<ReturnType<typeof supervisor>>;
let director: Awaited<ReturnType<typeof member>>;
beforeAll(async () => {
  p = await startChildCarePlatform(SETTINGS);
  boss = await supervisor(p, 'alpha');
  director = await member(p, 'alpha', '覃主任', [DIRECTOR]);
});
afterAll(() => p.close());

const rowOf = (id: string) => inCity(p, 'alpha', async (tx, t) => (await tx.select().from(children).where(and(eq(children.tenantId, t), eq(children.id, id))))[0]!);
const logOf = (id: string) => inCity(p, 'alpha', (tx, t) => tx.select().from(accessLog).where(and(eq(accessLog.tenantId, t), eq(accessLog.childId, id))).orderBy(accessLog.seq));
const runRetentionJob = () => p.asJob('alpha', (ctx) => childCareVisitsPlugin.jobs!.find((j) => j.id === 'retention')!.run(ctx), { plugin: childCareVisitsPlugin, settings: SETTINGS });

describe('closing a case', () => {
  it('refuses a missing reason beside the field, and is the district supervisor’s alone', async () => {
    const id = await child(p, 'alpha', boss.id, director.id);
    const bad = await boss.client.post(`${P}/children/${id}/close`, { reason: 'bored' });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'reason')).toBeTruthy();
    expect((await director.client.post(`${P}/children/${id}/close`, { reason: 'aged_out' })).status).toBe(403);
    const [, other] = await districtsOf(p, 'alpha');
    const elsewhere = await supervisor(p, 'alpha', other);
    expect((await elsewhere.client.post(`${P}/children/${id}/close`, { reason: 'aged_out' })).status).toBe(404);
    expect((await rowOf(id)).status).toBe('active');
  });

  it('closes with the reason: the child leaves the due list, open wishes are withdrawn, the chain records it', async () => {
    const id = await child(p, 'alpha', boss.id, director.id, { name: '结案娃' });
    await inPlugin(p, 'alpha', async (w) => publishWish(w, await viewerOf(w, { id: director.id }, new Set([MAY_VISIT])), id, { alias: 'J', ageBand: '12-14', wish: '一本字典' }));
    expect((await boss.client.post(`${P}/children/${id}/close`, { reason: 'family_restored' })).status).toBe(303);
    expect(await mainOf(await director.client.get(`${P}/`))).not.toContain('结案娃');
    expect(await mainOf(await boss.client.get(`${P}/children/${id}`))).toContain('监护恢复、回归家庭');
    expect(await inCity(p, 'alpha', (tx, t) => tx.select().from(wishes).where(and(eq(wishes.tenantId, t), eq(wishes.childId, id))))).toEqual([]);
    expect((await logOf(id)).some((e) => e.action === 'case_closed' && e.actorId === boss.id)).toBe(true);
    expect((await director.client.post(`${P}/children/${id}/visits`, { visited_on: toLocalDateInput(new Date()), mode: 'home', findings: '良好' })).status).toBe(404);
  });
});

describe('the retention job', () => {
  let expired: string;
  let recent: string;
  beforeAll(async () => {
    expired = await child(p, 'alpha', boss.id, director.id, { name: '过期娃', riskLevel: 'low' }, ago(500));
    recent = await child(p, 'alpha', boss.id, director.id, { name: '新结案娃' }, ago(30));
    await inPlugin(p, 'alpha', async (w) => {
      const d = await viewerOf(w, { id: director.id }, new Set([MAY_VISIT]));
      const s = await viewerOf(w, { id: boss.id }, new Set([MAY_SUPERVISE]));
      await recordVisit(w, d, expired, { visitedOn: toLocalDateInput(ago(450)), mode: 'home', findings: '家里很冷', needs: '棉被', followUp: '联系民政' }, ago(450));
      const wish = await publishWish(w, d, expired, { alias: 'G', ageBand: '6-11', wish: '一个足球' }, ago(440));
      if (!wish.ok) throw new Error('wish');
      await claimWish(w, boss.id, wish.id, ago(439));
      await confirmWish(w, d, wish.id, ago(430));
      await closeCase(w, s, expired, 'moved_away', ago(400));
      await closeCase(w, s, recent, 'aged_out', ago(10));
    });
  });

  it('erases a case closed longer than the city’s period, and only that one; a rerun erases nothing', async () => {
    await runRetentionJob();
    expect(await rowOf(expired)).toMatchObject({ name: '', village: '', riskReasons: '', status: 'erased', erasedOn: toLocalDateInput(new Date()) });
    expect((await rowOf(recent)).name).toBe('新结案娃');
    const left = await inCity(p, 'alpha', async (tx, t) => ({
      consents: await tx.select().from(consents).where(and(eq(consents.tenantId, t), eq(consents.childId, expired))),
      details: await tx.select().from(childDetails).where(and(eq(childDetails.tenantId, t), eq(childDetails.childId, expired))),
      visits: await tx.select({ findings: visits.findings, needs: visits.needs, followUp: visits.followUp }).from(visits).where(and(eq(visits.tenantId, t), eq(visits.childId, expired))),
    }));
    expect(left).toEqual({ consents: [], details: [], visits: [{ findings: '', needs: '', followUp: '' }] });
    const before = (await logOf(expired)).length;
    await runRetentionJob();
    expect((await logOf(expired)).length).toBe(before);
  });

  it('keeps the access chain whole: nothing removed, the erasure appended by the system, and it verifies', async () => {
    const entries = await logOf(expired);
    expect(entries.map((e) => e.action)).toEqual(['registered', 'visit_recorded', 'wish_published', 'wish_fulfilled', 'case_closed', 'erased']);
    expect(entries.at(-1)!.actorId).toBe(SYSTEM_ACTOR);
    expect(await inPlugin(p, 'alpha', (w) => verifyAccessChain(w))).toMatchObject({ ok: true });
  });

  it('shows the erased record to nobody, while its visit and fulfilled wish still count', async () => {
    expect((await boss.client.get(`${P}/children/${expired}`)).status).toBe(404);
    expect((await boss.client.get(`${P}/children/${expired}/access`)).status).toBe(404);
    expect(await mainOf(await p.visitor('alpha').get(`${P}/wishes`))).toContain('一个足球');
    // The stub keeps township, risk level and dates: the visit is still counted, on time or not.
    const [row] = await inCity(p, 'alpha', (tx, t) => tx.select({ visitedOn: visits.visitedOn }).from(visits).where(and(eq(visits.tenantId, t), eq(visits.childId, expired))));
    expect(row!.visitedOn).toBe(toLocalDateInput(ago(450)));
    expect(await rowOf(expired)).toMatchObject({ district: boss.district, riskLevel: 'low' });
  });
});
