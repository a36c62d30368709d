import { sql } from 'drizzle-orm';
import { rowsOf } from '../../core/db/database.ts';
import type { TestPlatform } from './platform.ts';

/**
 * A value over each distributed table's rows, computed by the workers on their own shards in one
 * statement each (run_command_on_workers, as the owner: no row-level security). From the coordinator,
 * a statement over every table plans a distributed subquery per table and shard: over a hundred
 * tasks, which made the fuzz suites' check after every request take most of their time on Citus.
 * `over` is a SELECT list item over a shard aliased `r`, e.g. `count(*)`. Keyed by table, each
 * table's values by shard in shard order.
 */
export async function valuesByShard(p: TestPlatform, over: string): Promise<Record<string, string[]>> {
  const perShard = `select coalesce(json_object_agg(c.relname, (xpath('/row/v/text()', query_to_xml(format('select (${over.replaceAll("'", "''")})::text as v from public.%I r', c.relname), false, true, '')))[1]::text), '{}')
    from pg_class c join pg_namespace ns on ns.oid = c.relnamespace where ns.nspname = 'public' and c.relkind = 'r' and c.relname ~ '_[0-9]+$'`;
  const distributed = new Set(await distributedTables(p));
  const results = await p.db.platform(async (tx) => rowsOf<{ result: string }>(await tx.execute(sql`select result from run_command_on_workers(${perShard})`)));
  const byTable: Record<string, [number, string][]> = {};
  for (const { result } of results) {
    for (const [shard, value] of Object.entries(JSON.parse(result) as Record<string, string>)) {
      const [, table, id] = /^(.+)_([0-9]+)$/.exec(shard)!;
      if (distributed.has(table!)) (byTable[table!] ??= []).push([Number(id), value]);
    }
  }
  return Object.fromEntries(Object.entries(byTable).map(([table, values]) => [table, values.sort((a, b) => a[0] - b[0]).map(([, v]) => v)]));
}

/**
 * The tables distributed by tenant (not the reference tables, which the coordinator holds too).
 * Read once a database: its schema is migrated before a test file starts and stays as it is, and
 * the fuzz suites ask after every request.
 */
export function distributedTables(p: TestPlatform): Promise<string[]> {
  let tables = distributedOf.get(p.db);
  if (!tables) {
    tables = p.db.platform(async (tx) =>
      rowsOf<{ name: string }>(await tx.execute(sql`select logicalrelid::regclass::text as name from pg_dist_partition where partmethod = 'h'`)).map((r) => r.name),
    );
    distributedOf.set(p.db, tables);
    tables.catch(() => distributedOf.delete(p.db));
  }
  return tables;
}
const distributedOf = new WeakMap<TestPlatform['db'], Promise<string[]>>();
