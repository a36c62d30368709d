import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineJob } from '../../core/jobs/define-job.ts';
import { DEMO_FOUNDATION, seedPlatformAccounts } from '../../core/platform/seed.ts';
import { TestClient } from '../support/client.ts';
import { queuedJobs, retriesDueNow } from '../support/jobs.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

const CONSOLE = 'http://localhost';

/** Fails while `failing` is set; counts every run. */
let failing = true;
let runs = 0;
const flaky = defineJob({
  name: 'test.flaky',
  retryLimit: 2,
  run: async () => {
    runs++;
    if (failing) throw new Error('printer on fire');
  },
});

let p: TestPlatform;
let operator: TestClient;

beforeAll(async () => {
  p = await startTestPlatform({ coreJobs: [flaky] });
  const { PLATFORM_ADMIN_EMAIL: email, PLATFORM_ADMIN_PASSWORD: password } = p.config;
  await seedPlatformAccounts(p.db, { operatorEmail: email, operatorPassword: password, demo: true, cityIds: [] });
  operator = new TestClient(p.app, CONSOLE);
  expect((await operator.post('/sign-in', { email, password })).status).toBe(303);
});
afterAll(() => p.close());

/** The failed jobs table's rows of the console page, as text cells. */
async function failedRows(client: TestClient): Promise<string[][]> {
  const html = await (await client.get('/jobs')).text();
  const table = html.slice(html.indexOf('id="failed-jobs"'));
  return table
    .split('<tr')
    .slice(2)
    .filter((row) => row.includes('<td') && !row.includes('class="empty"'))
    .map((row) => [...row.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim()));
}

describe('a failing job', () => {
  it('is retried with exponential backoff, then, out of tries, listed in the console', async () => {
    await p.jobs.send('test.flaky', { note: 'a volunteer’s phone number would be here' });
    await p.jobs.drain();
    expect(runs).toBe(1);
    const [first] = await queuedJobs(p, 'test.flaky');
    expect(first!.state).toBe('retry');
    // pg-boss waits 30–60 s before the first retry (with jitter), twice that before the second.
    expect(first!.waitSeconds).toBeGreaterThanOrEqual(30);
    expect(first!.waitSeconds).toBeLessThan(65);

    // Not due yet: draining runs nothing.
    await p.jobs.drain();
    expect(runs).toBe(1);

    await retriesDueNow(p);
    await p.jobs.drain();
    expect(runs).toBe(2);
    const [second] = await queuedJobs(p, 'test.flaky');
    expect(second!.waitSeconds).toBeGreaterThanOrEqual(60);
    expect(second!.waitSeconds).toBeLessThan(125);

    // retryLimit 2: a third failure is the last.
    await retriesDueNow(p);
    await p.jobs.drain();
    expect(runs).toBe(3);
    expect((await queuedJobs(p, 'test.flaky'))[0]!.state).toBe('failed');
    await retriesDueNow(p);
    await p.jobs.drain();
    expect(runs).toBe(3);

    await operator.post('/locale', { locale: 'en' });
    const rows = await failedRows(operator);
    expect(rows).toHaveLength(1);
    const [name, city, attempts, error] = rows[0]!;
    expect([name, city, attempts, error]).toEqual(['test.flaky', '—', '3', 'printer on fire']);
    // Its data is never shown.
    expect(await (await operator.get('/jobs')).text()).not.toContain('phone number');
  });

  it('is shown, and run again, only for the operator, and only from the console itself', async () => {
    const [job] = await queuedJobs(p, 'test.flaky');
    const form = { name: 'test.flaky', id: job!.id };

    const visitor = new TestClient(p.app, CONSOLE);
    expect((await visitor.get('/jobs')).status).toBe(303);
    expect((await visitor.post('/jobs/retry', form)).status).toBe(303);
    const foundation = new TestClient(p.app, CONSOLE);
    expect((await foundation.post('/sign-in', { email: DEMO_FOUNDATION.email, password: DEMO_FOUNDATION.password })).status).toBe(303);
    expect((await foundation.get('/jobs')).status).toBe(403);
    expect((await foundation.post('/jobs/retry', form)).status).toBe(403);
    // A form posted from another site is refused (CSRF).
    expect((await operator.post('/jobs/retry', form, { origin: 'http://evil.example' })).status).toBe(403);
    // Bad input changes nothing.
    expect((await operator.post('/jobs/retry', { name: 'test.flaky', id: 'not-a-uuid' })).status).toBe(303);
    expect((await operator.post('/jobs/retry', { name: 'no.such-job', id: job!.id })).status).toBe(303);
    expect((await queuedJobs(p, 'test.flaky'))[0]!.state).toBe('failed');
    await p.jobs.drain();
    expect(runs).toBe(3);
  });

  it('runs again when the operator retries it from the console, and leaves the list once it succeeds', async () => {
    failing = false;
    const [job] = await queuedJobs(p, 'test.flaky');
    const res = await operator.post('/jobs/retry', { name: 'test.flaky', id: job!.id });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/jobs');
    const page = await (await operator.get('/jobs')).text();
    expect(page).toContain('Job test.flaky is back in the queue');

    await p.jobs.drain();
    expect(runs).toBe(4);
    expect((await queuedJobs(p, 'test.flaky'))[0]!.state).toBe('completed');
    expect(await failedRows(operator)).toEqual([]);
    await operator.post('/locale', { locale: 'zh-CN' });
    expect(await (await operator.get('/jobs')).text()).toContain('没有失败的任务。');

    // Retrying it again is refused: it is no longer failed.
    await operator.post('/jobs/retry', { name: 'test.flaky', id: job!.id });
    expect(await (await operator.get('/jobs')).text()).toContain('该任务已不在失败列表中');
  });
});
