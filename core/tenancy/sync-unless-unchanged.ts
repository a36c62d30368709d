import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.ts';
import { migrationsHash } from '../db/migrate.ts';
import { tenantSyncs } from '../db/schema/tenancy.ts';
import type { TenantManifest } from './manifest.ts';
import { listTenants } from './service.ts';
import { syncTenants } from './sync.ts';
import type { Tenant } from './tenant.ts';

type SyncOptions = Parameters<typeof syncTenants>[2];

/**
 * `syncTenants`, skipped when nothing it depends on changed since the last sync that completed: the
 * manifests, the demo switch, the code that seeds (`code`: the hash of the sources the running bundle was built from) and the
 * migrations. Re-checking the demo cities is about a CPU second of each restart (bench/README.md,
 * "Start-up"). With `code` undefined (running through tsx, no bundle to hash) it always syncs.
 *
 * A manifest city missing from the database (deleted by hand) is synced again. Changes made by hand
 * inside existing cities (a demo account deleted, the branding edited in the console) are kept until
 * the manifests, code or migrations change; `delete from tenant_syncs` makes the next start sync anyway.
 */
export async function syncTenantsUnlessUnchanged(
  db: Database,
  manifests: readonly TenantManifest[],
  options: SyncOptions & { code: string | undefined },
): Promise<{ cities: Tenant[]; skipped: boolean }> {
  const fingerprint = options.code && syncFingerprint(manifests, options.seedDemo, options.code);
  if (fingerprint) {
    const unchanged = await db.platform(async (tx) => {
      const [last] = await tx.select().from(tenantSyncs);
      if (last?.fingerprint !== fingerprint) return null;
      const bySlug = new Map((await listTenants(tx)).map((t) => [t.slug, t]));
      const cities = manifests.map((m) => bySlug.get(m.slug));
      return cities.every((c) => c !== undefined) ? cities : null;
    });
    if (unchanged) return { cities: unchanged, skipped: true };
  }
  const cities = await syncTenants(db, manifests, options);
  if (fingerprint) {
    await db.platform(async (tx) => {
      await tx.delete(tenantSyncs);
      await tx.insert(tenantSyncs).values({ fingerprint });
    });
  }
  return { cities, skipped: false };
}

function syncFingerprint(manifests: readonly TenantManifest[], seedDemo: boolean, code: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ manifests, seedDemo, code, migrations: migrationsHash() }))
    .digest('hex');
}

/**
 * What the running code was built from, when it is `npm start`'s bundle: `dist/main.js` holds all of
 * this repository's code (the seeds and tenants/ included), and `core/bundle.mjs`, which `npm start` runs
 * first, leaves beside it a hash of the sources it was built from. Undefined through tsx, where there
 * is no bundle. (Hashing the 2 MB bundle itself cost 0.3 CPU s at start-up.)
 */
export function runningBundleHash(): string | undefined {
  const entry = process.argv[1];
  if (!entry || path.basename(entry) !== 'main.js' || path.basename(path.dirname(entry)) !== 'dist') return undefined;
  try {
    const { hash } = JSON.parse(readFileSync(path.join(path.dirname(entry), 'main.inputs.json'), 'utf8')) as { hash?: unknown };
    return typeof hash === 'string' ? hash : undefined;
  } catch {
    return undefined;
  }
}
