import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOverdueAlerts } from '../../../plugins/child-care-visits/alerts.ts';
import { childCareVisitsPlugin } from '../../../plugins/child-care-visits/index.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { child, DIRECTOR, inCity, member, startChildCarePlatform, supervisor } from './fixtures.ts';

const RULE = { highRiskDays: 7, mediumRiskDays: 30, lowRiskDays: 90, graceDays: 7 };
const DAY = 86_400_000;
let p: PluginKit;
let boss: Awaited<ReturnType<typeof supervisor>>;
let director: Awaited<ReturnType<typeof member>>;
let calm: Awaited<ReturnType<typeof member>>;
beforeAll(async () => {
  p = await startChildCarePlatform(RULE);
  boss = await supervisor(p, 'alpha');
  director = await member(p, 'alpha', '覃主任', [DIRECTOR]);
  calm = await member(p, 'alpha', '按时主任', [DIRECTOR]);
  // Registered 10 days ago: the high-risk visit is 3 days overdue (within the grace period).
  await child(p, 'alpha', boss.id, director.id, { name: '韦小明', riskLevel: 'high' }, new Date(Date.now() - 10 * DAY));
  await child(p, 'alpha', boss.id, director.id, { name: '韦小红', riskLevel: 'low' }, new Date(Date.now() - 10 * DAY));
  await child(p, 'alpha', boss.id, calm.id, { name: '蓝小华', riskLevel: 'medium' }, new Date(Date.now() - 10 * DAY));
});
afterAll(() => p.close());

const run = (now: Date) => p.asJob('alpha', (ctx) => sendOverdueAlerts(ctx, now), { plugin: childCareVisitsPlugin, settings: RULE });

describe('overdue alerts', () => {
  it('tells the director how many visits are overdue, with no child data, and nobody else yet', async () => {
    expect(await run(new Date())).toEqual({ directors: 1, supervisors: 0 });
    const [message] = await p.messagesTo(director.email);
    expect(message!.text).toContain('您有 1 次儿童探访已逾期');
    expect(message!.text).toContain('/p/child-care-visits/');
    for (const secret of ['韦小明', '良寨', '1390772', '韦奶奶']) expect(`${message!.subject} ${message!.text}`).not.toContain(secret);
    expect(await p.messagesTo(calm.email)).toEqual([]);
    expect(await p.messagesTo(boss.email)).toEqual([]);
  });

  it('sends each alert once a day however often the job runs', async () => {
    await run(new Date());
    expect((await p.messagesTo(director.email)).length).toBe(1);
  });

  it('tells the district’s supervisor once the grace period has passed, still with a count only', async () => {
    const later = new Date(Date.now() + 5 * DAY);
    expect(await run(later)).toEqual({ directors: 1, supervisors: 1 });
    const [message] = await p.messagesTo(boss.email);
    expect(message!.text).toContain('1 次儿童探访逾期超过宽限期');
    expect(message!.text).not.toContain('韦小明');
  });
});
