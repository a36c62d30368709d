/** The queue's own tables live in this schema, created and migrated by pg-boss itself (see installJobSchema). */
export const JOB_SCHEMA = 'pgboss';

/**
 * pg-boss settings shared by every instance: failed jobs stay in the queue's table (where
 * the console lists and retries them) for 14 days; completed ones move to the archive after
 * two days, which keeps a scheduled run's id there long enough to refuse a second copy.
 */
export const BOSS_RETENTION = {
  schema: JOB_SCHEMA,
  archiveCompletedAfterSeconds: 2 * 24 * 3600,
  archiveFailedAfterSeconds: 14 * 24 * 3600,
  deleteAfterDays: 14,
} as const;
