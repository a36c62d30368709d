import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { accessLog } from '../../../plugins/child-care-visits/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { child, DIRECTOR, districtsOf, inCity, member, P, startChildCarePlatform, supervisor } from './fixtures.ts';

let p: PluginKit;
let boss: Awaited<ReturnType<typeof supervisor>>;
let director: Awaited<ReturnType<typeof member>>;
let childId: string;
beforeAll(async () => {
  p = await startChildCarePlatform();
  boss = await supervisor(p, 'alpha');
  director = await member(p, 'alpha', '覃主任', [DIRECTOR]);
  childId = await child(p, 'alpha', boss.id, director.id);
});
afterAll(() => p.close());

describe('the roster export', () => {
  it('gives the supervisor a CSV of their townships’ children with the minimum fields and no contact details', async () => {
    const res = await boss.client.get(`${P}/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="child-roster.csv"');
    const csv = await res.text();
    const [header, row] = csv.replace('\uFEFF', '').trim().split('\n');
    expect(header).toBe('编号,姓名,类别,乡镇（街道）,村（社区）,风险等级,风险复核日期,上次探访,应探访日期,已逾期,儿童主任');
    expect(row).toContain(childId);
    expect(row).toContain('韦小明');
    expect(row).toContain('覃主任');
    for (const secret of ['韦奶奶', '13907725678', '良寨村三组12号', '良寨小学', '课外辅导', '父母在外务工']) expect(csv).not.toContain(secret);
  });

  it('writes each child exported to the access chain and the export to the audit log', async () => {
    const before = (await inCity(p, 'alpha', (tx, t) => tx.select().from(accessLog).where(and(eq(accessLog.tenantId, t), eq(accessLog.childId, childId))))).length;
    const audits = (await p.auditEntries('alpha', 'child-care-visits.roster_exported')).length;
    await boss.client.get(`${P}/export.csv`);
    const after = await inCity(p, 'alpha', (tx, t) => tx.select().from(accessLog).where(and(eq(accessLog.tenantId, t), eq(accessLog.childId, childId))).orderBy(accessLog.seq));
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ actorId: boss.id, action: 'exported' });
    const entries = await p.auditEntries('alpha', 'child-care-visits.roster_exported');
    expect(entries.length).toBe(audits + 1);
    expect(entries.at(-1)!.detail).toEqual({ children: 1 });
  });

  it('is the supervisor’s alone: a director, a resident and the city admin get 403; another township’s supervisor gets no child', async () => {
    for (const person of [director, await member(p, 'alpha', '居民'), await member(p, 'alpha', '市管理员', ['city_admin'])]) {
      expect((await person.client.get(`${P}/export.csv`)).status, person.name).toBe(403);
    }
    const [, other] = await districtsOf(p, 'alpha');
    const elsewhere = await supervisor(p, 'alpha', other);
    expect(await (await elsewhere.client.get(`${P}/export.csv`)).text()).not.toContain(childId);
  });
});
