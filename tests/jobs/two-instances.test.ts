import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type Database } from '../../core/db/database.ts';
import { defineJob } from '../../core/jobs/define-job.ts';
import { createJobQueue, type RunningJobQueue } from '../../core/jobs/queue.ts';
import { createLogger } from '../../core/http/logger.ts';
import { queuedJobs } from '../support/jobs.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

/** Opens a gate a job waits at, and tells when the job has reached it. */
function gate() {
  let open!: () => void;
  let reached!: () => void;
  return { opened: new Promise<void>((r) => (open = r)), reachedAt: new Promise<void>((r) => (reached = r)), open: () => open(), reached: () => reached() };
}

let slowGate = gate();
let running = 0;
let mostAtOnce = 0;
const slowRuns: string[] = [];
const slow = defineJob<{ n: number }>({
  name: 'test.slow',
  run: async ({ n }) => {
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    slowRuns.push(`slow ${n}`);
    slowGate.reached();
    await slowGate.opened;
    running--;
  },
});
const counted: number[] = [];
const count = defineJob<{ n: number }>({ name: 'test.count', run: async ({ n }) => void counted.push(n) });
let nightlyRuns = 0;
const nightly = defineJob({ name: 'test.nightly', cron: '0 2 * * *', run: async () => void nightlyRuns++ });
const jobs = [slow, count, nightly];

// Two app processes on one PostgreSQL database: each has its own connections and its own queue.
// PGlite is one process with one connection: there is no second instance to race with.
describe.skipIf(!process.env.DATABASE_URL)('two queue instances on one PostgreSQL database (WEB_CONCURRENCY=2)', () => {
  let p: TestPlatform;
  let otherDb: Database;
  let other: RunningJobQueue;

  beforeAll(async () => {
    p = await startTestPlatform({ coreJobs: jobs });
    otherDb = await openDatabase({ url: p.url!, maxConnections: 4 });
    other = createJobQueue({ db: otherDb, config: p.config, logger: createLogger('silent'), registry: p.registry, coreJobs: jobs });
  });
  afterAll(async () => {
    await otherDb.close();
    await p.close();
  });

  it('never run one job twice at once: the second finds nothing while the first runs it', async () => {
    await p.jobs.send('test.slow', { n: 1 });
    const first = p.jobs.drain();
    await slowGate.reachedAt;
    await other.drain();
    expect(slowRuns).toEqual(['slow 1']);
    slowGate.open();
    await first;
    await other.drain();
    expect(slowRuns).toEqual(['slow 1']);
    expect(mostAtOnce).toBe(1);
    expect((await queuedJobs(p, 'test.slow')).map((j) => j.state)).toEqual(['completed']);
  });

  it('share a batch of jobs, each run exactly once', async () => {
    for (let n = 0; n < 20; n++) await (n % 2 ? p.jobs : other).send('test.count', { n });
    await Promise.all([p.jobs.drain(), other.drain(), p.jobs.drain(), other.drain()]);
    expect([...counted].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });

  it('queue a scheduled run once, however many processes tick at its time', async () => {
    const at = new Date('2026-03-02T18:00:00Z'); // 02:00 in Shanghai
    await Promise.all([p.jobs.tick(at), other.tick(at), p.jobs.tick(new Date(at.getTime() + 30_000)), other.tick(at)]);
    await Promise.all([p.jobs.drain(), other.drain()]);
    expect(nightlyRuns).toBe(1);
    expect(await queuedJobs(p, 'test.nightly')).toHaveLength(1);
  });

  it('start together on queues neither has made yet: both get ready, each queue made once', async () => {
    // Making a queue attaches a table to pg-boss's job table; made at once in two processes, that can deadlock.
    const fresh = Array.from({ length: 12 }, (_, n) => defineJob({ name: `test.fresh-${n}`, run: async () => {} }));
    const dbs = await Promise.all([1, 2].map(() => openDatabase({ url: p.url!, maxConnections: 4 })));
    try {
      const queues = dbs.map((db) => createJobQueue({ db, config: p.config, logger: createLogger('silent'), registry: p.registry, coreJobs: fresh }));
      await Promise.all(queues.map((q) => q.tick()));
      const [row] = await p.db.platform((tx) =>
        tx.execute(sql`select count(*)::int as made from pgboss.queue where name like 'test.fresh-%'`).then((r) => rowsOf<{ made: number }>(r)),
      );
      expect(row?.made).toBe(12);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
    }
  });
});
