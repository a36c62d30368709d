import { sql } from 'drizzle-orm';
import { rowsOf } from '../../core/db/database.ts';
import { createCityChanges } from '../../core/http/city-changes.ts';
import { createLogger } from '../../core/http/logger.ts';
import { createPageCache } from '../../core/http/page-cache.ts';
import { createEnabledPluginsCache } from '../../core/plugins/enabled-cache.ts';
import { createTenantSite } from '../../core/site/tenant-site.ts';
import { loadConfig } from '../../core/config.ts';
import type { Database } from '../../core/db/database.ts';
import type { PluginDefinition } from '../../core/plugins/define-plugin.ts';
import { createPluginRegistry } from '../../core/plugins/registry.ts';
import { createTenantResolver } from '../../core/tenancy/resolver.ts';
import type { TestPlatform } from './platform.ts';

export type Route = { method: string; path: string };

/** Every route of a city's site as Hono lists it (middleware-only `ALL` entries left out), each once. */
export function cityRoutes(p: TestPlatform): Route[] {
  return cityRoutesWith(p.registry.all());
}

/**
 * The same list before any database exists, so a suite can make one test per
 * route: building the site only registers handlers, it serves no request.
 */
export function cityRoutesWith(plugins: readonly PluginDefinition[]): Route[] {
  const db = undefined as unknown as Database;
  const changes = createCityChanges();
  const caches = { changes, pageCache: createPageCache({ seconds: 0, changes }), enabledPlugins: createEnabledPluginsCache({ seconds: 0, changes }) };
  const deps = { db, config: loadConfig({ LOG_LEVEL: 'silent' }), logger: createLogger('silent'), registry: createPluginRegistry(plugins), resolver: createTenantResolver(db) };
  const site = createTenantSite({ ...deps, ...caches });
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
