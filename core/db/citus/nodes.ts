/**
 * A Citus cluster's nodes as tools see them (the test suite's database copies, the
 * benchmarks): the coordinator's workers, a connection to one node, and a database
 * made on every node. Not used by the app, which only ever talks to the coordinator.
 */
import postgres from 'postgres';
import { IS_CITUS } from './distribute.ts';

export type Node = { host: string; port: number };

/** The active primary workers the coordinator's database knows, or null when the server is plain PostgreSQL. */
export async function citusWorkers(coordinator: postgres.Sql): Promise<Node[] | null> {
  const [found] = await coordinator.unsafe<{ citus: boolean }[]>(IS_CITUS);
  if (!found?.citus) return null;
  return coordinator<Node[]>`select nodename as host, nodeport as port from pg_dist_node
    where groupid <> 0 and noderole = 'primary' and isactive order by nodeport`;
}

/** `coordinatorUrl` with another node's host and port, and `database`. */
export function nodeUrl(coordinatorUrl: string, node: Node, database: string): string {
  const url = new URL(coordinatorUrl);
  url.hostname = node.host;
  url.port = String(node.port);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs work on one connection to `url`, closed afterwards. */
export async function onNode<T>(url: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * An empty database `name` on every node, each with the extension, and the coordinator's
 * copy told where its workers are (a database's node list is its own) and how many shards
 * a distributed table gets.
 */
export async function createCitusDatabase(coordinatorUrl: string, workers: Node[], name: string, shardCount: number): Promise<void> {
  for (const worker of workers) {
    await onNode(nodeUrl(coordinatorUrl, worker, 'postgres'), (sql) => sql.unsafe(`create database "${name}"`));
    await onNode(nodeUrl(coordinatorUrl, worker, name), (sql) => sql`create extension citus`);
  }
  const coordinator = new URL(coordinatorUrl);
  const port = Number(coordinator.port || 5432);
  await onNode(nodeUrl(coordinatorUrl, { host: coordinator.hostname, port }, 'postgres'), (sql) => sql.unsafe(`create database "${name}"`));
  await onNode(nodeUrl(coordinatorUrl, { host: coordinator.hostname, port }, name), async (sql) => {
    await sql`create extension citus`;
    await sql.unsafe(`alter database "${name}" set citus.shard_count = ${Number(shardCount)}`);
    await sql`select citus_set_coordinator_host(${coordinator.hostname}, ${port})`;
    for (const worker of workers) await sql`select citus_add_node(${worker.host}, ${worker.port})`;
  });
}
