import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { users } from '../db/schema/identity.ts';
import type { Locale } from '../i18n/messages.ts';
import { currentCity } from './city-name.ts';
import { groupOf, type Channel, type MessageKind, type MessageParams } from './kinds.ts';
import { DEFAULT_CHOICES, readChoices } from './preferences.ts';
import { noteMessageQueued } from './nudge.ts';
import { afterQuietHours, afterRateLimit, rateLimitFor } from './schedule.ts';
import { messages } from './schema.ts';

export type Recipient = { userId?: string; email?: string; mobile?: string; locale?: Locale };

/**
 * Queues a message in the caller's tenant transaction: a rollback queues nothing; the same
 * idempotencyKey twice queues it once. Channel: the kind's preferred channel the recipient has
 * an address for and has not opted out of (essential kinds ignore opt-outs).
 */
export function queueMessage<P extends MessageParams>(
  tx: Tx,
  tenantId: string,
  kind: MessageKind<P>,
  to: Recipient,
  params: P,
  idempotencyKey: string,
): Promise<void> {
  return queueMessageAt(tx, tenantId, kind, to, params, idempotencyKey, new Date());
}

/** `queueMessage` at a given moment: quiet hours and the rate limit are decided against `now` (tests inject it). */
export async function queueMessageAt<P extends MessageParams>(
  tx: Tx,
  tenantId: string,
  kind: MessageKind<P>,
  to: Recipient,
  params: P,
  idempotencyKey: string,
  now: Date,
): Promise<void> {
  const person = await withAccountDetails(tx, tenantId, to);
  const choices = person.userId ? await readChoices(tx, tenantId, person.userId) : DEFAULT_CHOICES;
  if (!kind.essential && choices.optedOut.includes(groupOf(kind.id))) return;
  const channel = kind.channels.find((c) => addressFor(person, c) && (kind.essential || choices.channels[c]));
  if (!channel) return;
  const address = addressFor(person, channel)!;
  const city = await currentCity(tx);
  const locale = person.locale ?? city.defaultLocale;
  const rendered = render(kind, channel, params, locale, city.names);

  // One queuer at a time per recipient, so two transactions cannot both take the last free slot.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`messages:${tenantId}:${address}`}, 0))`);
  const limit = rateLimitFor(kind.essential);
  const scheduled = await tx
    .select({ notBefore: messages.notBefore })
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.address, address), eq(messages.essential, kind.essential)))
    .orderBy(desc(messages.notBefore))
    .limit(limit);
  const quiet = { channel, essential: kind.essential };
  const notBefore = afterQuietHours(quiet, afterRateLimit(afterQuietHours(quiet, now), scheduled.map((r) => r.notBefore), limit));

  await tx
    .insert(messages)
    .values({
      tenantId,
      id: newId(),
      kind: kind.id,
      channel,
      userId: person.userId ?? null,
      address,
      locale,
      ...rendered,
      essential: kind.essential,
      sensitive: kind.sensitive,
      notBefore,
      idempotencyKey,
      createdAt: now,
    })
    .onConflictDoNothing({ target: [messages.tenantId, messages.idempotencyKey] });
  noteMessageQueued();
}

/** A recipient named by account gets that account's addresses and language where the caller gave none. */
async function withAccountDetails(tx: Tx, tenantId: string, to: Recipient): Promise<Recipient> {
  if (!to.userId || (to.email && to.mobile && to.locale)) return to;
  const [user] = await tx
    .select({ email: users.email, mobile: users.mobile, locale: users.locale })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, to.userId)));
  if (!user) return to;
  return { userId: to.userId, email: to.email ?? user.email ?? undefined, mobile: to.mobile ?? user.mobile ?? undefined, locale: to.locale ?? user.locale ?? undefined };
}

function addressFor(to: Recipient, channel: Channel): string | undefined {
  return (channel === 'email' ? to.email : to.mobile) || undefined;
}

function render<P extends MessageParams>(kind: MessageKind<P>, channel: Channel, params: P, locale: Locale, city: { 'zh-CN': string; en: string }) {
  if (channel === 'email') {
    const { subject, text } = kind.email!(params, locale, city);
    return { subject, text, smsTemplate: null, smsParams: null };
  }
  const sms = kind.sms!;
  return { subject: null, text: sms.text(params, locale, city), smsTemplate: sms.template, smsParams: sms.params(params) };
}
