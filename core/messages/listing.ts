import { count, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import type { Channel } from './kinds.ts';
import { maskAddress } from './masking.ts';
import { messages, type MessageStatus } from './schema.ts';

/** One line of a city's message list: a masked address, and the content only of a kind that is not sensitive. */
export type ListedMessage = {
  id: string;
  createdAt: Date;
  sentAt: Date | null;
  kind: string;
  channel: Channel;
  to: string;
  status: MessageStatus;
  attempts: number;
  content: { subject: string | null; text: string } | null;
};

/** The message as the channel it goes (or went) by carries it. */
function contentBy(m: { channel: Channel; subject: string | null; text: string | null; smsText: string | null }): { subject: string | null; text: string } {
  return m.channel === 'sms' ? { subject: null, text: m.smsText ?? '' } : { subject: m.subject, text: m.text ?? '' };
}

/** A city's messages, newest first. Sensitive bodies never leave this function. */
export async function listCityMessages(tx: Tx, tenantId: string, page: number, pageSize: number): Promise<{ rows: ListedMessage[]; total: number }> {
  const [rows, [totals]] = await Promise.all([
    tx
      .select()
      .from(messages)
      .where(eq(messages.tenantId, tenantId))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ total: count() }).from(messages).where(eq(messages.tenantId, tenantId)),
  ]);
  return {
    total: totals?.total ?? 0,
    rows: rows.map((m) => ({
      id: m.id,
      createdAt: m.createdAt,
      sentAt: m.sentAt,
      kind: m.kind,
      channel: m.channel,
      to: maskAddress(m.address),
      status: m.status,
      attempts: m.attempts,
      content: m.sensitive ? null : contentBy(m),
    })),
  };
}
