import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../core/i18n/format.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { activity, citizen, mainOf, organisation, project } from '../volunteering/fixtures.ts';

// 6 December 2026, 19:30 in China: day and month differ, so 12/06 and 06/12 would both be wrong for someone.
const DEC_6 = new Date('2026-12-06T11:30:00Z');

describe('dates a reader in China cannot misread', () => {
  it('names the month in English and keeps the year-first Chinese form', () => {
    expect(formatDate(DEC_6, 'en')).toBe('6 Dec 2026');
    expect(formatDateTime(DEC_6, 'en')).toBe('6 Dec 2026, 19:30');
    expect(formatDate(DEC_6, 'zh-CN')).toBe('2026/12/06');
    expect(formatDateTime(DEC_6, 'zh-CN')).toBe('2026/12/06 19:30');
  });

  it('uses China time, not the server clock, for the day', () => {
    // 23:30 UTC on 5 December is already 6 December in China.
    expect(formatDate(new Date('2026-12-05T23:30:00Z'), 'en')).toBe('6 Dec 2026');
  });
});

describe(`an activity page in English (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(() => p.close());

  it('shows its date as 6 Dec 2026, never 12/06/2026', async () => {
    const organiser = await citizen(p, 'alpha', '组织者');
    const orgId = await organisation(p, 'alpha', organiser.id);
    const activityId = await activity(p, 'alpha', await project(p, 'alpha', orgId, organiser.id), organiser.id, { startsAt: DEC_6 });
    const html = await mainOf(await organiser.client.get(`/activities/${activityId}`, { 'accept-language': 'en' }));
    expect(html).toContain('6 Dec 2026, 19:30');
    expect(html).not.toContain('12/06/2026');
  });
});
