/**
 * A Citus cluster's nodes as the benchmarks see them: the coordinator's workers, a database
 * made on every node (with the extension, the coordinator's copy told where its workers are),
 * and the shards and their sizes per node.
 */
import postgres from 'postgres';

export type Node = { host: string; port: number };

export function nodeUrl(coordinatorUrl: string, node: Node, database: string): string {
  const url = new URL(coordinatorUrl);
  url.hostname = node.host;
  url.port = String(node.port);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function onNode<T>(url: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The active primary workers of the coordinator at `url` (its database's own node list), or null when it is not Citus. */
export async function workersOf(url: string): Promise<Node[] | null> {
  return onNode(url, async (sql) => {
    const [found] = await sql`select exists (select 1 from pg_extension where extname = 'citus') as citus`;
    if (!found?.citus) return null;
    return sql<Node[]>`select nodename as host, nodeport as port from pg_dist_node
      where groupid <> 0 and noderole = 'primary' and isactive order by nodeport`;
  });
}

/**
 * Makes `url`'s database on the coordinator and on `workers` when it is missing: each with
 * `create extension citus`, the coordinator's copy with `citus.shard_count` and its workers.
 * The workers are those of the coordinator's `postgres` database (as citus-up.sh adds them).
 */
export async function ensureCitusDatabase(url: string, shardCount: number): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const server = new URL(url);
  server.pathname = '/postgres';
  const workers = await workersOf(server.toString());
  if (!workers) throw new Error(`${server.host} is not a Citus coordinator (no citus extension in its postgres database)`);
  const exists = await onNode(server.toString(), async (sql) => (await sql`select 1 from pg_database where datname = ${name}`).length > 0);
  if (exists) return;
  for (const worker of workers) {
    await onNode(nodeUrl(url, worker, 'postgres'), (sql) => sql.unsafe(`create database "${name}"`));
    await onNode(nodeUrl(url, worker, name), (sql) => sql`create extension citus`);
  }
  await onNode(server.toString(), (sql) => sql.unsafe(`create database "${name}"`));
  await onNode(url, async (sql) => {
    await sql`create extension citus`;
    await sql.unsafe(`alter database "${name}" set citus.shard_count = ${Number(shardCount)}`);
    await sql`select citus_set_coordinator_host(${server.hostname}, ${Number(server.port || 5432)})`;
    for (const worker of workers) await sql`select citus_add_node(${worker.host}, ${worker.port})`;
  });
}

/** Shards (all tables) and shard groups (co-located: the `users` table's shards) and bytes on each node. */
export async function shardsPerNode(sql: postgres.Sql): Promise<{ node: string; shards: number; userShards: number; bytes: number }[]> {
  const rows = await sql<{ node: string; shards: string; user_shards: string; bytes: string }[]>`
    select nodename || ':' || nodeport as node, count(*) as shards,
      count(*) filter (where table_name = 'users'::regclass) as user_shards, coalesce(sum(shard_size), 0) as bytes
    from citus_shards where citus_table_type = 'distributed' group by 1 order by 1`;
  return rows.map((r) => ({ node: r.node, shards: Number(r.shards), userShards: Number(r.user_shards), bytes: Number(r.bytes) }));
}
