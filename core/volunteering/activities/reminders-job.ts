import { defineJob } from '../../jobs/define-job.ts';
import { listTenants } from '../../tenancy/service.ts';
import { queueActivityReminders } from './reminders.ts';

/**
 * Every hour (China time), each active city's due activity reminders, each city
 * in its own tenant transaction: one city's failure is logged and does not stop
 * the others, then fails the run so the queue retries it (a retry re-queues
 * nothing already queued). `at` sets the instant, for tests; the schedule leaves it out.
 */
export const activityRemindersJob = defineJob<{ at?: string }>({
  name: 'volunteering.reminders',
  cron: '0 * * * *',
  async run(data, { db, logger }) {
    const now = data?.at ? new Date(data.at) : new Date();
    const cities = (await db.platform((tx) => listTenants(tx))).filter((t) => t.status === 'active');
    const failed: string[] = [];
    for (const city of cities) {
      try {
        const queued = await db.tenant(city.id, (tx) => queueActivityReminders(tx, city.id, now));
        if (queued > 0) logger.info({ city: city.slug, queued }, 'activity reminders queued');
      } catch (err) {
        failed.push(city.slug);
        logger.error({ err, city: city.slug }, 'activity reminders could not be queued');
      }
    }
    if (failed.length > 0) throw new Error(`activity reminders failed for ${failed.join(', ')}`);
  },
});
