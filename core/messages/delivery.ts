import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { rowsOf, type Database, type Tx } from '../db/database.ts';
import { tenants } from '../db/schema/tenancy.ts';
import { CHANNELS, type Channel } from './kinds.ts';
import { afterQuietHours, MAX_ATTEMPTS, retryDelay, SENDING_LEASE } from './schedule.ts';
import { PermanentDeliveryError, type OutgoingMessage, type Transports } from './transports/transport.ts';

export type DeliveryDeps = { db: Database; logger: Logger; transports: Transports; now?: () => Date };
export type DeliveryReport = { sent: number; retrying: number; failed: number; kept: number };

type Claimed = OutgoingMessage & { tenantId: string; kind: string; essential: boolean; attempts: number };

const BATCH = 50;
const SENDING_AT_ONCE = 4;

/**
 * Sends every due message of every city. Each batch is claimed in the city's tenant transaction
 * (FOR UPDATE SKIP LOCKED: two processes never claim the same row) and leased for SENDING_LEASE;
 * sending happens after that commit, outside any transaction, and each result is written back
 * only if the lease is still this run's. A run that dies after claiming leaves its rows due again
 * when the lease ends; see README "Messages" for what holds when it dies after the provider accepted.
 */
export async function deliverDueMessages(deps: DeliveryDeps): Promise<DeliveryReport> {
  const now = deps.now ?? (() => new Date());
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, kept: 0 };
  const cityIds = await deps.db.platform(async (tx) => (await tx.select({ id: tenants.id }).from(tenants)).map((t) => t.id));
  for (const tenantId of cityIds) {
    for (;;) {
      const { claimed, kept } = await deps.db.tenant(tenantId, (tx) => claimDueMessages(tx, tenantId, deps.transports, now(), BATCH));
      report.kept += kept;
      if (claimed.length === 0) break;
      await eachAtMost(SENDING_AT_ONCE, claimed, async (message) => {
        report[await sendClaimed(deps, tenantId, message, now)] += 1;
      });
    }
  }
  return report;
}

/**
 * In a city's transaction: messages none of whose channels has a transport become `kept`; then up
 * to `limit` due messages are claimed (status sending, one more attempt, leased until now + lease),
 * each for the first of its channels that has a transport. No text that can wait is claimed during
 * quiet hours. Each statement names the city as well as row-level security does: on Citus
 * that routes it to the city's shard, where FOR UPDATE works.
 */
export async function claimDueMessages(tx: Tx, tenantId: string, transports: Transports, now: Date, limit: number): Promise<{ claimed: Claimed[]; kept: number }> {
  const configured = sql`array[${sql.join(CHANNELS.filter((c) => transports[c]).map((c) => sql`${c}`), sql`, `)}]::text[]`;
  const keptRows = rowsOf(await tx.execute(sql`update messages set status = 'kept' where tenant_id = ${tenantId} and status = 'queued' and not (channels && ${configured}) returning id`));
  if (!CHANNELS.some((c) => transports[c])) return { claimed: [], kept: keptRows.length };
  const quietNow = afterQuietHours({ channel: 'sms', essential: false }, now).getTime() !== now.getTime();
  const leaseEnds = new Date(now.getTime() + SENDING_LEASE).toISOString();
  const goesBy = sql`(select c from unnest(channels) with ordinality as u(c, n) where c = any(${configured}) order by n limit 1)`;
  // A searched CASE, not `case due.goes_by when ...`: Citus sends the simple form to the shards garbled under RLS.
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      update messages m set status = 'sending', attempts = m.attempts + 1, not_before = ${leaseEnds}::timestamptz,
        channel = due.goes_by, address = case when due.goes_by = 'sms' then m.mobile else m.email end
      from (
        select tenant_id, id, ${goesBy} as goes_by from messages
        where tenant_id = ${tenantId} and status in ('queued', 'sending') and not_before <= ${now.toISOString()}::timestamptz and channels && ${configured}
          and (${!quietNow} or essential or ${goesBy} <> 'sms')
        order by not_before
        limit ${limit}
        for update skip locked
      ) due
      where m.tenant_id = ${tenantId} and m.tenant_id = due.tenant_id and m.id = due.id
      returning m.tenant_id, m.id, m.kind, m.channel, m.address, m.subject, m.text, m.sms_text, m.sms_template, m.sms_params, m.essential, m.attempts`),
  );
  const claimed = rows.map((r) => {
    const channel = r.channel as Channel;
    return {
      tenantId: String(r.tenant_id),
      id: String(r.id),
      kind: String(r.kind),
      channel,
      address: String(r.address),
      subject: channel === 'email' ? ((r.subject as string | null) ?? null) : null,
      text: String((channel === 'email' ? r.text : r.sms_text) ?? ''),
      smsTemplate: (r.sms_template as string | null) ?? null,
      smsParams: parseJson(r.sms_params),
      essential: Boolean(r.essential),
      attempts: Number(r.attempts),
    };
  });
  return { claimed, kept: keptRows.length };
}

/** Sends one claimed message and records the outcome, unless its lease passed to another run meanwhile. */
async function sendClaimed(deps: DeliveryDeps, tenantId: string, message: Claimed, now: () => Date): Promise<'sent' | 'retrying' | 'failed'> {
  const mine = sql`tenant_id = ${tenantId} and id = ${message.id} and status = 'sending' and attempts = ${message.attempts}`;
  try {
    const { providerMessageId } = await deps.transports[message.channel]!.send(message);
    const at = now().toISOString();
    // not_before becomes when it went (not the lease's end): the rate limit counts messages by it.
    // A sensitive body (a reset link, a code) is kept no longer than it takes to send: once sent, it is blanked.
    await deps.db.tenant(tenantId, (tx) =>
      tx.execute(sql`update messages set status = 'sent', sent_at = ${at}::timestamptz, not_before = ${at}::timestamptz, provider_message_id = ${providerMessageId}, last_error = null,
        ${blankIfSensitive} where ${mine}`),
    );
    return 'sent';
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const final = error instanceof PermanentDeliveryError || message.attempts >= MAX_ATTEMPTS;
    const retryAt = afterQuietHours(message, new Date(now().getTime() + retryDelay(message.attempts))).toISOString();
    deps.logger.warn({ messageId: message.id, kind: message.kind, channel: message.channel, attempts: message.attempts, final, reason }, 'a message was not delivered');
    await deps.db.tenant(tenantId, (tx) =>
      tx.execute(
        final
          ? sql`update messages set status = 'failed', last_error = ${reason}, ${blankIfSensitive} where ${mine}`
          : sql`update messages set status = 'queued', not_before = ${retryAt}::timestamptz, last_error = ${reason} where ${mine}`,
      ),
    );
    return final ? 'failed' : 'retrying';
  }
}

/** A sensitive body (a reset link, a code) in every channel's rendering, blanked once it has gone or never will. */
const blankIfSensitive = sql`text = case when sensitive then null else text end, sms_text = case when sensitive then null else sms_text end,
  sms_params = case when sensitive then null else sms_params end`;

/** jsonb comes back parsed from postgres.js and PGlite alike, but a string is read too. */
function parseJson(value: unknown): Record<string, string> | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, string>;
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function eachAtMost<T>(limit: number, items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
