import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import type { Channel } from './kinds.ts';
import { messagePreferences } from './schema.ts';

export type MessageChoices = { channels: Record<Channel, boolean>; optedOut: string[] };

export const DEFAULT_CHOICES: MessageChoices = { channels: { email: true, sms: true }, optedOut: [] };

/** A person's channels and opt-outs; someone who never chose gets every channel and every group. */
export async function readChoices(tx: Tx, tenantId: string, userId: string): Promise<MessageChoices> {
  return (await readChoicesOf(tx, tenantId, [userId])).get(userId) ?? DEFAULT_CHOICES;
}

/** The choices of those of these people who made any (one statement): whoever is missing has the defaults. */
export async function readChoicesOf(tx: Tx, tenantId: string, userIds: readonly string[]): Promise<Map<string, MessageChoices>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(messagePreferences)
    .where(and(eq(messagePreferences.tenantId, tenantId), inArray(messagePreferences.userId, ids)));
  return new Map(rows.map((row) => [row.userId, { channels: { email: row.email, sms: row.sms }, optedOut: row.optedOut }]));
}

export async function saveChoices(tx: Tx, tenantId: string, userId: string, choices: MessageChoices): Promise<void> {
  const values = { email: choices.channels.email, sms: choices.channels.sms, optedOut: choices.optedOut, updatedAt: new Date() };
  await tx
    .insert(messagePreferences)
    .values({ tenantId, userId, ...values })
    .onConflictDoUpdate({ target: [messagePreferences.tenantId, messagePreferences.userId], set: values });
}
