import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { platformAccounts } from '../db/schema/platform.ts';
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
