import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db/database.ts';
import { afterQuietHours, afterRateLimit, rateLimitFor } from './schedule.ts';

export type RecipientSchedule = {
  /** When a message of this batch to `recipient` may go at the earliest; it then counts against the next. */
  next(recipient: string, message: { textOnly: boolean; essential: boolean }, now: Date): Date;
};

/**
 * The per-recipient rate limit for a batch, in two statements: the recipients are locked (one
 * queuer at a time per recipient, so two transactions cannot both take the last free slot; in one
 * order, so two batches cannot deadlock), then each one's latest scheduled messages are read.
 * The batch's own messages are counted in memory as they are given times.
 */
export async function scheduleRecipients(tx: Tx, tenantId: string, essential: boolean, recipients: readonly string[]): Promise<RecipientSchedule> {
  const distinct = [...new Set(recipients)].sort();
  const keys = sql.join(distinct.map((r) => sql`(${`messages:${tenantId}:${r}`}::text)`), sql`, `);
  await tx.execute(sql`select count(pg_advisory_xact_lock(hashtextextended(k, 0))) from (values ${keys}) as r(k)`);

  const limit = rateLimitFor(essential);
  const wanted = sql.join(distinct.map((r) => sql`(${r}::text)`), sql`, `);
  const rows = rowsOf<{ recipient: string; not_before: Date | string }>(
    await tx.execute(sql`
      select r.recipient, m.not_before from (values ${wanted}) as r(recipient)
      cross join lateral (
        select not_before from messages
        where tenant_id = ${tenantId} and recipient = r.recipient and essential = ${essential}
        order by not_before desc
        limit ${limit}
      ) m`),
  );
  // Newest first, as afterRateLimit reads them.
  const scheduled = new Map<string, Date[]>(distinct.map((r) => [r, []]));
  for (const row of rows) scheduled.get(row.recipient)!.push(new Date(row.not_before));
  for (const times of scheduled.values()) times.sort((a, b) => b.getTime() - a.getTime());

  return {
    next(recipient, message, now) {
      // Quiet hours are decided here only for a message a text is the one way to carry; one that may
      // also go by email is held back at delivery, if a text is what it goes by (core/messages/delivery.ts).
      const quiet = { channel: message.textOnly ? ('sms' as const) : ('email' as const), essential: message.essential };
      const times = scheduled.get(recipient)!;
      const at = afterQuietHours(quiet, afterRateLimit(afterQuietHours(quiet, now), times, limit));
      times.push(at);
      times.sort((a, b) => b.getTime() - a.getTime());
      return at;
    },
  };
}
