import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { platformAccounts } from '../db/schema/platform.ts';
import { hashPassword } from '../identity/passwords.ts';
import { createPlatformAccount, findAccountByEmail } from './accounts.ts';

/** The demo foundation (only with SEED_DEMO=1); it sponsors every installed plugin. */
export const DEMO_FOUNDATION = { email: 'foundation@platform.example', password: 'foundation-demo-2026', name: '示范公益基金会' } as const;

/**
 * Creates the first operator from PLATFORM_ADMIN_EMAIL / PLATFORM_ADMIN_PASSWORD
 * when there is no operator yet (later changes of those variables do not touch
 * an existing one), and with `demo` the demo foundation.
 */
export async function seedPlatformAccounts(
  db: Database,
  options: { operatorEmail: string; operatorPassword: string; demo: boolean; pluginIds?: readonly string[] },
): Promise<void> {
  const hasOperator = await db.platform(async (tx) => {
    const [row] = await tx.select({ id: platformAccounts.id }).from(platformAccounts).where(eq(platformAccounts.kind, 'operator')).limit(1);
    return row !== undefined;
  });
  if (!hasOperator) {
    const passwordHash = await hashPassword(options.operatorPassword);
    await db.platform((tx) =>
      createPlatformAccount(tx, { kind: 'operator', name: '平台运营', email: options.operatorEmail, passwordHash }),
    );
  }
  if (!options.demo) return;
  const sponsoredPlugins = [...(options.pluginIds ?? [])];
  const existing = await db.platform((tx) => findAccountByEmail(tx, DEMO_FOUNDATION.email));
  if (existing) {
    // Plugins installed since the last start are sponsored too.
    if (existing.kind === 'foundation') {
      await db.platform((tx) => tx.update(platformAccounts).set({ sponsoredPlugins }).where(eq(platformAccounts.id, existing.id)));
    }
    return;
  }
  const passwordHash = await hashPassword(DEMO_FOUNDATION.password);
  await db.platform((tx) =>
    createPlatformAccount(tx, { kind: 'foundation', name: DEMO_FOUNDATION.name, email: DEMO_FOUNDATION.email, passwordHash, sponsoredPlugins }),
  );
}
