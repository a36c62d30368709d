import { openDatabase } from '../../core/db/database.ts';
import { migrateDatabase } from '../../core/db/migrate.ts';
import { citusWorkers, createCitusDatabase, nodeUrl, onNode, type Node } from '../../core/db/citus/nodes.ts';
import { copyCitusDatabase, dropCitusDatabase } from './citus.ts';

/** Four shards a table instead of Citus's 32 keep a test database small; placement and routing work the same. */
const TEST_SHARD_COUNT = 4;

/**
 * One migrated database per test run on the server at DATABASE_URL (on a Citus cluster, one per
 * node: the coordinator's metadata and each worker's shards), which each test file copies with
 * `create database ... template`. Migrating takes seconds (about 9-15 s on three Citus nodes), a
 * copy a fraction of that.
 */
export async function createTemplate(serverUrl: string): Promise<string> {
  const name = `vc_template_${process.pid}`;
  const workers = await onNode(serverUrl, citusWorkers);
  if (workers) await createCitusDatabase(serverUrl, workers, name, TEST_SHARD_COUNT);
  else await onNode(serverUrl, (sql) => sql.unsafe(`create database ${name}`));
  const url = databaseUrl(serverUrl, name);
  const db = await openDatabase({ url, maxConnections: 1 });
  try {
    await migrateDatabase(db, url);
  } finally {
    await db.close();
  }
  // A database being copied must have no sessions, and Citus keeps a maintenance daemon connected
  // to each of its databases: closed to connections, the daemon is ended and cannot come back.
  for (const node of nodesOf(serverUrl, workers)) {
    await onNode(nodeUrl(serverUrl, node, 'postgres'), async (sql) => {
      await sql.unsafe(`alter database ${name} with allow_connections false`);
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name}`;
    });
  }
  return name;
}

/** A test file's own database, a copy of the run's template; its URL. */
export async function copyTemplate(serverUrl: string, template: string, name: string): Promise<string> {
  const workers = await onNode(serverUrl, citusWorkers);
  if (workers) await copyCitusDatabase(serverUrl, workers, template, name);
  else await onNode(serverUrl, (sql) => sql.unsafe(`create database ${name} template ${template}`));
  return databaseUrl(serverUrl, name);
}

/** Drops a test file's database or the template, on every node. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const workers = await onNode(serverUrl, citusWorkers);
  if (workers) await dropCitusDatabase(serverUrl, workers, name);
  else await onNode(serverUrl, (sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
}

function nodesOf(serverUrl: string, workers: Node[] | null): Node[] {
  const server = new URL(serverUrl);
  return [{ host: server.hostname, port: Number(server.port || 5432) }, ...(workers ?? [])];
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
