import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db/database.ts';
import type { LocalizedText } from '../db/schema/tenancy.ts';
import { JOB_SCHEMA } from './boss-options.ts';

/** A job out of tries, as the console shows it: never its data (it may name people), only where and why. */
export type FailedJob = {
  id: string;
  name: string;
  city: LocalizedText | null;
  attempts: number;
  error: string;
  failedAt: Date;
};

const LIMIT = 200;

/**
 * The latest failed jobs (pg-boss keeps them 14 days), newest first. pg-boss has no
 * call that lists failed jobs across queues, so this reads its job table, as the owner.
 */
export async function listFailedJobs(tx: Tx): Promise<FailedJob[]> {
  const rows = rowsOf<{ id: string; name: string; names: LocalizedText | null; retry_count: number; message: string | null; completed_on: Date | string }>(
    await tx.execute(sql`
      select j.id, j.name, t.names, j.retry_count, j.output ->> 'message' as message, j.completed_on
      from ${sql.raw(JOB_SCHEMA)}.job j
      left join tenants t on t.id::text = j.data ->> 'tenantId'
      where j.state = 'failed'
      order by j.completed_on desc, j.id
      limit ${LIMIT}`),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    city: r.names,
    attempts: r.retry_count + 1,
    error: r.message ?? '',
    failedAt: new Date(r.completed_on),
  }));
}
