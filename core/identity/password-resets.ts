import { and, eq, isNull, lt } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { passwordResets, sessions, users } from '../db/schema/identity.ts';
import type { Locale } from '../i18n/messages.ts';
import { queueMessage } from '../messages/outbox.ts';
import type { Login } from './forms.ts';
import { passwordResetCodeKind, passwordResetLinkKind } from './message-kinds.ts';
import { CODE_MINUTES, hashCode, judgeCode, MAX_WRONG_CODES, randomCode, type CodeVerdict } from './one-time-codes.ts';
import { hashSecretHex, randomToken } from './tokens.ts';

/** A reset link works for this long after it is sent. */
export const RESET_LINK_MINUTES = 30;
const MINUTE_MS = 60_000;
/** Used and expired requests are kept a day, so an old link still says why it no longer works. */
const KEEP_MS = 24 * 60 * MINUTE_MS;

export type ResetRequest = { login: Login; locale: Locale; linkFor: (token: string) => string; address: string | null };

/**
 * Asks for a new password in the caller's transaction: by email a link, by
 * mobile a code, sent only when the address has an account here. Every request
 * gets a row, with or without an account (then its secret is sent to nobody),
 * so the work, and entering codes, answer alike. The id names the request in
 * the form that takes the code.
 */
export async function requestPasswordReset(tx: Tx, tenantId: string, request: ResetRequest, now: Date): Promise<{ resetId: string }> {
  await tx.delete(passwordResets).where(and(eq(passwordResets.tenantId, tenantId), lt(passwordResets.expiresAt, new Date(now.getTime() - KEEP_MS))));
  const { login } = request;
  const [user] = await tx
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), login.kind === 'email' ? eq(users.email, login.email) : eq(users.mobile, login.mobile)));
  const id = newId();
  const userId = user?.id ?? null;
  const locale = user?.locale ?? request.locale;
  const idempotencyKey = `password-reset:${id}`;
  if (login.kind === 'email') {
    const token = randomToken();
    await insertReset(tx, tenantId, { id, userId, channel: 'email', secretHash: hashSecretHex(token) }, now, RESET_LINK_MINUTES);
    if (!user) return { resetId: id };
    await queueMessage(tx, tenantId, passwordResetLinkKind, { userId: user.id, email: login.email, locale }, { link: request.linkFor(token), minutes: RESET_LINK_MINUTES }, idempotencyKey);
  } else {
    const code = randomCode();
    await insertReset(tx, tenantId, { id, userId, channel: 'sms', secretHash: hashCode(id, code) }, now, CODE_MINUTES);
    if (!user) return { resetId: id };
    await queueMessage(tx, tenantId, passwordResetCodeKind, { userId: user.id, mobile: login.mobile, locale }, { code, minutes: CODE_MINUTES }, idempotencyKey);
  }
  await recordAudit(tx, tenantId, { actor: 'anonymous', action: 'user.password_reset_requested', target: `user:${user.id}`, address: request.address, detail: { channel: login.kind === 'email' ? 'email' : 'sms' } });
  return { resetId: id };
}

async function insertReset(
  tx: Tx,
  tenantId: string,
  row: { id: string; userId: string | null; channel: 'email' | 'sms'; secretHash: string },
  now: Date,
  minutes: number,
): Promise<void> {
  await tx.insert(passwordResets).values({ tenantId, ...row, createdAt: now, expiresAt: new Date(now.getTime() + minutes * MINUTE_MS) });
}

export type LinkState = 'open' | 'expired' | 'used' | 'unknown';

async function findLink(tx: Tx, tenantId: string, token: string, lock: boolean) {
  const query = tx
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.tenantId, tenantId), eq(passwordResets.channel, 'email'), eq(passwordResets.secretHash, hashSecretHex(token))));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

function linkState(row: typeof passwordResets.$inferSelect | null, now: Date): LinkState {
  if (!row || !row.userId) return 'unknown';
  if (row.usedAt) return 'used';
  return row.expiresAt <= now ? 'expired' : 'open';
}

/** Whether a reset link can still be used, before the person types a new password. */
export async function resetLinkState(tx: Tx, tenantId: string, token: string, now: Date): Promise<LinkState> {
  return linkState(await findLink(tx, tenantId, token, false), now);
}

export type NewPassword = { passwordHash: string; address: string | null };

/** Sets the new password through a link; anything but 'open' changes nothing. */
export async function resetWithLink(tx: Tx, tenantId: string, token: string, input: NewPassword, now: Date): Promise<LinkState> {
  const row = await findLink(tx, tenantId, token, true);
  const state = linkState(row, now);
  if (state === 'open') await setNewPassword(tx, tenantId, row!.userId!, input, now, 'email');
  return state;
}

/**
 * Sets the new password through an SMS code. A wrong code is counted (a few burn
 * the request); a request without an account can never be right, and answers
 * 'wrong' like a real one would.
 */
export async function resetWithCode(
  tx: Tx,
  tenantId: string,
  resetId: string,
  code: string,
  input: NewPassword,
  now: Date,
): Promise<{ verdict: CodeVerdict; triesLeft: number }> {
  const [row] = await tx
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.tenantId, tenantId), eq(passwordResets.id, resetId), eq(passwordResets.channel, 'sms')))
    .for('update');
  if (!row) return { verdict: 'expired', triesLeft: 0 };
  const verdict = judgeCode({ id: row.id, codeHash: row.secretHash, wrongCodes: row.wrongCodes, expiresAt: row.expiresAt, usedAt: row.usedAt }, code, now);
  if (verdict === 'right' && row.userId) {
    await setNewPassword(tx, tenantId, row.userId, input, now, 'sms');
    return { verdict, triesLeft: 0 };
  }
  if (verdict === 'right' || verdict === 'wrong') {
    // Counted under the row lock: concurrent guesses at one request cannot all slip under the limit.
    await tx.update(passwordResets).set({ wrongCodes: row.wrongCodes + 1 }).where(and(eq(passwordResets.tenantId, tenantId), eq(passwordResets.id, row.id)));
    return { verdict: 'wrong', triesLeft: MAX_WRONG_CODES - row.wrongCodes - 1 };
  }
  return { verdict, triesLeft: 0 };
}

/**
 * The new password ends every session of the account (whoever knew the old one
 * is out), clears the sign-in backoff, and uses up every open reset of the
 * account. Passkeys stay: they were never the lost secret.
 */
async function setNewPassword(tx: Tx, tenantId: string, userId: string, input: NewPassword, now: Date, channel: 'email' | 'sms'): Promise<void> {
  await tx
    .update(users)
    .set({ passwordHash: input.passwordHash, failedSignIns: 0, signInBlockedUntil: null })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  await tx.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId)));
  await tx
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.tenantId, tenantId), eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  await recordAudit(tx, tenantId, { actor: `user:${userId}`, action: 'user.password_reset', target: `user:${userId}`, address: input.address, detail: { channel } });
}
