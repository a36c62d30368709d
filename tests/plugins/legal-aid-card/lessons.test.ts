import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legalAidLessons } from '../../../plugins/legal-aid-card/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { member, P, startLegalAidKit } from './fixtures.ts';
import { fieldError, mainOf } from '../../support/plugin-kit/index.ts';

let kit: PluginKit;
let coordinator: Awaited<ReturnType<typeof member>>;
beforeAll(async () => {
  kit = await startLegalAidKit();
  coordinator = await member(kit, 'alpha', '普法协调员', ['legal-aid-card.coordinator']);
});
afterAll(() => kit.close());

const lessons = () => kit.inCity('alpha', (tx, t) => tx.select().from(legalAidLessons).where(eq(legalAidLessons.tenantId, t)));
const talk = { kind: 'session', category: 'elder', title: '防范养老诈骗', body: '常见骗局和应对办法。', starts_at: '2026-07-01T09:30', place: '嘉积镇社区活动室' };

describe('legal education', () => {
  it('publishes articles and talks by category, readable without signing in', async () => {
    expect((await coordinator.client.post(`${P}/learn/new`, { kind: 'article', category: 'labour', title: '被拖欠工资怎么办', body: '先收集证据。', starts_at: '', place: '' })).status).toBe(303);
    expect((await coordinator.client.post(`${P}/learn/new`, talk)).status).toBe(303);
    const visitor = kit.visitor('alpha');
    const all = await mainOf(await visitor.get(`${P}/learn`));
    expect(all).toContain('被拖欠工资怎么办');
    expect(all).toContain('防范养老诈骗');
    const elder = await mainOf(await visitor.get(`${P}/learn?category=elder`));
    expect(elder).toContain('防范养老诈骗');
    expect(elder).not.toContain('被拖欠工资怎么办');
  });

  it('refuses a talk without time or place beside the field, and a resident publishing', async () => {
    const count = (await lessons()).length;
    const res = await coordinator.client.post(`${P}/learn/new`, { ...talk, starts_at: '', place: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldError(html, 'starts_at')).toBeTruthy();
    expect(fieldError(html, 'place')).toBeTruthy();
    const resident = await member(kit, 'alpha', '居民');
    expect((await resident.client.post(`${P}/learn/new`, talk)).status).toBe(403);
    expect(await lessons()).toHaveLength(count);
  });

  it('counts the attendance of a talk, recorded by a coordinator', async () => {
    const session = (await lessons()).find((l) => l.kind === 'session')!;
    const article = (await lessons()).find((l) => l.kind === 'article')!;
    const bad = await coordinator.client.post(`${P}/learn/${session.id}/attendance`, { attendance: '-3' });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'attendance')).toBeTruthy();
    expect((await coordinator.client.post(`${P}/learn/${article.id}/attendance`, { attendance: '5' })).status).toBe(404);
    const resident = await member(kit, 'alpha', '居民二');
    expect((await resident.client.post(`${P}/learn/${session.id}/attendance`, { attendance: '5' })).status).toBe(403);
    expect((await coordinator.client.post(`${P}/learn/${session.id}/attendance`, { attendance: '42' })).status).toBe(303);
    expect((await lessons()).find((l) => l.id === session.id)?.attendance).toBe(42);
    expect((await lessons()).find((l) => l.id === article.id)?.attendance).toBeNull();
    expect(await mainOf(await resident.client.get(`${P}/learn/${session.id}`))).toContain('42');
  });
});
