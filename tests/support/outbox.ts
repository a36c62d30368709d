import { desc, eq, or } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import type { Channel } from '../../core/messages/kinds.ts';
import { messages, type MessageStatus } from '../../core/messages/schema.ts';

export type OutboxMessage = { kind: string; channel: Channel; subject: string | null; text: string; status: MessageStatus };

/**
 * The messages queued or sent to an email address or mobile number, in every city, newest first:
 * how a test reads the reset link or the code a person would have received. A message that may go
 * by either channel is listed under both addresses, each with its channel's rendering.
 */
export async function messagesTo(platform: { db: Database }, address: string): Promise<OutboxMessage[]> {
  return (await outboxTo(platform, address)).map(({ kind, channel, subject, text, status }) => ({ kind, channel, subject, text, status }));
}

/** `messagesTo`, with whether each is sensitive and its idempotency key. */
export async function outboxTo(platform: { db: Database }, address: string): Promise<(OutboxMessage & { sensitive: boolean; key: string })[]> {
  const rows = await platform.db.platform((tx) =>
    tx
      .select()
      .from(messages)
      .where(or(eq(messages.email, address), eq(messages.mobile, address)))
      .orderBy(desc(messages.createdAt), desc(messages.id)),
  );
  return rows.map((m) => ({
    kind: m.kind,
    ...(m.email === address ? { channel: 'email' as const, subject: m.subject, text: m.text ?? '' } : { channel: 'sms' as const, subject: null, text: m.smsText ?? '' }),
    status: m.status,
    sensitive: m.sensitive,
    key: m.idempotencyKey,
  }));
}
