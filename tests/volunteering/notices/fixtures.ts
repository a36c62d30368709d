import { and, eq } from 'drizzle-orm';
import { users } from '../../../core/db/schema/identity.ts';
import type { TestPlatform } from '../../support/platform.ts';
import { inCity } from '../fixtures.ts';

/** The person reads their messages in English (their account's language). */
export async function readsEnglish(p: TestPlatform, slug: string, userId: string) {
  await inCity(p, slug, (tx, t) => tx.update(users).set({ locale: 'en' }).where(and(eq(users.tenantId, t), eq(users.id, userId))));
}
