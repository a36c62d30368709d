/**
 * What a posting's own rows cost PostgreSQL, against `pgbench -N` (issue 16 item 3): the floor the
 * ledger's design sets, whatever the code around it does. pgbench (C clients, no Node) and the app's own
 * postings, `--clients` connections each, on a scratch database (`--database`, made anew) holding the
 * benchmark's ledger cities (`bench/ledger/postings.ts` makes them; the app, the rows and the function post
 * in a hundred each), in one run, alternated over `--rounds` (odd rounds in reverse):
 *
 * - `-N`: pgbench's simple update (an account updated and read, a history row), its own database, with
 *   prepared statements as every other row (and once with the simple protocol, as `npm run bench` runs it);
 * - rows: a posting's statements as plain SQL, one statement a round trip as `-N` sends them, as `vc_app`
 *   under forced row-level security: the city's chain head locked, the idempotency key looked up, both
 *   accounts locked in id order, their balances updated (with the limit check), the transfer written
 *   with its hash, its two entries, the head advanced. No plpgsql, no JSON, no Node;
 * - function: the statements of the app's `postTransfersAlone` (BEGIN, the tenant settings, `ledger_post`
 *   with the requests as JSON, COMMIT), from pgbench, one round trip each where the app pipelines them;
 * - the app: `postings.ts`, `--processes` processes (default one a core) in both modes.
 *
 * Every run starts after a CHECKPOINT; a pgbench run is counted over `--seconds` after 5 s of warm-up (see
 * `startAfterCheckpoint`), the app's from its start.
 *
 * Uniform, zipf (city and organisation account zipfian, s = 1.1, as `postings.ts` draws them) and
 * batched (ten transfers a commit). Each run reports transactions (commits) a second, postings a second,
 * and PostgreSQL CPU ms a posting, counted from the server's processes (the postmaster's reaped
 * children included), so the counts hold where the rates move with the machine's load.
 *
 * Usage: node --import tsx bench/ledger/floor.ts [--url postgres://postgres@127.0.0.1:5432/postgres]
 *   [--seconds 10] [--clients 8] [--rounds 2] [--only rows,function,app,-N]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { migrateDatabase } from '../../core/db/migrate.ts';
import { openDatabase } from '../../core/db/database.ts';
import { parseArgs } from '../lib/args.ts';
import { postmasterPid, serverCpuMs } from '../lib/cpu.ts';
import { round } from '../lib/stats.ts';
import { countedPgbench, initPgbench, startAfterCheckpoint, ZIPF_SCRIPT } from './pgbench.ts';

const run = promisify(execFile);
const args = parseArgs(process.argv.slice(2), {
  url: 'postgres://postgres@127.0.0.1:5432/postgres',
  database: 'vc_ledger_floor',
  pgbenchDatabase: 'vc_bench_pgbench',
  seconds: 10,
  clients: 8,
  rounds: 2,
  processes: os.availableParallelism(),
  only: '',
});
const CITIES = 100;
const ACCOUNTS = 1010; // 10 organisation accounts, then 1000 volunteers: postings.ts's bench cities
const BATCH = 10;

type Workload = 'uniform' | 'zipf' | 'batched';
type Figures = { tps: number; postingsPerSecond: number; postgresCpuMsPerPosting: number; note?: string };

/** Draws as postings.ts draws: uniform over the city's accounts (two different ones), or a zipfian city and organisation. */
function draws(workload: Workload, suffix = ''): string {
  const zipf = workload === 'zipf';
  return [
    zipf ? `\\set city${suffix} random_zipfian(1, ${CITIES}, 1.1)` : `\\set city${suffix} random(1, ${CITIES})`,
    zipf ? `\\set d${suffix} random_zipfian(1, 10, 1.1)` : `\\set d${suffix} random(1, ${ACCOUNTS})`,
    zipf ? `\\set c${suffix} random(11, ${ACCOUNTS})` : `\\set c${suffix} 1 + (:d${suffix} + random(0, ${ACCOUNTS - 2})) % ${ACCOUNTS}`,
    `\\set amount${suffix} random(1, 240)`,
    `\\set k${suffix} random(1, 9000000000000000000)`,
  ].join('\n');
}

/** The two accounts and their city for this transaction's draw: one indexed read that `-N` does not make, in both the rows and the function runs. */
const pick = (s: string, cityOffset: number) =>
  `SELECT a.tenant_id AS t${s}, a.id AS debit${s}, b.id AS credit${s} FROM floor.accounts a, floor.accounts b ` +
  `WHERE a.city = :city${s} + ${cityOffset} AND a.idx = :d${s} AND b.city = :city${s} + ${cityOffset} AND b.idx = :c${s} \\gset`;

/** One transfer's statements as plain SQL, in the order `ledger_post` runs them (0048). */
function rowsTransfer(s: string): string {
  return [
    `SELECT seq AS seq${s}, hash AS h${s} FROM ledger_heads WHERE tenant_id = :t${s} FOR UPDATE \\gset`,
    `SELECT count(*) FROM ledger_transfers WHERE tenant_id = :t${s} AND idempotency_key = 'floor:' || :k${s}::text;`,
    `SELECT id FROM ledger_accounts WHERE tenant_id = :t${s} AND id IN (:debit${s}, :credit${s}) ORDER BY id FOR UPDATE;`,
    `UPDATE ledger_accounts SET balance = balance - :amount${s} WHERE tenant_id = :t${s} AND id = :debit${s} AND (allow_negative OR balance >= :amount${s}) RETURNING balance AS db${s} \\gset`,
    `UPDATE ledger_accounts SET balance = balance + :amount${s} WHERE tenant_id = :t${s} AND id = :credit${s} RETURNING balance AS cb${s} \\gset`,
    `INSERT INTO ledger_transfers (tenant_id, id, seq, unit, debit_account_id, credit_account_id, amount, idempotency_key, kind, memo, posted_at, prev_hash, hash, hash_version, private_digest) ` +
      `VALUES (:t${s}, gen_random_uuid(), :seq${s} + 1, 'BENCH_MINUTE', :debit${s}, :credit${s}, :amount${s}, 'floor:' || :k${s}::text, 'bench.posting', '{}', now(), :h${s}, ` +
      `encode(sha256(convert_to('["vc-ledger/2","' || :t${s}::text || '","' || :h${s}::text || '",' || (:seq${s}::bigint + 1) || ',"bench",' || :amount${s}::text || ']', 'UTF8')), 'hex'), 2, md5(:k${s}::text)) RETURNING id AS tr${s}, hash AS nh${s} \\gset`,
    `INSERT INTO ledger_entries (tenant_id, transfer_id, account_id, amount, balance_after) VALUES (:t${s}, :tr${s}, :debit${s}, -(:amount${s}::bigint), :db${s}), (:t${s}, :tr${s}, :credit${s}, :amount${s}, :cb${s});`,
    `UPDATE ledger_heads SET seq = :seq${s} + 1, hash = :nh${s}, transfers = transfers + 1 WHERE tenant_id = :t${s};`,
  ].join('\n');
}

const SETTINGS = (s: string) => `SELECT set_config('role', 'vc_app', true), set_config('app.tenant_id', :t${s}::text, true);`;

/** A pgbench script: `rows` or `function`, one transfer a commit or ten (ten draws in one city, as a page of verifications). */
function script(kind: 'rows' | 'function', workload: Workload): string {
  const n = workload === 'batched' ? BATCH : 1;
  const suffixes = Array.from({ length: n }, (_, i) => (i === 0 ? '' : `_${i}`));
  const lines = [draws(workload === 'batched' ? 'uniform' : workload)];
  // A batch is one city's: the later draws take the first one's city.
  for (const s of suffixes.slice(1)) lines.push(draws('uniform', s).replace(`\\set city${s} random(1, ${CITIES})`, `\\set city${s} :city`));
  lines.push('BEGIN;');
  // The rows' transfers carry a made-up hash, the function's a made-up private digest (the app hashes the private
  // fields in Node): either would fail the app runs' ledger check, so each posts in a hundred cities of its own.
  for (const s of suffixes) lines.push(pick(s, kind === 'rows' ? CITIES : 2 * CITIES));
  lines.push(SETTINGS(''));
  if (kind === 'rows') {
    for (const s of suffixes) lines.push(rowsTransfer(s));
  } else {
    const request = (s: string) =>
      `jsonb_build_object('id', gen_random_uuid(), 'debit', :debit${s}::uuid, 'credit', :credit${s}::uuid, 'amount', :amount${s}::bigint, ` +
      `'key', 'floor:' || :k${s}::text, 'kind', 'bench.posting', 'memo', '{}'::jsonb, ` +
      // chr(58) is ':': pgbench would read `:MI` in the format as a variable.
      `'postedAt', replace(to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD"T"HH24!MI!SS.MS"Z"'), '!', chr(58)), 'digest', md5(:k${s}::text))`;
    lines.push(`SELECT count(*) FILTER (WHERE error IS NOT NULL) AS refused FROM ledger_post(:t::uuid, jsonb_build_array(${suffixes.map(request).join(', ')}));`);
  }
  lines.push('END;');
  return lines.join('\n') + '\n';
}

function urlFor(database: string): string {
  const u = new URL(args.url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function main() {
  const server = postgres(args.url, { max: 1, onnotice: () => {} });
  const postmaster = await postmasterPid(server);
  const log = (line: string) => console.error(line);

  log(`scratch database ${args.database}: migrated, ${3 * CITIES} bench cities made by postings.ts (a hundred each for the app, the rows, the function)`);
  await server.unsafe(`drop database if exists "${args.database}" with (force)`);
  await server.unsafe(`create database "${args.database}"`);
  const owner = await openDatabase({ url: urlFor(args.database), maxConnections: 2 });
  await migrateDatabase(owner, urlFor(args.database));
  await owner.close();
  await run(process.execPath, ['--import', 'tsx', 'bench/ledger/postings.ts', '--url', urlFor(args.database), '--cities', String(3 * CITIES), '--mode', 'alone', '--seconds', '1'], { maxBuffer: 1 << 24 });
  const floorDb = postgres(urlFor(args.database), { max: 1, onnotice: () => {} });
  await floorDb.unsafe(`create schema floor;
    create table floor.accounts (city int, idx int, tenant_id uuid, id uuid, primary key (city, idx));
    insert into floor.accounts
      select substr(t.slug, 8)::int, case when a.code like 'organisation:%' then 1 + split_part(a.code, ':', 2)::int else 11 + split_part(a.code, ':', 2)::int end, a.tenant_id, a.id
      from ledger_accounts a join tenants t on t.id = a.tenant_id where t.slug like 'ledger-%' and a.unit = 'BENCH_MINUTE';
    grant usage on schema floor to vc_app; grant select on floor.accounts to vc_app;
    -- A city's chain head comes with its first posting (ledger_post makes it); the rows script expects one.
    insert into ledger_heads (tenant_id, seq, hash) select distinct tenant_id, 0, repeat('0', 64) from floor.accounts on conflict do nothing;`);
  await floorDb.unsafe('vacuum analyze');
  const [counted] = await floorDb<{ n: number }[]>`select count(*)::int as n from floor.accounts`;
  const n = counted?.n;
  if (n !== 3 * CITIES * ACCOUNTS) throw new Error(`floor.accounts holds ${n} accounts, expected ${3 * CITIES * ACCOUNTS}`);
  await initPgbench(args.url, args.pgbenchDatabase, 10);

  const dir = mkdtempSync(join(tmpdir(), 'vc-floor-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const scripts = {
    zipfN: file('zipf-n.sql', ZIPF_SCRIPT),
    rows: { uniform: file('rows-u.sql', script('rows', 'uniform')), zipf: file('rows-z.sql', script('rows', 'zipf')), batched: file('rows-b.sql', script('rows', 'batched')) },
    fn: { uniform: file('fn-u.sql', script('function', 'uniform')), zipf: file('fn-z.sql', script('function', 'zipf')), batched: file('fn-b.sql', script('function', 'batched')) },
  };

  /** One measured run: the server's CPU counted around it, unless the run counts its own. */
  const measured = async (work: () => Promise<{ tps: number; postings: number; postgresCpuMsPerPosting?: number; note?: string }>): Promise<Figures> => {
    const before = serverCpuMs(postmaster);
    const started = performance.now();
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    const cpu = serverCpuMs(postmaster) - before;
    const postgresCpuMsPerPosting = result.postgresCpuMsPerPosting ?? round(cpu / (result.postings * seconds), 3)!;
    return { tps: round(result.tps, 1)!, postingsPerSecond: round(result.postings, 1)!, postgresCpuMsPerPosting, note: result.note };
  };
  const pgbenchRow = (database: string, user: string, workload: string[], perCommit: number, protocol?: string) => () =>
    measured(async () => {
      const r = await countedPgbench(args.url, database, { workload, user, clients: args.clients, seconds: args.seconds, protocol: protocol ?? 'prepared' });
      return { tps: r.tps, postings: r.tps * perCommit, note: r.failed ? `${r.failed} failed` : undefined };
    });
  const appRow = (workload: Workload, mode: 'alone' | 'transaction') => () =>
    measured(async () => {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'bench/ledger/postings.ts', '--url', urlFor(args.database), '--processes', String(args.processes), '--cities', String(CITIES),
          '--distribution', workload === 'zipf' ? 'zipf' : 'uniform', '--batch', String(workload === 'batched' ? BATCH : 1), '--mode', mode,
          '--concurrency', String(args.clients), '--seconds', String(args.seconds)],
        { maxBuffer: 1 << 24 },
      );
      const p = JSON.parse(stdout.trim().split('\n').pop()!) as { postingsPerSecond: number; postgresCpuMsPerPosting: number; verified: { ok: boolean; cities: number } };
      if (!p.verified.ok) throw new Error(`ledger check failed after the app's ${workload} ${mode} run`);
      // Its own window's rate and PostgreSQL CPU (its backends, counted while it posts): its set-up and ledger check are left out.
      return { tps: p.postingsPerSecond / (workload === 'batched' ? BATCH : 1), postings: p.postingsPerSecond, postgresCpuMsPerPosting: p.postgresCpuMsPerPosting, note: `verified ${p.verified.cities} cities` };
    });

  type Row = [string, Workload, () => Promise<Figures>];
  const all: Row[] = [
    ['-N', 'uniform', pgbenchRow(args.pgbenchDatabase, 'postgres', ['-N'], 1)],
    // npm run bench's ceiling: the simple protocol, a statement's text parsed on every call.
    ['-N simple', 'uniform', pgbenchRow(args.pgbenchDatabase, 'postgres', ['-N'], 1, 'simple')],
    ['-N', 'zipf', pgbenchRow(args.pgbenchDatabase, 'postgres', ['-f', scripts.zipfN], 1)],
    ...(['uniform', 'zipf', 'batched'] as const).flatMap((w): Row[] => [
      // -n: no pgbench tables to vacuum here (the ledger's are vacuumed before every run, below).
      ['rows', w, pgbenchRow(args.database, 'vc_app', ['-n', '-f', scripts.rows[w]], w === 'batched' ? BATCH : 1)],
      ['function', w, pgbenchRow(args.database, 'vc_app', ['-n', '-f', scripts.fn[w]], w === 'batched' ? BATCH : 1)],
      ['app alone', w, appRow(w, 'alone')],
      ['app in db.tenant', w, appRow(w, 'transaction')],
    ]),
  ];
  const rows = all.filter(([name]) => !args.only || args.only.split(',').some((o) => name.startsWith(o)));

  const results = new Map<string, Figures[]>();
  for (let r = 0; r < args.rounds; r++) {
    for (const [name, workload, measure] of r % 2 === 0 ? rows : [...rows].reverse()) {
      // This server runs without autovacuum: statistics made when the tables were small halved ledger_post's rate once
      // they had grown (748 and 857 commits/s, 1,777 and 1,745 after an ANALYZE). Each run starts as autovacuum would leave it.
      await floorDb.unsafe('vacuum analyze ledger_heads, ledger_accounts, ledger_transfers, ledger_entries');
      await startAfterCheckpoint(server);
      const f = await measure();
      log(`round ${r + 1}: ${`${name} ${workload}`.padEnd(26)} ${String(f.postingsPerSecond).padStart(8)} postings/s  ${String(f.tps).padStart(8)} commits/s  PostgreSQL ${f.postgresCpuMsPerPosting} ms a posting${f.note ? `  (${f.note})` : ''}`);
      const key = `${name}|${workload}`;
      results.set(key, [...(results.get(key) ?? []), f]);
    }
  }
  console.log(JSON.stringify({ clients: args.clients, seconds: args.seconds, rounds: args.rounds, processes: args.processes, load: os.loadavg(), results: Object.fromEntries(results) }));
  await floorDb.end();
  await server.end();
}

await main();
