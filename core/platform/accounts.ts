import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { platformAccounts } from '../db/schema/platform.ts';
import { blockedUntilAfterFailure, secondsUntil } from '../identity/backoff.ts';
import { hashPassword, verifyPassword } from '../identity/passwords.ts';

export type NewPlatformAccount = {
  kind: 'operator' | 'foundation';
  name: string;
  email: string;
  passwordHash: string;
  sponsoredPlugins?: string[];
};

export class EmailTakenError extends Error {
  constructor(readonly email: string) {
    super(`a platform account with ${email} exists`);
  }
}

export async function findAccountByEmail(tx: Tx, email: string) {
  const [row] = await tx.select().from(platformAccounts).where(eq(platformAccounts.email, email.trim().toLowerCase()));
  return row ?? null;
}

export async function createPlatformAccount(tx: Tx, input: NewPlatformAccount): Promise<string> {
  const email = input.email.trim().toLowerCase();
  if (await findAccountByEmail(tx, email)) throw new EmailTakenError(email);
  const id = newId();
  await tx.insert(platformAccounts).values({
    id,
    email,
    name: input.name,
    kind: input.kind,
    passwordHash: input.passwordHash,
    sponsoredPlugins: input.sponsoredPlugins ?? [],
  });
  return id;
}

export async function listFoundations(tx: Tx) {
  return tx
    .select({ id: platformAccounts.id, name: platformAccounts.name, email: platformAccounts.email, sponsoredPlugins: platformAccounts.sponsoredPlugins })
    .from(platformAccounts)
    .where(eq(platformAccounts.kind, 'foundation'))
    .orderBy(asc(platformAccounts.name));
}

type AccountRow = typeof platformAccounts.$inferSelect;

/**
 * Takes the account's turn for one password check, as a city's sign-in does
 * (core/identity/sign-in.ts): charged as a failure up front, so parallel guesses
 * meet the backoff too, and refunded by `clearConsoleSignInFailures` on success.
 */
export async function claimConsoleSignIn(
  tx: Tx,
  email: string,
  now: Date,
): Promise<{ outcome: 'unknown' } | { outcome: 'blocked'; retryAfter: number } | { outcome: 'claimed'; account: AccountRow }> {
  const account = await findAccountByEmail(tx, email);
  if (!account) return { outcome: 'unknown' };
  const [claimed] = await tx
    .update(platformAccounts)
    .set({
      failedSignIns: sql`${platformAccounts.failedSignIns} + 1`,
      signInBlockedUntil: blockedUntilAfterFailure(now, platformAccounts.failedSignIns),
    })
    .where(
      and(
        eq(platformAccounts.id, account.id),
        or(isNull(platformAccounts.signInBlockedUntil), lte(platformAccounts.signInBlockedUntil, now)),
      ),
    )
    .returning({ id: platformAccounts.id });
  if (!claimed) return { outcome: 'blocked', retryAfter: secondsUntil(account.signInBlockedUntil, now) };
  return { outcome: 'claimed', account };
}

export async function clearConsoleSignInFailures(tx: Tx, accountId: string): Promise<void> {
  await tx.update(platformAccounts).set({ failedSignIns: 0, signInBlockedUntil: null }).where(eq(platformAccounts.id, accountId));
}

let decoyHash: Promise<string> | undefined;

/**
 * Checks a password against an account's hash, or against a decoy when there is no
 * such account, so a response's timing does not tell which emails have accounts.
 */
export async function checkAccountPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash) return verifyPassword(passwordHash, password);
  decoyHash ??= hashPassword(newId());
  await verifyPassword(await decoyHash, password);
  return false;
}
