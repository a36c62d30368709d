import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { quantile, round } from '../lib/stats.ts';

const run = promisify(execFile);

/** pgbench from PATH, else PostgreSQL 15's own folder. */
export function pgbenchPath(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'pgbench'))) return join(dir, 'pgbench');
  const debian = '/usr/lib/postgresql/15/bin/pgbench';
  if (existsSync(debian)) return debian;
  throw new Error('pgbench not found (it comes with PostgreSQL: apt-get install postgresql-client or postgresql-15)');
}

function connectionArgs(url: string, database: string): string[] {
  const u = new URL(url);
  return ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), database];
}

/** `pgbench -i` once: the tables stay for later runs (scale 10: a million accounts). */
export async function initPgbench(url: string, database: string, scale: number): Promise<void> {
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(new URL(url).password) };
  const server = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [found] = await server`select 1 from pg_database where datname = ${database}`;
    if (!found) await server.unsafe(`create database "${database}"`);
  } finally {
    await server.end();
  }
  const target = new URL(url);
  target.pathname = `/${database}`;
  const sql = postgres(target.toString(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select count(*)::int as n from pgbench_branches`;
    if (row?.n === scale) return;
  } catch {
    // not initialised yet
  } finally {
    await sql.end();
  }
  await run(pgbenchPath(), ['-i', '-q', '-s', String(scale), ...connectionArgs(url, database)], { env, maxBuffer: 1 << 24 });
}

/** The -N (simple-update) transaction with the account drawn zipfian instead of uniform: the skewed ceiling. */
const ZIPF_SCRIPT = `\\set aid random_zipfian(1, 100000 * :scale, 1.1)
\\set bid random(1, 1 * :scale)
\\set tid random(1, 10 * :scale)
\\set delta random(-5000, 5000)
BEGIN;
UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid, :delta, CURRENT_TIMESTAMP);
END;
`;

export type PgbenchFigures = { tps: number; latencyMs: { p50: number | null; p99: number | null }; transactions: number; command: string };

/** `pgbench -N` (or its zipfian twin) for `seconds` with `clients` connections; latency quantiles from its per-transaction log. */
export async function pgbench(url: string, database: string, options: { clients: number; seconds: number; zipf?: boolean }): Promise<PgbenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'vc-pgbench-'));
  try {
    const script = join(dir, 'zipf.sql');
    if (options.zipf) writeFileSync(script, ZIPF_SCRIPT);
    const workload = options.zipf ? ['-f', script] : ['-N'];
    const argv = [...workload, '-c', String(options.clients), '-j', String(Math.min(options.clients, 2)), '-T', String(options.seconds), '-l', '--log-prefix', join(dir, 'log'), ...connectionArgs(url, database)];
    const { stdout } = await run(pgbenchPath(), argv, { env: { ...process.env, PGPASSWORD: decodeURIComponent(new URL(url).password) }, maxBuffer: 1 << 24 });
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1] ?? /tps = ([\d.]+)/.exec(stdout)?.[1]);
    // Each log line: client, transaction number, latency in microseconds, script, epoch, microseconds.
    const latencies: number[] = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith('log'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (Number.isFinite(us) && line) latencies.push(us / 1000);
      }
    }
    return { tps: round(tps) ?? 0, latencyMs: { p50: round(quantile(latencies, 0.5), 2), p99: round(quantile(latencies, 0.99), 2) }, transactions: latencies.length, command: `pgbench ${options.zipf ? '-f zipf.sql (-N with random_zipfian 1.1)' : '-N'} -c ${options.clients} -T ${options.seconds}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
