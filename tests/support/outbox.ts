import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import type { Channel } from '../../core/messages/kinds.ts';
import { messages, type MessageStatus } from '../../core/messages/schema.ts';

export type OutboxMessage = { kind: string; channel: Channel; subject: string | null; text: string; status: MessageStatus };

/**
 * The messages queued or sent to an email address or mobile number, in every city, newest first:
 * how a test reads the reset link or the code a person would have received.
 */
export async function messagesTo(platform: { db: Database }, address: string): Promise<OutboxMessage[]> {
  return platform.db.platform((tx) =>
    tx
      .select({ kind: messages.kind, channel: messages.channel, subject: messages.subject, text: messages.text, status: messages.status })
      .from(messages)
      .where(eq(messages.address, address))
      .orderBy(desc(messages.createdAt), desc(messages.id)),
  );
}
