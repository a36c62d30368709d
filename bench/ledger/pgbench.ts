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
export const ZIPF_SCRIPT = `\\set aid random_zipfian(1, 100000 * :scale, 1.1)
\\set bid random(1, 1 * :scale)
\\set tid random(1, 10 * :scale)
\\set delta random(-5000, 5000)
BEGIN;
UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid, :delta, CURRENT_TIMESTAMP);
END;
`;

/**
 * A CHECKPOINT, so that no timed one falls into the run that follows (it resets the server's 5-minute timer).
 * A checkpoint makes the first change of each page after it write the whole page to the WAL, which on `-N`'s
 * million accounts is nearly every update for seconds: one `pgbench -N` of session 11 that a timed checkpoint
 * fell into ran at 842 tps where the runs around it ran at 3,700-5,400 (p99 153 ms), and every ratio to it came
 * out 2-8 times too high. After this, `pgbench` counts only after its warm-up; a postings run counts from the
 * start, paying those page images itself (the ratios lean against the app, not for it).
 */
export async function startAfterCheckpoint(server: postgres.Sql): Promise<void> {
  await server.unsafe('checkpoint');
}

export type PgbenchFigures = { tps: number; latencyMs: { p50: number | null; p99: number | null }; transactions: number; command: string };

/**
 * `pgbench -N` (or its zipfian twin) with `clients` connections, right after a checkpoint: `warmupSeconds` (the
 * page images above), then `seconds` counted.
 */
export async function pgbench(url: string, database: string, options: { clients: number; seconds: number; zipf?: boolean; warmupSeconds?: number }): Promise<PgbenchFigures> {
  const server = postgres(url, { max: 1, onnotice: () => {} });
  await startAfterCheckpoint(server).finally(() => server.end());
  const dir = mkdtempSync(join(tmpdir(), 'vc-pgbench-'));
  try {
    const script = join(dir, 'zipf.sql');
    if (options.zipf) writeFileSync(script, ZIPF_SCRIPT);
    const counted = await countedPgbench(url, database, { ...options, workload: options.zipf ? ['-f', script] : ['-N'] });
    return { ...counted, command: `pgbench ${options.zipf ? '-f zipf.sql (-N with random_zipfian 1.1)' : '-N'} -c ${options.clients}, ${options.seconds} s counted after ${options.warmupSeconds ?? 5} s` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One pgbench run of `workload` for `warmupSeconds` (default 5) and then `seconds`, counted from its
 * per-transaction log over those `seconds` only: transactions a second, latency quantiles, failures.
 * `user` logs in instead of the URL's; `protocol` is pgbench's `-M` (default: its own, simple).
 */
export async function countedPgbench(
  url: string,
  database: string,
  options: { workload: string[]; clients: number; seconds: number; warmupSeconds?: number; user?: string; protocol?: string },
): Promise<Omit<PgbenchFigures, 'command'> & { failed: number }> {
  const warmup = options.warmupSeconds ?? 5;
  const dir = mkdtempSync(join(tmpdir(), 'vc-pgbench-log-'));
  try {
    const connection = connectionArgs(url, database);
    if (options.user) connection[connection.indexOf('-U') + 1] = options.user;
    const argv = [...options.workload, ...(options.protocol ? ['-M', options.protocol] : []), '-c', String(options.clients), '-j', String(Math.min(options.clients, 2)),
      '-T', String(warmup + options.seconds), '-l', '--log-prefix', join(dir, 'log'), ...connection];
    const { stdout } = await run(pgbenchPath(), argv, { env: { ...process.env, PGPASSWORD: decodeURIComponent(new URL(url).password) }, maxBuffer: 1 << 24 });
    // Each log line: client, transaction number, latency in microseconds, script, then when it ended (epoch seconds, microseconds).
    const ended: { atUs: number; latencyMs: number }[] = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith('log'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const f = line.split(' ');
        if (f.length >= 6) ended.push({ atUs: Number(f[4]) * 1e6 + Number(f[5]), latencyMs: Number(f[2]) / 1000 });
      }
    }
    // The window: from `warmup` seconds after the first transaction began, for `seconds`.
    let firstStartUs = Infinity;
    for (const t of ended) firstStartUs = Math.min(firstStartUs, t.atUs - t.latencyMs * 1000);
    const from = firstStartUs + warmup * 1e6;
    const latencies = ended.filter((t) => t.atUs >= from && t.atUs < from + options.seconds * 1e6).map((t) => t.latencyMs);
    return {
      tps: round(latencies.length / options.seconds) ?? 0,
      latencyMs: { p50: round(quantile(latencies, 0.5), 2), p99: round(quantile(latencies, 0.99), 2) },
      transactions: latencies.length,
      failed: Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
