import { sql } from 'drizzle-orm';
import { rowsOf } from '../../core/db/database.ts';
import { createCityChanges } from '../../core/http/city-changes.ts';
import { createLogger } from '../../core/http/logger.ts';
import { createPageCache } from '../../core/http/page-cache.ts';
import { createEnabledPluginsCache } from '../../core/plugins/enabled-cache.ts';
import { createPlatformSite } from '../../core/site/platform-site.ts';
import { createTenantSite } from '../../core/site/tenant-site.ts';
import { loadConfig } from '../../core/config.ts';
import type { Database } from '../../core/db/database.ts';
import type { RunningJobQueue } from '../../core/jobs/queue.ts';
import type { PluginDefinition } from '../../core/plugins/define-plugin.ts';
import { createPluginRegistry } from '../../core/plugins/registry.ts';
import { createTenantResolver } from '../../core/tenancy/resolver.ts';
import { valuesByShard } from './shard-states.ts';
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
  return routesOf(createTenantSite(siteDepsWithout(plugins)));
}

/** Every route of the platform console (the bare platform host), listed the same way. */
export function consoleRoutesWith(plugins: readonly PluginDefinition[]): Route[] {
  return routesOf(createPlatformSite(siteDepsWithout(plugins)));
}

/** What a site is built from, with no database behind it. */
function siteDepsWithout(plugins: readonly PluginDefinition[]) {
  const db = undefined as unknown as Database;
  const jobs = undefined as unknown as RunningJobQueue;
  const changes = createCityChanges();
  const caches = { changes, pageCache: createPageCache({ seconds: 0, changes }), enabledPlugins: createEnabledPluginsCache({ seconds: 0, changes }) };
  const deps = { db, config: loadConfig({ LOG_LEVEL: 'silent' }), logger: createLogger('silent'), registry: createPluginRegistry(plugins), resolver: createTenantResolver(db), jobs };
  return { ...deps, ...caches };
}

function routesOf(site: { routes: readonly Route[] }): Route[] {
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
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodePathPart(values[name] ?? ''));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `encodeURIComponent`, except that a lone surrogate (which it refuses) goes as the bytes a hostile client can still send: not UTF-8. */
function encodePathPart(value: string): string {
  let out = '';
  let last = 0;
  for (const match of value.matchAll(LONE_SURROGATE)) {
    const unit = match[0].charCodeAt(0);
    const bytes = [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)];
    out += encodeURIComponent(value.slice(last, match.index)) + bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    last = match.index + 1;
  }
  return out + encodeURIComponent(value.slice(last));
}

/** The public schema's tables, read once a database (migrated before a test file starts, and left so). */
function publicTables(p: TestPlatform): Promise<string[]> {
  let tables = publicOf.get(p.db);
  if (!tables) {
    tables = p.db.platform(async (tx) =>
      rowsOf<{ name: string }>(await tx.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`)).map((r) => r.name),
    );
    publicOf.set(p.db, tables);
    tables.catch(() => publicOf.delete(p.db));
  }
  return tables;
}
const publicOf = new WeakMap<TestPlatform['db'], Promise<string[]>>();

/**
 * Row counts of every table in the public schema, in one round trip (as the owner: no row-level security);
 * on Citus one more, the distributed tables counted by the workers (tests/support/shard-states.ts).
 */
export async function rowCounts(p: TestPlatform): Promise<Record<string, number>> {
  const onShards = p.db.distributed ? await valuesByShard(p, 'count(*)') : {};
  const tables = (await publicTables(p)).filter((t) => !onShards[t]);
  const query = `select ${tables.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(', ')}`;
  const counts = await p.db.platform(async (tx) => rowsOf<Record<string, number>>(await tx.execute(sql.raw(query)))[0]!);
  for (const [table, values] of Object.entries(onShards)) counts[table] = values.reduce((sum, n) => sum + Number(n), 0);
  return counts;
}

/**
 * A fingerprint of every table in the public schema (its row count and a hash of
 * its rows), in one round trip: unlike `rowCounts` it also sees a row updated in
 * place. For small databases (the console's global tables and a few cities).
 */
export async function rowFingerprints(p: TestPlatform): Promise<Record<string, string>> {
  const ofRows = `count(*) || ':' || md5(coalesce(string_agg(r::text, ',' order by r::text), ''))`;
  const onShards = p.db.distributed ? await valuesByShard(p, ofRows) : {};
  const tables = (await publicTables(p)).filter((t) => !onShards[t]);
  const query = `select ${tables.map((t) => `(select ${ofRows} from "${t}" r) as "${t}"`).join(', ')}`;
  const fingerprints = await p.db.platform(async (tx) => rowsOf<Record<string, string>>(await tx.execute(sql.raw(query)))[0]!);
  for (const [table, values] of Object.entries(onShards)) fingerprints[table] = values.join(' ');
  return fingerprints;
}

export function changedTables(before: Record<string, number | string>, after: Record<string, number | string>): string[] {
  return Object.keys(after).filter((t) => before[t] !== after[t]);
}
