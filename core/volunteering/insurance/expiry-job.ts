import { defineJob } from '../../jobs/define-job.ts';
import { inEachActiveCity } from '../../jobs/each-active-city.ts';
import { queuePolicyExpiryWarnings } from './expiry-warnings.ts';

/**
 * Every day at 08:00 China time, each active city's warnings of volunteer insurance
 * ending within two weeks. `at` sets the instant, for tests; the schedule leaves it out.
 */
export const insuranceExpiryJob = defineJob<{ at?: string }>({
  name: 'volunteering.insurance-expiry',
  cron: '0 8 * * *',
  async run(data, { db, logger }) {
    const now = data?.at ? new Date(data.at) : new Date();
    await inEachActiveCity({ db, logger }, 'insurance expiry warnings', (tx, tenantId) => queuePolicyExpiryWarnings(tx, tenantId, now));
  },
});
