import { sql } from 'drizzle-orm';
import { rowsOf } from '../../core/db/database.ts';
import { createCityChanges } from '../../core/http/city-changes.ts';
import { createLogger } from '../../core/http/logger.ts';
import { createPageCache } from '../../core/http/page-cache.ts';
import { createEnabledPluginsCache } from '../../core/plugins/enabled-cache.ts';
import { createTenantSite } from '../../core/site/tenant-site.ts';
import type { TestPlatform } from './platform.ts';

export type Route = { method: string; path: string };

/** Every route of a city's site as Hono lists it (middleware-only `ALL` entries left out), each once. */
export function cityRoutes(p: TestPlatform): Route[] {
  const changes = createCityChanges();
  const caches = { changes, pageCache: createPageCache({ seconds: 0, changes }), enabledPlugins: createEnabledPluginsCache({ seconds: 0, changes }) };
  const site = createTenantSite({ db: p.db, config: p.config, logger: createLogger('silent'), registry: p.registry, resolver: p.resolver, ...caches });
  const seen = new Map<string, Route>();
  for (const r of site.routes) if (r.method !== 'ALL') seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  return [...seen.values()];
}

/** The route's parameters with the path segment before each (`projects/:id` → `{ name: 'id', after: 'projects' }`). */
export function paramsOf(path: string): { name: string; after: string }[] {
  const parts = path.split('/');
  return parts.flatMap((part, i) => (part.startsWith(':') ? [{ name: part.slice(1), after: parts[i - 1] ?? '' }] : []));
}

export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

/** Row counts of every table in the public schema, in one round trip (as the owner: no row-level security). */
export async function rowCounts(p: TestPlatform): Promise<Record<string, number>> {
  const tables = await p.db.platform(async (tx) =>
    rowsOf<{ name: string }>(await tx.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`)).map((r) => r.name),
  );
  const query = `select ${tables.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(', ')}`;
  return p.db.platform(async (tx) => rowsOf<Record<string, number>>(await tx.execute(sql.raw(query)))[0]!);
}

export function changedTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after).filter((t) => before[t] !== after[t]);
}
