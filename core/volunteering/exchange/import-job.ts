import { refreshStatistics } from '../../db/statistics.ts';
import { defineJob } from '../../jobs/define-job.ts';
import { ledgerAccounts, ledgerEntries, ledgerTransfers } from '../../ledger/schema.ts';
import { postImportBatch } from './import-run.ts';
import { serviceRecordImportRows } from './schema.ts';

export const IMPORT_SERVICE_RECORDS = 'volunteering.import-service-records';

/** Posts a queued import batch by batch, each its own tenant transaction, so its page shows the progress. */
export const importServiceRecordsJob = defineJob<{ tenantId: string; importId: string }>({
  name: IMPORT_SERVICE_RECORDS,
  retryLimit: 3,
  async run({ tenantId, importId }, { db }) {
    for (let more = true; more; ) more = await db.tenant(tenantId, (tx) => postImportBatch(tx, tenantId, importId));
    // A city's first import can be most of its rows: its pages are planned with statistics that know them.
    await refreshStatistics(db, [ledgerTransfers, ledgerEntries, ledgerAccounts, serviceRecordImportRows]);
  },
});
