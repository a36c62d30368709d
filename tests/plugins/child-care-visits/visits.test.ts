import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { viewerOf } from '../../../plugins/child-care-visits/children.ts';
import { MAY_VISIT } from '../../../plugins/child-care-visits/access.ts';
import { visits } from '../../../plugins/child-care-visits/schema.ts';
import { addDays, dueList, dueOn, recordVisit } from '../../../plugins/child-care-visits/visits.ts';
import { toLocalDateInput } from '../../../core/plugin-api.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { child, DIRECTOR, fieldError, inCity, inPlugin, mainOf, member, P, startChildCarePlatform, supervisor } from './fixtures.ts';

const RULE = { highRiskDays: 7, mediumRiskDays: 30, lowRiskDays: 90 };
const DAY = 86_400_000;
let p: PluginKit;
let director: Awaited<ReturnType<typeof member>>;
let high: string;
let low: string;
let medium: string;
beforeAll(async () => {
  p = await startChildCarePlatform(RULE);
  const boss = await supervisor(p, 'alpha');
  director = await member(p, 'alpha', '覃主任', [DIRECTOR]);
  const longAgo = new Date(Date.now() - 40 * DAY);
  high = await child(p, 'alpha', boss.id, director.id, { name: '高风险娃', riskLevel: 'high' }, longAgo);
  low = await child(p, 'alpha', boss.id, director.id, { name: '低风险娃', riskLevel: 'low' }, longAgo);
  medium = await child(p, 'alpha', boss.id, director.id, { name: '中风险娃', riskLevel: 'medium' }, longAgo);
});
afterAll(() => p.close());

const visitCount = () => inCity(p, 'alpha', async (tx, t) => (await tx.select({ n: count() }).from(visits).where(eq(visits.tenantId, t)))[0]!.n);
const rowOf = (html: string, id: string) => new RegExp(`<tr[^>]*id="child-${id}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';

describe('visits by the city’s rule', () => {
  it('makes a visit due one interval of the risk level after the last visit, or after registration', () => {
    expect(dueOn(RULE, 'high', '2026-01-01', null)).toBe('2026-01-08');
    expect(dueOn(RULE, 'high', '2026-01-01', '2026-02-27')).toBe('2026-03-06');
    expect(dueOn(RULE, 'medium', '2026-01-31', null)).toBe('2026-03-02');
    expect(dueOn({ ...RULE, lowRiskDays: 60 }, 'low', '2026-01-01', null)).toBe('2026-03-02');
  });

  it('orders the director’s list by due date: overdue high and medium first, low last and not overdue', async () => {
    const list = await inPlugin(p, 'alpha', async (w) => {
      const { due, logged } = await dueList(w, await viewerOf(w, { id: director.id }, new Set([MAY_VISIT])), RULE);
      await logged;
      return due;
    });
    expect(list.map((d) => d.child.id)).toEqual([high, medium, low]);
    expect(list.map((d) => d.overdue)).toEqual([true, true, false]);
    // The list's dates are worked out by the database: the same rule as dueOn's.
    expect(list.map((d) => d.dueOn)).toEqual(list.map((d) => dueOn(RULE, d.child.riskLevel, d.child.registeredOn, d.lastVisitOn)));
    const page = await mainOf(await director.client.get(`${P}/`));
    expect(page.indexOf('高风险娃')).toBeLessThan(page.indexOf('中风险娃'));
    expect(page.indexOf('中风险娃')).toBeLessThan(page.indexOf('低风险娃'));
    expect(rowOf(page, high)).toContain('已逾期');
    expect(rowOf(page, low)).not.toContain('已逾期');
  });

  it('records a visit on the child’s page; the child leaves the overdue part of the list, due one interval later', async () => {
    const today = toLocalDateInput(new Date());
    const res = await director.client.post(`${P}/children/${high}/visits`, { visited_on: today, mode: 'home', findings: '孩子状态良好', needs: '冬衣', follow_up: '联系助学' });
    expect(res.status).toBe(303);
    const page = await mainOf(await director.client.get(`${P}/`));
    expect(rowOf(page, high)).not.toContain('已逾期');
    expect(rowOf(page, high)).toContain(addDays(today, 7));
    expect(page.indexOf('中风险娃')).toBeLessThan(page.indexOf('高风险娃'));
    expect(await mainOf(await director.client.get(`${P}/children/${high}`))).toContain('孩子状态良好');
  });

  it('refuses a visit in the future or without findings, the message beside the field, and stores nothing', async () => {
    const before = await visitCount();
    const tomorrow = toLocalDateInput(new Date(Date.now() + DAY));
    const future = await director.client.post(`${P}/children/${medium}/visits`, { visited_on: tomorrow, mode: 'phone', findings: '电话联系' });
    expect(future.status).toBe(400);
    expect(fieldError(await future.text(), 'visited_on')).toContain('不能晚于今天');
    const empty = await director.client.post(`${P}/children/${medium}/visits`, { visited_on: '2026-02-30', mode: 'fax', findings: '' });
    const html = await empty.text();
    expect(empty.status).toBe(400);
    expect(fieldError(html, 'visited_on')).toBeTruthy();
    expect(fieldError(html, 'mode')).toBeTruthy();
    expect(fieldError(html, 'findings')).toBeTruthy();
    expect(await visitCount()).toBe(before);
  });

  it('lets only the assigned director record: the service refuses anyone else', async () => {
    const other = await member(p, 'alpha', '别的主任', [DIRECTOR]);
    const result = await inPlugin(p, 'alpha', async (w) => recordVisit(w, await viewerOf(w, { id: other.id }, new Set([MAY_VISIT])), low, { visitedOn: '2026-11-01', mode: 'video', findings: 'x', needs: '', followUp: '' }));
    expect(result).toEqual({ ok: false, reason: 'not_found' });
  });
});
