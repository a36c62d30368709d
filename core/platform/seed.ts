import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { foundationCities, platformAccounts } from '../db/schema/platform.ts';
import { hashPassword } from '../identity/passwords.ts';
import { createPlatformAccount, findAccountByEmail } from './accounts.ts';

/** The demo foundation (only with SEED_DEMO=1); it sponsors every installed plugin in the cities of `tenants/`. */
export const DEMO_FOUNDATION = { email: 'foundation@platform.example', password: 'foundation-demo-2026', name: '示范公益基金会' } as const;

/** The demo foundation sponsors this city too (when it exists): run before the city's demo data, so plugins seed batches in its name. */
export async function sponsorDemoCity(db: Database, tenantId: string): Promise<void> {
  await db.platform(async (tx) => {
    const found = await findAccountByEmail(tx, DEMO_FOUNDATION.email);
    if (found?.kind !== 'foundation') return;
    await tx.insert(foundationCities).values({ foundationId: found.id, tenantId, grantedBy: 'platform:seed' }).onConflictDoNothing();
  });
}

/**
 * Creates the first operator from PLATFORM_ADMIN_EMAIL / PLATFORM_ADMIN_PASSWORD
 * when there is no operator yet (later changes of those variables do not touch
 * an existing one), and with `demo` the demo foundation, sponsoring `cityIds`.
 */
export async function seedPlatformAccounts(
  db: Database,
  options: { operatorEmail: string; operatorPassword: string; demo: boolean; pluginIds?: readonly string[]; cityIds?: readonly string[] },
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
  if (existing && existing.kind !== 'foundation') return;
  const passwordHash = existing ? '' : await hashPassword(DEMO_FOUNDATION.password);
  await db.platform(async (tx) => {
    // Plugins installed and demo cities added since the last start are sponsored too.
    let id = existing?.id;
    if (id) await tx.update(platformAccounts).set({ sponsoredPlugins }).where(eq(platformAccounts.id, id));
    else id = await createPlatformAccount(tx, { kind: 'foundation', name: DEMO_FOUNDATION.name, email: DEMO_FOUNDATION.email, passwordHash, sponsoredPlugins });
    const cities = (options.cityIds ?? []).map((tenantId) => ({ foundationId: id, tenantId, grantedBy: 'platform:seed' }));
    if (cities.length) await tx.insert(foundationCities).values(cities).onConflictDoNothing();
  });
}
