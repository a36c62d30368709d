import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineJob } from '../../core/jobs/define-job.ts';
import { queuedJobs } from '../support/jobs.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

let openGate!: () => void;
const gateOpened = new Promise<void>((resolve) => (openGate = resolve));
let reached!: () => void;
const gateReached = new Promise<void>((resolve) => (reached = resolve));
const ran: number[] = [];
const slow = defineJob<{ n: number }>({
  name: 'test.slow',
  run: async ({ n }) => {
    ran.push(n);
    reached();
    await gateOpened;
  },
});

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ coreJobs: [slow] });
});
afterAll(() => p.close());

// What SIGTERM does in core/main.ts: stop serving, jobs.stop(), then close the database.
describe(`a working queue stopping (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('takes no more jobs but lets the running one finish before it returns', async () => {
    await p.jobs.start();
    await p.jobs.send('test.slow', { n: 1 });
    await gateReached; // the worker took job 1
    let stopped = false;
    const stopping = p.jobs.stop().then(() => (stopped = true));
    await p.jobs.send('test.slow', { n: 2 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    openGate();
    await stopping;
    expect(ran).toEqual([1]);
    expect((await queuedJobs(p, 'test.slow')).map((j) => j.state)).toEqual(['completed', 'created']);
  });
});
