import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/db/schema/audit.ts';
import { definePlugin } from '../../core/plugin-api.ts';
import { setPluginEnablement } from '../../core/plugins/enablement.ts';
import { seedPlatformAccounts } from '../../core/platform/seed.ts';
import { TestClient } from '../support/client.ts';
import { queuedJobs, retriesDueNow } from '../support/jobs.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

/** Runs at 09:00 every morning, China time, and notes each run in the city's audit log. */
const morning = definePlugin({
  id: 'morning',
  version: '0.1.0',
  name: { 'zh-CN': '晨报', en: 'Morning' },
  settings: z.object({}),
  jobs: [{ id: 'report', cron: '0 9 * * *', run: (city) => city.work((w) => w.audit({ actor: 'plugin:morning', action: 'morning.ran' })) }],
});

/** Writes, then fails in every city whose settings say so: its write must roll back there alone. */
const grumpy = definePlugin({
  id: 'grumpy',
  version: '0.1.0',
  name: { 'zh-CN': '坏脾气', en: 'Grumpy' },
  settings: z.object({ fail: z.boolean().default(false) }),
  jobs: [
    {
      id: 'mood',
      cron: '0 9 * * *',
      run: (city) =>
        city.work(async (w) => {
          await w.audit({ actor: 'plugin:grumpy', action: 'grumpy.ran' });
          if (city.settings.fail) throw new Error('grumpy refuses this morning');
        }),
    },
  ],
});

let p: TestPlatform;
let alpha: string;
let beta: string;

beforeAll(async () => {
  p = await startTestPlatform({ plugins: [morning, grumpy] });
  alpha = p.cities.alpha!.id;
  beta = p.cities.beta!.id;
  const enable = (tenantId: string, plugin: typeof morning | typeof grumpy, enabled: boolean, settings: Record<string, unknown> = {}) =>
    p.db.tenant(tenantId, (tx) => setPluginEnablement(tx, tenantId, plugin, { enabled, settings, changedBy: 'test' }));
  await enable(alpha, morning, true);
  await enable(beta, morning, false);
  // Alpha comes first: its failure must not keep beta's run from happening.
  await enable(alpha, grumpy, true, { fail: true });
  await enable(beta, grumpy, true, { fail: false });
});
afterAll(() => p.close());

async function runs(tenantId: string, action: string): Promise<number> {
  const rows = await p.db.tenant(tenantId, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, action))));
  return rows.length;
}

/** The queue's clock set to `iso`: scheduled runs due then are queued, and everything ready is run. */
async function at(iso: string) {
  await p.jobs.tick(new Date(iso));
  await p.jobs.drain();
}

describe('plugin jobs on the queue', () => {
  it('run at 09:00 China time (01:00 UTC), once a day, in each city that enabled the plugin', async () => {
    await at('2026-03-02T01:00:00Z'); // 09:00 in Shanghai
    expect(await runs(alpha, 'morning.ran')).toBe(1);
    expect(await runs(beta, 'morning.ran')).toBe(0);

    // 09:00 UTC (17:00 in Shanghai) is no run of a job kept in China time; nor is 08:59 the next morning.
    await at('2026-03-02T09:00:00Z');
    await at('2026-03-03T00:59:00Z');
    expect(await runs(alpha, 'morning.ran')).toBe(1);

    await at('2026-03-03T01:00:00Z');
    expect(await runs(alpha, 'morning.ran')).toBe(2);
    expect(await runs(beta, 'morning.ran')).toBe(0);
  });

  it('keep one city’s failure to that city: its work rolls back, the next city’s run goes on', async () => {
    // The first test's mornings ran grumpy too: beta wrote each time, alpha's writes were rolled back.
    expect(await runs(alpha, 'grumpy.ran')).toBe(0);
    expect(await runs(beta, 'grumpy.ran')).toBe(2);
    const jobs = await queuedJobs(p, 'plugin.grumpy.mood');
    // Two scheduled runs, and each city's share of them: alpha's two wait for a retry.
    expect(jobs.filter((j) => j.state === 'retry')).toHaveLength(2);
  });

  it('show a city’s job that ran out of tries to the operator, under that city', async () => {
    for (let i = 0; i < 5; i++) {
      await retriesDueNow(p);
      await p.jobs.drain();
    }
    expect((await queuedJobs(p, 'plugin.grumpy.mood')).filter((j) => j.state === 'failed')).toHaveLength(2);
    const { PLATFORM_ADMIN_EMAIL: email, PLATFORM_ADMIN_PASSWORD: password } = p.config;
    await seedPlatformAccounts(p.db, { operatorEmail: email, operatorPassword: password, demo: false });
    const operator = new TestClient(p.app, 'http://localhost');
    expect((await operator.post('/sign-in', { email, password })).status).toBe(303);
    await operator.post('/locale', { locale: 'en' });
    const html = await (await operator.get('/jobs')).text();
    const rows = html.split('<tr').filter((row) => row.includes('plugin.grumpy.mood'));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toContain('Alpha City');
      expect(row).toContain('grumpy refuses this morning');
      expect(row).toMatch(/data-label="Attempts"[^>]*>6</);
    }
  });
});
