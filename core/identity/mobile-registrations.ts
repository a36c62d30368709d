import { and, eq, lt } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { mobileRegistrations } from '../db/schema/identity.ts';
import type { Locale } from '../i18n/messages.ts';
import { queueMessage } from '../messages/outbox.ts';
import type { CityEvents } from '../plugins/events.ts';
import { mobileRegistrationCodeKind } from './message-kinds.ts';
import { CODE_MINUTES, hashCode, judgeCode, MAX_WRONG_CODES, randomCode, RESEND_COOLDOWN_SECONDS, type CodeVerdict } from './one-time-codes.ts';
import { registerUser } from './registration.ts';

const MINUTE_MS = 60_000;
/** A registration nobody finished is forgotten a day after its last code, name and password hash with it. */
const KEEP_MS = 24 * 60 * MINUTE_MS;

export type PendingRegistration = { name: string; mobile: string; passwordHash: string };

async function sendCode(tx: Tx, tenantId: string, row: { id: string; mobile: string }, locale: Locale, now: Date) {
  const code = randomCode();
  const fresh = { codeHash: hashCode(row.id, code), wrongCodes: 0, sentAt: now, expiresAt: new Date(now.getTime() + CODE_MINUTES * MINUTE_MS) };
  await queueMessage(tx, tenantId, mobileRegistrationCodeKind, { mobile: row.mobile, locale }, { code, minutes: CODE_MINUTES }, `registration-code:${row.id}:${now.getTime()}`);
  return fresh;
}

/**
 * Keeps a registration by mobile number aside and texts the number a code; the
 * account is made only by `completeMobileRegistration`. Each registration has
 * its own row and code, so a second one for the same number (someone else's
 * try) cannot replace the password of the first.
 */
export async function startMobileRegistration(tx: Tx, tenantId: string, input: PendingRegistration, locale: Locale, now: Date): Promise<string> {
  await tx.delete(mobileRegistrations).where(and(eq(mobileRegistrations.tenantId, tenantId), lt(mobileRegistrations.sentAt, new Date(now.getTime() - KEEP_MS))));
  const id = newId();
  await tx.insert(mobileRegistrations).values({ tenantId, id, ...input, ...(await sendCode(tx, tenantId, { id, mobile: input.mobile }, locale, now)) });
  return id;
}

const findPending = async (tx: Tx, tenantId: string, id: string) =>
  (await tx.select().from(mobileRegistrations).where(and(eq(mobileRegistrations.tenantId, tenantId), eq(mobileRegistrations.id, id))).for('update'))[0] ?? null;

/** The number and the time of the last code of a waiting registration, for its page; null once it is finished or forgotten. */
export async function pendingRegistration(tx: Tx, tenantId: string, id: string): Promise<{ mobile: string; sentAt: Date } | null> {
  const [row] = await tx
    .select({ mobile: mobileRegistrations.mobile, sentAt: mobileRegistrations.sentAt })
    .from(mobileRegistrations)
    .where(and(eq(mobileRegistrations.tenantId, tenantId), eq(mobileRegistrations.id, id)));
  return row ?? null;
}

/** Seconds until a new code may be sent for this registration; 0 when it may now. */
export function resendWait(sentAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((sentAt.getTime() + RESEND_COOLDOWN_SECONDS * 1000 - now.getTime()) / 1000));
}

export type ResendResult = { kind: 'sent'; mobile: string } | { kind: 'cooldown'; mobile: string; wait: number } | { kind: 'unknown' };

/** A new code (the old one stops working), once the cooldown since the last one is over. */
export async function resendRegistrationCode(tx: Tx, tenantId: string, id: string, locale: Locale, now: Date): Promise<ResendResult> {
  const row = await findPending(tx, tenantId, id);
  if (!row) return { kind: 'unknown' };
  const wait = resendWait(row.sentAt, now);
  if (wait) return { kind: 'cooldown', mobile: row.mobile, wait };
  await tx.update(mobileRegistrations).set(await sendCode(tx, tenantId, row, locale, now)).where(and(eq(mobileRegistrations.tenantId, tenantId), eq(mobileRegistrations.id, id)));
  return { kind: 'sent', mobile: row.mobile };
}

export type CompleteResult =
  | { verdict: 'right'; registered: boolean }
  | { verdict: 'gone' }
  | { verdict: Exclude<CodeVerdict, 'right'>; triesLeft: number; mobile: string; sentAt: Date };

/**
 * Registers the number once its code is entered ('gone' when the registration
 * is finished or forgotten). `registered` is false when the
 * number got an account here meanwhile: the person proved the number is theirs,
 * so they may be told, and the waiting registration is dropped either way.
 */
export async function completeMobileRegistration(
  tx: Tx,
  tenantId: string,
  input: { id: string; code: string; address: string | null },
  events: CityEvents,
  now: Date,
): Promise<CompleteResult> {
  const row = await findPending(tx, tenantId, input.id);
  if (!row) return { verdict: 'gone' };
  const verdict = judgeCode(row, input.code, now);
  const where = and(eq(mobileRegistrations.tenantId, tenantId), eq(mobileRegistrations.id, row.id));
  if (verdict === 'right') {
    await tx.delete(mobileRegistrations).where(where);
    const userId = await registerUser(tx, tenantId, { name: row.name, login: { kind: 'mobile', mobile: row.mobile }, passwordHash: row.passwordHash, address: input.address }, events);
    return { verdict, registered: userId !== null };
  }
  if (verdict === 'wrong') await tx.update(mobileRegistrations).set({ wrongCodes: row.wrongCodes + 1 }).where(where);
  const triesLeft = verdict === 'wrong' ? MAX_WRONG_CODES - row.wrongCodes - 1 : 0;
  return { verdict, triesLeft, mobile: row.mobile, sentAt: row.sentAt };
}
