import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineJob } from '../../core/jobs/define-job.ts';
import { seedPlatformAccounts } from '../../core/platform/seed.ts';
import { TestClient } from '../support/client.ts';
import { queuedJobs, retriesDueNow } from '../support/jobs.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

const CONSOLE = 'http://localhost';

/** Always fails: every copy ends failed, or waits for its retry. */
const stuck = defineJob({
  name: 'test.stuck',
  retryLimit: 1,
  run: async () => {
    throw new Error('paper jam');
  },
});

let p: TestPlatform;
let operator: TestClient;

beforeAll(async () => {
  p = await startTestPlatform({ coreJobs: [stuck] });
  const { PLATFORM_ADMIN_EMAIL: email, PLATFORM_ADMIN_PASSWORD: password } = p.config;
  await seedPlatformAccounts(p.db, { operatorEmail: email, operatorPassword: password, demo: false, cityIds: [] });
  operator = new TestClient(p.app, CONSOLE);
  expect((await operator.post('/sign-in', { email, password })).status).toBe(303);
  await operator.post('/locale', { locale: 'en' });
});
afterAll(() => p.close());

/** A copy of test.stuck under `key` that has used all its tries. */
async function failedCopy(key: string): Promise<string> {
  await p.jobs.send('test.stuck', {}, { singletonKey: key });
  await p.jobs.drain();
  await retriesDueNow(p);
  await p.jobs.drain();
  const failed = (await queuedJobs(p, 'test.stuck')).filter((j) => j.state === 'failed');
  return failed.at(-1)!.id;
}

const states = async () => (await queuedJobs(p, 'test.stuck')).map((j) => j.state);

describe('"Run again" on a failed job whose singleton key already has a copy waiting', () => {
  it('a copy waiting for its own retry: the page says so, and nothing changes', async () => {
    const failedId = await failedCopy('printer-1');
    // Another copy under the same key fails once and waits for its retry.
    await p.jobs.send('test.stuck', {}, { singletonKey: 'printer-1' });
    await p.jobs.drain();
    expect(await states()).toEqual(['failed', 'retry']);

    const res = await operator.post('/jobs/retry', { name: 'test.stuck', id: failedId });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/jobs');
    const page = await (await operator.get('/jobs')).text();
    expect(page).toContain('Another copy of test.stuck is already waiting to run');
    expect(await states()).toEqual(['failed', 'retry']);
  });

  it('a copy queued and not yet run: the page says so in Chinese too, and no second copy waits', async () => {
    const failedId = await failedCopy('printer-2');
    await p.jobs.send('test.stuck', {}, { singletonKey: 'printer-2' });
    const before = await states();
    expect(before.at(-1)).toBe('created');

    await operator.post('/locale', { locale: 'zh-CN' });
    await operator.post('/jobs/retry', { name: 'test.stuck', id: failedId });
    expect(await (await operator.get('/jobs')).text()).toContain('该任务已有一份在等待运行');
    expect(await states()).toEqual(before);
  });
});
