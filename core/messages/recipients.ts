import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { users } from '../db/schema/identity.ts';
import type { Locale } from '../i18n/messages.ts';
import type { Channel } from './kinds.ts';

export type Recipient = { userId?: string; email?: string; mobile?: string; locale?: Locale };

/** Recipients named by account get that account's addresses and language where the caller gave none (one statement for all). */
export async function withAccountDetails(tx: Tx, tenantId: string, recipients: readonly Recipient[]): Promise<Recipient[]> {
  const lacking = (to: Recipient) => to.userId && !(to.email && to.mobile && to.locale);
  const ids = [...new Set(recipients.filter(lacking).map((to) => to.userId!))];
  if (ids.length === 0) return [...recipients];
  const accounts = new Map(
    (
      await tx
        .select({ id: users.id, email: users.email, mobile: users.mobile, locale: users.locale })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), inArray(users.id, ids)))
    ).map((u) => [u.id, u]),
  );
  return recipients.map((to) => {
    const user = lacking(to) ? accounts.get(to.userId!) : undefined;
    if (!user) return to;
    return { userId: to.userId, email: to.email ?? user.email ?? undefined, mobile: to.mobile ?? user.mobile ?? undefined, locale: to.locale ?? user.locale ?? undefined };
  });
}

export function addressFor(to: Recipient, channel: Channel): string | undefined {
  return (channel === 'email' ? to.email : to.mobile) || undefined;
}
