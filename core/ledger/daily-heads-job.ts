import { defineJob } from '../jobs/define-job.ts';
import { inEachActiveCity } from '../jobs/each-active-city.ts';
import { recordDailyHeads } from './daily-heads.ts';

/**
 * Just after midnight China time, each active city's chain head as it stood at
 * the end of the day, published on the public ledger. `at` sets the instant, for tests.
 */
export const ledgerDailyHeadsJob = defineJob<{ at?: string }>({
  name: 'ledger.daily-heads',
  cron: '5 0 * * *',
  async run(data, { db, logger }) {
    const now = data?.at ? new Date(data.at) : new Date();
    await inEachActiveCity({ db, logger }, 'ledger daily heads', (tx, tenantId) => recordDailyHeads(tx, tenantId, now));
  },
});
