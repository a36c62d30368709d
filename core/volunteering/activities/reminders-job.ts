import { defineJob } from '../../jobs/define-job.ts';
import { inEachActiveCity } from '../../jobs/each-active-city.ts';
import { queueActivityReminders } from './reminders.ts';

/**
 * Every hour (China time), each active city's due activity reminders (a retry
 * re-queues nothing already queued). `at` sets the instant, for tests; the schedule leaves it out.
 */
export const activityRemindersJob = defineJob<{ at?: string }>({
  name: 'volunteering.reminders',
  cron: '0 * * * *',
  async run(data, { db, logger }) {
    const now = data?.at ? new Date(data.at) : new Date();
    await inEachActiveCity({ db, logger }, 'activity reminders', (tx, tenantId) => queueActivityReminders(tx, tenantId, now));
  },
});
