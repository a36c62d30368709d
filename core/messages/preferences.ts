import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import type { Channel } from './kinds.ts';
import { messagePreferences } from './schema.ts';

export type MessageChoices = { channels: Record<Channel, boolean>; optedOut: string[] };

export const DEFAULT_CHOICES: MessageChoices = { channels: { email: true, sms: true }, optedOut: [] };

/** A person's channels and opt-outs; someone who never chose gets every channel and every group. */
export async function readChoices(tx: Tx, tenantId: string, userId: string): Promise<MessageChoices> {
  const [row] = await tx
    .select()
    .from(messagePreferences)
    .where(and(eq(messagePreferences.tenantId, tenantId), eq(messagePreferences.userId, userId)));
  if (!row) return DEFAULT_CHOICES;
  return { channels: { email: row.email, sms: row.sms }, optedOut: row.optedOut };
}

export async function saveChoices(tx: Tx, tenantId: string, userId: string, choices: MessageChoices): Promise<void> {
  const values = { email: choices.channels.email, sms: choices.channels.sms, optedOut: choices.optedOut, updatedAt: new Date() };
  await tx
    .insert(messagePreferences)
    .values({ tenantId, userId, ...values })
    .onConflictDoUpdate({ target: [messagePreferences.tenantId, messagePreferences.userId], set: values });
}
