import type { Config } from '../config.ts';
import { defineJob } from '../jobs/define-job.ts';
import { deliverDueMessages } from './delivery.ts';
import { DELIVER_MESSAGES } from './job-name.ts';
import { transportsFromConfig } from './transports/from-config.ts';
import type { Transports } from './transports/transport.ts';

// One set of transports per configuration, so the SMTP connection pool outlives a single run.
const transportsByConfig = new WeakMap<Config, Transports>();

/**
 * Every minute, and when a request has queued a message: delivers what is due. Its own retries are
 * per message (core/messages/schedule.ts); a failed run (the database away) is simply run again.
 */
export const deliverMessagesJob = defineJob({
  name: DELIVER_MESSAGES,
  cron: '* * * * *',
  retryLimit: 2,
  async run(_data, { db, logger, config }) {
    let transports = transportsByConfig.get(config);
    if (!transports) transportsByConfig.set(config, (transports = transportsFromConfig(config)));
    const report = await deliverDueMessages({ db, logger, transports });
    if (report.sent + report.failed + report.retrying > 0) logger.info(report, 'messages delivered');
  },
});
