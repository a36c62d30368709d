import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineJob } from '../../core/jobs/define-job.ts';
import { queuedJobs } from '../support/jobs.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

const ran: number[] = [];
const early = defineJob<{ n: number }>({
  name: 'test.early',
  run: async ({ n }) => {
    ran.push(n);
  },
});

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ coreJobs: [early] });
});
afterAll(async () => {
  await p.jobs.stop();
  await p.close();
});

// core/main.ts listens before the queue starts: a request served meanwhile may queue a job.
describe(`a job queued before the queue starts (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('waits in the database and is worked once the queue runs', async () => {
    await p.jobs.send('test.early', { n: 1 });
    expect((await queuedJobs(p, 'test.early')).map((j) => j.state)).toEqual(['created']);
    expect(ran).toEqual([]);
    await p.jobs.start();
    await expect.poll(() => ran, { timeout: 30_000 }).toEqual([1]);
    await expect.poll(async () => (await queuedJobs(p, 'test.early')).map((j) => j.state), { timeout: 30_000 }).toEqual(['completed']);
  });
});
