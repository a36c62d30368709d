import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nudgeAfterCommit, nudgesOfSavepoint } from '../../core/db/after-commit.ts';
import type { Tx } from '../../core/db/database.ts';
import { DELIVER_MESSAGES } from '../../core/messages/job-name.ts';
import { DISPATCH_WEBHOOKS } from '../../core/webhooks/job-names.ts';
import { queuedJobs } from '../support/jobs.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let alpha: string;

beforeAll(async () => {
  p = await startTestPlatform();
  alpha = p.cities.alpha!.id;
});
afterAll(() => p.close());

const waiting = async (name: string) => (await queuedJobs(p, name)).filter((j) => j.state === 'created').length;

describe('a job nudged by a transaction that left it work', () => {
  it('is queued once the transaction has committed, before the call answers', async () => {
    await p.jobs.drain();
    expect(await waiting(DELIVER_MESSAGES)).toBe(0);
    await p.db.tenant(alpha, async (tx) => nudgeAfterCommit(tx, DELIVER_MESSAGES));
    expect(await waiting(DELIVER_MESSAGES)).toBe(1);
  });

  it('is not queued when the transaction rolls back', async () => {
    await p.jobs.drain();
    await expect(
      p.db.tenant(alpha, async (tx) => {
        nudgeAfterCommit(tx, DISPATCH_WEBHOOKS);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await waiting(DISPATCH_WEBHOOKS)).toBe(0);
  });

  it("from a savepoint, is queued when the savepoint's transaction commits", async () => {
    await p.jobs.drain();
    await p.db.tenant(alpha, async (tx) => {
      await tx.transaction(async (savepoint) => {
        nudgesOfSavepoint(tx, savepoint as Tx);
        nudgeAfterCommit(savepoint as Tx, DISPATCH_WEBHOOKS);
        await savepoint.execute(sql`select 1`);
      });
    });
    expect(await waiting(DISPATCH_WEBHOOKS)).toBe(1);
  });
});
