import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../core/volunteering/shared/time.ts';
import { TestClient } from '../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { activity, citizen, mainOf, organisation, origin, project, serviceRecord, verify } from './fixtures.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const home = async (slug: string) => mainOf(await new TestClient(p.app, origin(slug)).get('/'));
/** The figure after a label in the "at a glance" list. */
const figure = (html: string, label: string) => new RegExp(`<dt>${label}</dt><dd><strong>(.*?)</strong></dd>`).exec(html)?.[1]?.replace(/<[^>]+>/g, '') ?? null;

describe(`a city's front page (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('shows the city’s volunteers, verified hours and next activities, and nothing of another city', async () => {
    const before = await home('alpha');
    const volunteersBefore = Number(figure(before, '注册志愿者'));
    expect(figure(before, '累计核实服务时长')).toBe('0分钟');

    const organiser = await citizen(p, 'alpha', '首页组织者');
    const volunteer = await citizen(p, 'alpha', '首页志愿者', { profile: true });
    const orgId = await organisation(p, 'alpha', organiser.id);
    const projectId = await project(p, 'alpha', orgId, organiser.id, { name: '首页项目' });
    const draftId = await project(p, 'alpha', orgId, organiser.id, { name: '草稿项目', publish: false });
    await activity(p, 'alpha', projectId, organiser.id, { title: '明天的活动', startsAt: new Date(Date.now() + DAY_MS) });
    await activity(p, 'alpha', projectId, organiser.id, { title: '昨天的活动', startsAt: new Date(Date.now() - DAY_MS) });
    await activity(p, 'alpha', draftId, organiser.id, { title: '草稿里的活动', startsAt: new Date(Date.now() + DAY_MS) });
    const records = [await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 90 }), await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 60 })];
    await verify(p, 'alpha', orgId, organiser.id, records);
    await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 30 }); // pending: not counted

    const after = await home('alpha');
    expect(Number(figure(after, '注册志愿者'))).toBe(volunteersBefore + 1);
    expect(figure(after, '累计核实服务时长')).toBe('2小时30分钟');
    expect(after).toContain('明天的活动');
    expect(after).not.toContain('昨天的活动');
    expect(after).not.toContain('草稿里的活动');
    expect(after).toContain('href="/verify"');

    const beta = await home('beta');
    expect(figure(beta, '累计核实服务时长')).toBe('0分钟');
    expect(beta).not.toContain('明天的活动');
  });
});
