/**
 * A Citus cluster's nodes as the benchmarks see them: the coordinator's workers, a database
 * made on every node (with the extension, the coordinator's copy told where its workers are),
 * and the shards and their sizes per node.
 */
import postgres from 'postgres';
import { citusWorkers, createCitusDatabase, onNode, type Node } from '../../core/db/citus/nodes.ts';

/** The active primary workers of the coordinator at `url` (its database's own node list), or null when it is not Citus. */
export async function workersOf(url: string): Promise<Node[] | null> {
  return onNode(url, citusWorkers);
}

/**
 * Makes `url`'s database on the coordinator and on the workers when it is missing, with
 * `shardCount` shards a distributed table. The workers are those of the coordinator's
 * `postgres` database (as citus-up.sh adds them).
 */
export async function ensureCitusDatabase(url: string, shardCount: number): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const server = new URL(url);
  server.pathname = '/postgres';
  const workers = await workersOf(server.toString());
  if (!workers) throw new Error(`${server.host} is not a Citus coordinator (no citus extension in its postgres database)`);
  const exists = await onNode(server.toString(), async (sql) => (await sql`select 1 from pg_database where datname = ${name}`).length > 0);
  if (!exists) await createCitusDatabase(url, workers, name, shardCount);
}

/** Shards (all tables) and shard groups (co-located: the `users` table's shards) and bytes on each node. */
export async function shardsPerNode(sql: postgres.Sql): Promise<{ node: string; shards: number; userShards: number; bytes: number }[]> {
  const rows = await sql<{ node: string; shards: string; user_shards: string; bytes: string }[]>`
    select nodename || ':' || nodeport as node, count(*) as shards,
      count(*) filter (where table_name = 'users'::regclass) as user_shards, coalesce(sum(shard_size), 0) as bytes
    from citus_shards where citus_table_type = 'distributed' group by 1 order by 1`;
  return rows.map((r) => ({ node: r.node, shards: Number(r.shards), userShards: Number(r.user_shards), bytes: Number(r.bytes) }));
}
