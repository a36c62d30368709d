import { ledgerDailyHeadsJob } from '../ledger/daily-heads-job.ts';
import { deliverMessagesJob } from '../messages/deliver-job.ts';
import type { CoreJob } from './define-job.ts';
import { activityRemindersJob } from '../volunteering/activities/reminders-job.ts';
import { insuranceExpiryJob } from '../volunteering/insurance/expiry-job.ts';
import { importServiceRecordsJob } from '../volunteering/exchange/import-job.ts';
import { deliverWebhookJob } from '../webhooks/deliver-job.ts';
import { dispatchWebhooksJob } from '../webhooks/dispatch-job.ts';
import { completeTransferJob, handOverTransferJob, withdrawTransferJob } from '../volunteering/transfers/jobs.ts';

/** The core's jobs, run by the queue in every process that works jobs. Add one line a job. */
export const coreJobs: CoreJob[] = [
  deliverMessagesJob,
  activityRemindersJob,
  importServiceRecordsJob,
  insuranceExpiryJob,
  dispatchWebhooksJob,
  deliverWebhookJob,
  ledgerDailyHeadsJob,
  handOverTransferJob,
  completeTransferJob,
  withdrawTransferJob,
];
