import { nudgeAfterCommit } from '../db/after-commit.ts';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Locale } from '../i18n/messages.ts';
import { currentCity } from './city-name.ts';
import { DELIVER_MESSAGES } from './job-name.ts';
import { groupOf, type Channel, type CityName, type MessageKind, type MessageParams } from './kinds.ts';
import { DEFAULT_CHOICES, readChoicesOf } from './preferences.ts';
import { scheduleRecipients } from './recipient-schedule.ts';
import { addressFor, withAccountDetails, type Recipient } from './recipients.ts';
import { messages } from './schema.ts';

export type { Recipient } from './recipients.ts';

/** One message of a batch: to whom, with what, and the key that queues it once however often it is offered. */
export type Addressed<P extends MessageParams> = { to: Recipient; params: P; idempotencyKey: string };

/** A batch is queued this many messages at a time, each chunk in at most six statements. */
export const MESSAGES_A_CHUNK = 500;

/**
 * Queues a message in the caller's tenant transaction: a rollback queues nothing; the same
 * idempotencyKey twice queues it once. It keeps a rendering for every channel the recipient can
 * get it by (an address on file and, unless the kind is essential, not turned off); which one it
 * goes by is decided at delivery, from the providers configured then.
 */
export function queueMessage<P extends MessageParams>(tx: Tx, tenantId: string, kind: MessageKind<P>, to: Recipient, params: P, idempotencyKey: string): Promise<void> {
  return queueMessagesAt(tx, tenantId, kind, [{ to, params, idempotencyKey }], new Date());
}

/** `queueMessage` at a given moment: quiet hours and the rate limit are decided against `now` (tests inject it). */
export function queueMessageAt<P extends MessageParams>(tx: Tx, tenantId: string, kind: MessageKind<P>, to: Recipient, params: P, idempotencyKey: string, now: Date): Promise<void> {
  return queueMessagesAt(tx, tenantId, kind, [{ to, params, idempotencyKey }], now);
}

/**
 * `queueMessage` for many messages of one kind (reminders, notices to everyone a change concerns):
 * the same rules and keys, in a fixed number of statements a chunk instead of about six a message.
 */
export function queueMessages<P extends MessageParams>(tx: Tx, tenantId: string, kind: MessageKind<P>, batch: readonly Addressed<P>[]): Promise<void> {
  return queueMessagesAt(tx, tenantId, kind, batch, new Date());
}

export async function queueMessagesAt<P extends MessageParams>(tx: Tx, tenantId: string, kind: MessageKind<P>, batch: readonly Addressed<P>[], now: Date): Promise<void> {
  const keys = new Set<string>();
  const unique = batch.filter((m) => !keys.has(m.idempotencyKey) && keys.add(m.idempotencyKey));
  if (unique.length === 0) return;
  const city = await currentCity(tx);
  let offered = 0;
  for (let from = 0; from < unique.length; from += MESSAGES_A_CHUNK) {
    offered += await queueChunk(tx, tenantId, kind, unique.slice(from, from + MESSAGES_A_CHUNK), now, city);
  }
  if (offered > 0) nudgeAfterCommit(tx, DELIVER_MESSAGES);
}

/** Addresses (one statement), choices (one), the recipients' locks and schedules (two), the rows (one); answers how many it offered the outbox. */
async function queueChunk<P extends MessageParams>(
  tx: Tx,
  tenantId: string,
  kind: MessageKind<P>,
  chunk: readonly Addressed<P>[],
  now: Date,
  city: { names: CityName; defaultLocale: Locale },
): Promise<number> {
  const people = await withAccountDetails(tx, tenantId, chunk.map((m) => m.to));
  const choices = await readChoicesOf(tx, tenantId, people.flatMap((person) => (person.userId ? [person.userId] : [])));
  const planned = chunk.flatMap((message, i) => {
    const person = people[i]!;
    const choice = (person.userId && choices.get(person.userId)) || DEFAULT_CHOICES;
    if (!kind.essential && choice.optedOut.includes(groupOf(kind.id))) return [];
    const channels = kind.channels.filter((c) => addressFor(person, c) && (kind.essential || choice.channels[c]));
    const first = channels[0];
    if (!first) return [];
    return [{ message, person, channels, address: addressFor(person, first)!, recipient: person.userId ?? addressFor(person, first)! }];
  });
  if (planned.length === 0) return 0;

  const schedule = await scheduleRecipients(tx, tenantId, kind.essential, planned.map((p) => p.recipient));
  const rows = planned.map(({ message, person, channels, address, recipient }) => {
    const locale = person.locale ?? city.defaultLocale;
    return {
      tenantId,
      id: newId(),
      kind: kind.id,
      channels,
      channel: channels[0]!,
      userId: person.userId ?? null,
      address,
      email: channels.includes('email') ? person.email! : null,
      mobile: channels.includes('sms') ? person.mobile! : null,
      recipient,
      locale,
      ...renderings(kind, channels, message.params, locale, city.names),
      essential: kind.essential,
      sensitive: kind.sensitive,
      notBefore: schedule.next(recipient, { textOnly: channels.every((c) => c === 'sms'), essential: kind.essential }, now),
      idempotencyKey: message.idempotencyKey,
      createdAt: now,
    };
  });
  await tx.insert(messages).values(rows).onConflictDoNothing({ target: [messages.tenantId, messages.idempotencyKey] });
  return rows.length;
}

/** The message as each of its channels carries it. */
function renderings<P extends MessageParams>(kind: MessageKind<P>, channels: Channel[], params: P, locale: Locale, city: CityName) {
  const email = channels.includes('email') ? kind.email!(params, locale, city) : null;
  const sms = channels.includes('sms') ? kind.sms! : null;
  return {
    subject: email?.subject ?? null,
    text: email?.text ?? null,
    smsText: sms ? sms.text(params, locale, city) : null,
    smsTemplate: sms?.template ?? null,
    smsParams: sms ? sms.params(params) : null,
  };
}
