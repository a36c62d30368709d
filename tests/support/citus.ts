import { describe } from 'vitest';
import { citusWorkers, nodeUrl, onNode, type Node } from '../../core/db/citus/nodes.ts';

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
