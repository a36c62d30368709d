import postgres from 'postgres';
import { describe } from 'vitest';
import { IS_CITUS } from '../../core/db/citus/distribute.ts';

export type Node = { host: string; port: number };

/** The workers a Citus coordinator knows, or null when the server is plain PostgreSQL. */
export async function citusWorkers(admin: postgres.Sql): Promise<Node[] | null> {
  const [found] = await admin.unsafe<{ citus: boolean }[]>(IS_CITUS);
  if (!found?.citus) return null;
  return admin<Node[]>`select nodename as host, nodeport as port from pg_dist_node where groupid <> 0 and noderole = 'primary' order by nodeport`;
}

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

/**
 * An empty database on every node of a Citus cluster, each with the extension, and the
 * coordinator's copy told where its workers are (a database's node list is its own). Four
 * shards a table instead of 32 keep a test database small; placement and routing work the same.
 */
export async function createCitusDatabase(coordinatorUrl: string, workers: Node[], name: string): Promise<void> {
  for (const worker of workers) {
    await onNode(nodeUrl(coordinatorUrl, worker, 'postgres'), (sql) => sql.unsafe(`create database ${name}`));
    await onNode(nodeUrl(coordinatorUrl, worker, name), (sql) => sql`create extension citus`);
  }
  const coordinator = new URL(coordinatorUrl);
  await onNode(coordinatorUrl, (sql) => sql.unsafe(`create database ${name}`));
  await onNode(nodeUrl(coordinatorUrl, { host: coordinator.hostname, port: Number(coordinator.port) }, name), async (sql) => {
    await sql`create extension citus`;
    await sql.unsafe(`alter database ${name} set citus.shard_count = 4`);
    await sql`select citus_set_coordinator_host(${coordinator.hostname}, ${Number(coordinator.port)})`;
    for (const worker of workers) await sql`select citus_add_node(${worker.host}, ${worker.port})`;
  });
}

/**
 * A copy of a migrated cluster database under a new name: each node copies its own part (the
 * coordinator its metadata, each worker its shards). The copies belong together because a
 * coordinator connects to its workers' database of its own name.
 */
export async function copyCitusDatabase(coordinatorUrl: string, workers: Node[], template: string, name: string): Promise<void> {
  // The nodes copy at once: each copy is its own server's work, and nothing connects to the new
  // database before all three exist.
  const copies = await Promise.allSettled([
    ...workers.map((worker) => onNode(nodeUrl(coordinatorUrl, worker, 'postgres'), (sql) => sql.unsafe(`create database ${name} template ${template}`))),
    onNode(coordinatorUrl, (sql) => sql.unsafe(`create database ${name} template ${template}`)),
  ]);
  const failed = copies.find((copy) => copy.status === 'rejected');
  if (failed) {
    await dropCitusDatabase(coordinatorUrl, workers, name).catch(() => {});
    throw failed.reason;
  }
}

/** Drops a database on the coordinator first (which holds connections to the workers' copies), then on the workers at once. */
export async function dropCitusDatabase(coordinatorUrl: string, workers: Node[], name: string): Promise<void> {
  await onNode(coordinatorUrl, (sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
  await Promise.all(
    workers.map((worker) => onNode(nodeUrl(coordinatorUrl, worker, 'postgres'), (sql) => sql.unsafe(`drop database if exists ${name} with (force)`))),
  );
}

/** Whether DATABASE_URL names a Citus coordinator. */
export async function serverIsCitus(): Promise<boolean> {
  const url = process.env.DATABASE_URL;
  if (!url) return false;
  return (await onNode(url, citusWorkers)) !== null;
}

/** A suite that needs a Citus coordinator at DATABASE_URL; otherwise skipped with a console line. */
export async function describeCitus(name: string, fn: () => void): Promise<void> {
  if (await serverIsCitus()) {
    describe(name, fn);
    return;
  }
  console.log(`Citus tests skipped: DATABASE_URL is not a Citus coordinator (${name})`);
  describe.skip(name, fn);
}
