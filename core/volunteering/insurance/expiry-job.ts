import { defineJob } from '../../jobs/define-job.ts';
import { listTenants } from '../../tenancy/service.ts';
import { queuePolicyExpiryWarnings } from './expiry-warnings.ts';

/**
 * Every day at 08:00 China time, each active city's warnings of volunteer insurance ending within two
 * weeks, each city in its own tenant transaction: one city's failure is logged and
 * does not stop the others, then fails the run so the queue retries it. `at` sets
 * the instant, for tests; the schedule leaves it out.
 */
export const insuranceExpiryJob = defineJob<{ at?: string }>({
  name: 'volunteering.insurance-expiry',
  cron: '0 8 * * *',
  async run(data, { db, logger }) {
    const now = data?.at ? new Date(data.at) : new Date();
    const cities = (await db.platform((tx) => listTenants(tx))).filter((t) => t.status === 'active');
    const failed: string[] = [];
    for (const city of cities) {
      try {
        const queued = await db.tenant(city.id, (tx) => queuePolicyExpiryWarnings(tx, city.id, now));
        if (queued > 0) logger.info({ city: city.slug, queued }, 'insurance expiry warnings queued');
      } catch (err) {
        failed.push(city.slug);
        logger.error({ err, city: city.slug }, 'insurance expiry warnings could not be queued');
      }
    }
    if (failed.length > 0) throw new Error(`insurance expiry warnings failed for ${failed.join(', ')}`);
  },
});
