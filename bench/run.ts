/**
 * `npm run bench`: in one run, side by side, on this machine
 *  - pages: a bare Hono hello-world (the ceiling), a city's home page, the
 *    project list, a volunteer's hours page, a certificate's verify page and two
 *    htmx fragments (the project filter, the members search), served by
 *    `core/main.ts` in `--web-concurrency` processes with the page cache on; a
 *    visitor's page both from the cache and missing it (a new address each
 *    request); loaded by autocannon on 127.0.0.1 without pipelining:
 *    requests/s and p50/p99 flat out, then p99 at a steady half of that rate,
 *    then Node and PostgreSQL CPU ms per request over `--count-requests`
 *    requests; the database-page ceiling (`bench/http/ceiling.tsx`: bare Hono
 *    + postgres.js, one tenant transaction, 20 projects, a small page) is the
 *    ceiling of every page that runs its queries;
 *  - postings: `pgbench -N` TPS on the same server (the ceiling), then ledger
 *    postings/s through `postTransfers`, uniform and zipf-skewed, one transfer
 *    a commit and batched, from `--processes` processes at once (default one a
 *    CPU) sharing `--concurrency` workers; after each run (all processes done)
 *    every city's ledger is verified.
 * Prints a table and writes bench/results/<time>.json (and latest.json).
 * Needs a PostgreSQL server (BENCH_DATABASE_URL or --url, database created and
 * seeded with `seed:scale` sizes when missing) and pgbench. --pglite adds the
 * pages and postings on PGlite. --citus <coordinator url> adds the pages, the
 * database-page ceiling and the postings on a Citus cluster (the database made on
 * every node and seeded the same way when missing), with what distribution costs a
 * request: the workers' PostgreSQL CPU and the statements the coordinator ran on
 * shards, beside the single node's in a comparison table.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { openDatabase, type Database } from '../core/db/database.ts';
import { migrateDatabase } from '../core/db/migrate.ts';
import { startServerProcess, type ServerProcess } from '../tests/support/server-process.ts';
import { countCosts, type CostSources } from './http/costs.ts';
import { load, type PageFigures } from './http/load.ts';
import { steadyLoad } from './http/steady.ts';
import { benchPages, pageFixtures, type BenchPage } from './http/pages.ts';
import { parseArgs } from './lib/args.ts';
import { inTenantTransaction } from './lib/bulk.ts';
import { round } from './lib/stats.ts';
import { initPgbench, pgbench, pgbenchPath, type PgbenchFigures } from './ledger/pgbench.ts';
import { nodeUrl } from '../core/db/citus/nodes.ts';
import { ensureCitusDatabase, shardsPerNode, workersOf } from './citus/cluster.ts';

const args = parseArgs(process.argv.slice(2), {
  url: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vc_bench',
  seconds: 10,
  connections: 32,
  ledgerSeconds: 10,
  /** Postings in db.tenant (`transaction`), in one round trip (`alone`), or `both`. */
  postingMode: 'both',
  concurrency: 8,
  /** Posting processes at once (the app runs one a core); --concurrency is their total of workers. */
  processes: os.availableParallelism(),
  batch: 10,
  cities: 100,
  pgbenchDatabase: 'vc_bench_pgbench',
  pgbenchScale: 10,
  seed: '5,5000,200000',
  pglite: false,
  pgliteDataDir: './bench/data',
  pgliteSeed: '2,2000,40000',
  skipHttp: false,
  skipLedger: false,
  slug: 'bench-001',
  webConcurrency: os.cpus().length,
  pageCacheSeconds: 5,
  /** Requests a page's CPU per request is counted over (after its timed runs). */
  countRequests: 2000,
  /** A Citus coordinator's URL (database included): the pages and postings there too, beside --url's. */
  citus: '',
  /** Shards a distributed table when --citus's database is made here (Citus's default is 32). */
  citusShardCount: 8,
});
const exec = promisify(execFile);
const log = (line: string) => process.stderr.write(`${line}\n`);

type Row = {
  kind: 'page' | 'posting';
  name: string;
  database: string;
  perSecond: number;
  p50: number | null;
  p99: number | null;
  ceiling: string;
  ratio: number | null;
  target: number | null;
  halfLoad?: { perSecond: number; p50: number | null; p99: number | null };
  /** PostgreSQL round trips per request, counted (bench/http/round-trips.ts; postings: socket writes a commit). */
  roundTrips?: number;
  /** Pages: CPU ms per request in the server's processes and in its PostgreSQL backends, counted over `countRequests`. */
  nodeCpuMs?: number;
  postgresCpuMs?: number | null;
  /** Citus: the workers' PostgreSQL CPU ms per request (postgresCpuMs is the coordinator's), and shard statements a request. */
  workerCpuMs?: number;
  shardQueries?: { singleShard: number; multiShard: number; connectionsOpened: number };
  /** Postings: processes and workers in each (together the transactions in flight), Node CPU ms per posting. */
  workers?: { processes: number; perProcess: number[] };
  cpuMsPerPosting?: number;
  note?: string;
};

async function ensureDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  try {
    const [found] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!found) await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
}

/**
 * Statistics and visibility maps as a server with autovacuum would have them: a freshly seeded
 * database has neither (and this machine's server runs with autovacuum off), so plans would visit
 * heap pages an index-only scan skips in production. Quick when nothing changed since the last run.
 */
async function vacuumAnalyse(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe('vacuum (analyze)');
  } finally {
    await sql.end();
  }
}

async function seedIfMissing(db: Database, env: Record<string, string>, sizes: string, extra: string[]) {
  const [row] = await inTenantTransaction(db, null, (q) => q(`select id::text as id from tenants where slug = $1`, [args.slug]));
  if (row) return;
  const [tenants, volunteers, entries] = sizes.split(',');
  log(`no ${args.slug} yet: seeding --tenants ${tenants} --volunteers ${volunteers} --entries ${entries}`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/seed-scale.ts', '--tenants', tenants!, '--volunteers', volunteers!, '--entries', entries!, ...extra], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed:scale exited with ${code}`))));
  });
}

/** What the plugins' pages need in the city the pages are read from (`bench/seed-plugins.ts`: adds only what is missing). */
async function addPluginData(url: string) {
  await exec(process.execPath, ['--import', 'tsx', 'bench/seed-plugins.ts', '--url', url, '--slug', args.slug], { maxBuffer: 1 << 24 });
}

/** PGlite's folder is open to one process at a time: look, close, then let the seeder open it. */
async function seedPgliteIfMissing() {
  const db = await openDatabase({ dataDir: args.pgliteDataDir });
  await migrateDatabase(db);
  const [found] = await inTenantTransaction(db, null, (q) => q(`select 1 from tenants where slug = $1`, [args.slug]));
  await db.close();
  if (found) return;
  const [tenants, volunteers, entries] = args.pgliteSeed.split(',');
  log(`PGlite in ${args.pgliteDataDir}: seeding --tenants ${tenants} --volunteers ${volunteers} --entries ${entries}`);
  await exec(process.execPath, ['--import', 'tsx', 'bench/seed-scale.ts', '--tenants', tenants!, '--volunteers', volunteers!, '--entries', entries!, '--data-dir', args.pgliteDataDir], { env: { ...process.env, DATABASE_URL: '' }, maxBuffer: 1 << 24 });
}

type Ceiling = { name: string; perSecond: number };
type Engine = 'postgres' | 'pglite' | 'citus';

async function measurePage(name: string, database: string, url: string, sources: CostSources, headers: Record<string, string>, ceiling: Ceiling | null, target: number | null, uniqueAddress = false): Promise<Row> {
  await load(url, { connections: 4, seconds: 1, headers, uniqueAddress }); // warm-up
  const peak = await load(url, { connections: args.connections, seconds: args.seconds, headers, uniqueAddress });
  const half = await steadyLoad(url, { connections: args.connections, seconds: args.seconds, headers, rate: peak.requestsPerSecond / 2, uniqueAddress });
  const costs = await countCosts(url, sources, { requests: args.countRequests, headers, uniqueAddress });
  const problems = [peak, half].flatMap((f: PageFigures) => [f.errors ? `${f.errors} errors` : '', f.non2xx ? `${f.non2xx} non-2xx` : '']).filter(Boolean);
  const workers = costs.workerCpuMs !== undefined ? `, workers ${costs.workerCpuMs} ms, shard statements ${costs.shardQueries?.singleShard}+${costs.shardQueries?.multiShard} fanned out` : '';
  log(`  ${name.padEnd(44)} ${peak.requestsPerSecond} req/s  p50 ${peak.latencyMs.p50} ms  p99 ${peak.latencyMs.p99} ms  (half load p99 ${half.latencyMs.p99} ms)  Node ${costs.nodeCpuMs} ms, PostgreSQL ${costs.postgresCpuMs ?? '-'} ms${workers} a request`);
  return {
    kind: 'page', name, database, perSecond: peak.requestsPerSecond, p50: peak.latencyMs.p50, p99: peak.latencyMs.p99,
    ceiling: ceiling?.name ?? '-', ratio: ceiling ? round(peak.requestsPerSecond / ceiling.perSecond, 3) : null, target,
    halfLoad: { perSecond: half.requestsPerSecond, p50: half.latencyMs.p50, p99: half.latencyMs.p99 },
    nodeCpuMs: costs.nodeCpuMs, postgresCpuMs: costs.postgresCpuMs,
    ...(costs.workerCpuMs !== undefined ? { workerCpuMs: costs.workerCpuMs, shardQueries: costs.shardQueries } : {}),
    ...(problems.length ? { note: problems.join(', ') } : {}),
  };
}

/** `core/main.ts` as its own process(es) with `env`, for the duration of `work`. */
async function withServer<T>(env: Record<string, string>, work: (base: string, pid: number) => Promise<T>): Promise<T> {
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess({ ...env, LOG_LEVEL: 'warn' }, { timeoutMs: 120_000 });
    // With several processes /readyz answers once the first listens; give the others a moment.
    await new Promise((r) => setTimeout(r, 2000));
    return await work(`http://127.0.0.1:${server.port}`, server.child.pid!);
  } finally {
    server?.child.kill('SIGTERM');
    await server?.exited;
  }
}

/**
 * Every page as deployed (WEB_CONCURRENCY processes, page cache on); the pages
 * a visitor asks for twice: the same address (the page cache answers) and a new
 * address every request (the cache misses: the page runs its queries). Targets:
 * a page with its queries 50% of the database-page ceiling (issue 16), a cached
 * htmx fragment 25% of hello-world (issue 6); a whole page from the cache has none.
 */
async function pages(database: Engine, env: Record<string, string>, db: Database, ceilings: { hello: Ceiling; database: Ceiling }, trips: Record<string, number>, monitor: CostSources['postgres'], workers?: CostSources['workers']): Promise<Row[]> {
  const list = benchPages(await pageFixtures(db, args.slug));
  await db.close(); // PGlite's folder is the server's now; on PostgreSQL the server has its own pool
  const processes = database === 'pglite' ? 1 : args.webConcurrency;
  const host = { host: `${args.slug}.localhost` };
  const partial = (page: BenchPage) => page.headers['hx-request'] === 'true';
  const rows: Row[] = [];
  await withServer({ ...env, WEB_CONCURRENCY: String(processes), PAGE_CACHE_SECONDS: String(args.pageCacheSeconds) }, async (base, pid) => {
    const sources: CostSources = { serverPid: pid, ...(database === 'pglite' ? {} : { postgres: monitor }), ...(workers ? { workers } : {}) };
    for (const page of list) {
      const headers = { ...host, ...page.headers };
      if (!page.anonymous) {
        rows.push({ ...(await measurePage(page.name, database, base + page.path, sources, headers, ceilings.database, 0.5)), roundTrips: trips[page.name] });
        continue;
      }
      const kept = await measurePage(`${page.name}, from the page cache`, database, base + page.path, sources, headers, ceilings.hello, partial(page) ? 0.25 : null);
      rows.push({ ...kept, roundTrips: 0 });
      const missed = await measurePage(`${page.name}, cache missed`, database, base + page.path, sources, headers, ceilings.database, 0.5, true);
      rows.push({ ...missed, roundTrips: trips[page.name] });
    }
  });
  return rows;
}

/** A bare Hono hello-world in `processes` processes, flat out: a candidate for the page ceiling. */
async function helloWorld(processes: number): Promise<Row> {
  const port = 30000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/http/hello.ts'], { env: { ...process.env, PORT: String(port), WEB_CONCURRENCY: String(processes) }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('hello-world did not start')), 30_000);
      child.stdout!.on('data', () => (clearTimeout(timer), resolve()));
    });
    const url = `http://127.0.0.1:${port}/`;
    await load(url, { connections: 4, seconds: 1 });
    const peak = await load(url, { connections: args.connections, seconds: args.seconds });
    const costs = await countCosts(url, { serverPid: child.pid! }, { requests: args.countRequests });
    const name = `hello-world, ${processes} process${processes > 1 ? 'es' : ''}`;
    log(`  ${name.padEnd(44)} ${peak.requestsPerSecond} req/s  p50 ${peak.latencyMs.p50} ms  p99 ${peak.latencyMs.p99} ms  Node ${costs.nodeCpuMs} ms a request`);
    return { kind: 'page', name, database: '-', perSecond: peak.requestsPerSecond, p50: peak.latencyMs.p50, p99: peak.latencyMs.p99, ceiling: '-', ratio: null, target: null, nodeCpuMs: costs.nodeCpuMs };
  } finally {
    child.kill('SIGTERM');
  }
}

/**
 * The page ceiling: hello-world in one process and in as many as the app runs,
 * the faster of the two (on a small machine more processes can be slower: the
 * load generator needs a core too).
 */
async function pageCeiling(): Promise<{ rows: Row[]; perSecond: number }> {
  const counts = [...new Set([1, args.webConcurrency])];
  const rows: Row[] = [];
  for (const n of counts) rows.push(await helloWorld(n));
  const perSecond = Math.max(...rows.map((r) => r.perSecond));
  return { rows: rows.map((r) => ({ ...r, ratio: round(r.perSecond / perSecond, 3), note: r.perSecond === perSecond ? 'the ceiling' : undefined })), perSecond };
}

/**
 * The database-page ceiling (`bench/http/ceiling.tsx`) in one process, measured
 * as a page is; its round trips are the socket writes it counts itself.
 */
async function databaseCeiling(hello: Ceiling, monitor: NonNullable<CostSources['postgres']>, citus?: { url: string; workers: NonNullable<CostSources['workers']> }): Promise<Row> {
  const port = 30000 + Math.floor(Math.random() * 20000);
  const env = { PORT: String(port), DATABASE_URL: citus?.url ?? args.url, BENCH_SLUG: args.slug, BENCH_CITUS: citus ? '1' : '' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/http/ceiling.tsx'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the database-page ceiling did not start')), 60_000);
      child.on('exit', (code) => reject(new Error(`the database-page ceiling exited with ${code}`)));
      child.stdout!.on('data', () => (clearTimeout(timer), resolve()));
    });
    const base = `http://127.0.0.1:${port}`;
    const row = await measurePage('database-page ceiling (1 process)', citus ? 'citus' : 'postgres', `${base}/`, { serverPid: child.pid!, postgres: monitor, ...(citus ? { workers: citus.workers } : {}) }, {}, hello, null);
    const writes = async () => Number(await (await fetch(`${base}/round-trips`)).text());
    const before = await writes();
    const counted = await load(`${base}/`, { connections: 1, seconds: 0, amount: 200 });
    return { ...row, roundTrips: round(((await writes()) - before) / (counted.requests || 200), 2)!, note: 'the ceiling of pages with queries' };
  } finally {
    child.kill('SIGTERM');
  }
}

type Postings = {
  postingsPerSecond: number;
  latencyMs: { p50: number | null; p99: number | null };
  verified: { ok: boolean; cities: number; problems: unknown[] };
  refused: Record<string, number>;
  postings: number;
  processes: number;
  workersPerProcess: number[];
  cpuMsPerPosting: number;
  socketWritesPerCommit: number;
  postgresCpuMsPerPosting: number | null;
};

async function postings(database: Engine, options: { distribution: 'uniform' | 'zipf'; batch: number; mode: 'transaction' | 'alone' }): Promise<Postings> {
  // PGlite is one process; on PostgreSQL, --concurrency workers split over --processes processes.
  const target = database === 'pglite' ? [] : ['--url', database === 'citus' ? args.citus : args.url, '--processes', String(args.processes)];
  const { stdout } = await exec(
    process.execPath,
    ['--import', 'tsx', 'bench/ledger/postings.ts', ...target, '--cities', String(database === 'pglite' ? Math.min(args.cities, 10) : args.cities), '--distribution', options.distribution, '--batch', String(options.batch), '--mode', options.mode, '--concurrency', String(args.concurrency), '--seconds', String(args.ledgerSeconds)],
    // Beyond the postings: the bench cities' set-up and verifying their whole chains, which grow with every run.
    { maxBuffer: 1 << 24, timeout: (args.ledgerSeconds + 1200) * 1000 },
  ).catch((e: { stdout?: string; stderr?: string; signal?: string }) => {
    throw new Error(`postings run failed${e.signal ? ` (stopped by ${e.signal} at the time limit)` : ''}: ${e.stderr ?? e}\n${e.stdout ?? ''}`);
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Postings;
}

function postingRow(database: string, name: string, p: Postings, ceiling: PgbenchFigures, ceilingName: string, target: number): Row {
  const note = [
    p.verified.ok ? `verified ${p.verified.cities} cities OK` : `LEDGER CHECK FAILED: ${JSON.stringify(p.verified.problems)}`,
    Object.keys(p.refused).length ? `refused ${JSON.stringify(p.refused)}` : '',
    `${p.processes} process${p.processes === 1 ? '' : 'es'} × ${p.workersPerProcess.join('+')} workers, ${p.cpuMsPerPosting} ms Node CPU a posting`,
  ].filter(Boolean).join('; ');
  log(`  ${name.padEnd(28)} ${p.postingsPerSecond} postings/s  p50 ${p.latencyMs.p50} ms  p99 ${p.latencyMs.p99} ms  ${note}`);
  return {
    kind: 'posting', name, database, perSecond: p.postingsPerSecond, p50: p.latencyMs.p50, p99: p.latencyMs.p99, ceiling: ceilingName, ratio: round(p.postingsPerSecond / ceiling.tps, 3), target, note,
    roundTrips: database === 'pglite' ? undefined : p.socketWritesPerCommit, workers: { processes: p.processes, perProcess: p.workersPerProcess }, cpuMsPerPosting: p.cpuMsPerPosting, postgresCpuMs: p.postgresCpuMsPerPosting ?? undefined,
  };
}

async function ledger(database: Engine, ceilings: { uniform: PgbenchFigures; zipf: PgbenchFigures }): Promise<Row[]> {
  const rows: Row[] = [];
  // Issue 16's targets, against pgbench -N uniform: 100% one a commit, 60% with the skew, 300% batched.
  const runs: [string, 'uniform' | 'zipf', number, number][] = [
    ['uniform', 'uniform', 1, 1],
    ['zipf skew', 'zipf', 1, 0.6],
    [`uniform, ${args.batch}/commit`, 'uniform', args.batch, 3],
    [`zipf, ${args.batch}/commit`, 'zipf', args.batch, 3],
  ];
  // "in tx": postTransfers in db.tenant, as a flow that posts within its unit of work (BEGIN, settings and
  // posting, COMMIT); "alone": postTransfersAlone, the whole transaction in one round trip.
  const modes: ('transaction' | 'alone')[] = args.postingMode === 'both' ? ['transaction', 'alone'] : [args.postingMode as 'transaction' | 'alone'];
  for (const mode of modes) {
    for (const [name, distribution, batch, target] of runs) {
      const label = `postings${mode === 'alone' ? ' alone' : ''}, ${name}`;
      rows.push(postingRow(database, label, await postings(database, { distribution, batch, mode }), ceilings.uniform, 'pgbench -N', target));
    }
  }
  return rows;
}

function table(rows: Row[]): string {
  const citus = rows.some((r) => r.workerCpuMs !== undefined);
  const head = ['', 'database', 'per s', 'p50 ms', 'p99 ms', 'half-load p99', 'db trips', 'Node ms/req', 'PG ms/req', ...(citus ? ['workers ms/req', 'shard stmts/req'] : []), 'ceiling', 'ratio', 'target', 'note'];
  const cells = rows.map((r) => [
    r.name, r.database, String(r.perSecond), String(r.p50 ?? '-'), String(r.p99 ?? '-'), r.halfLoad ? String(r.halfLoad.p99 ?? '-') : '-', r.roundTrips === undefined ? '-' : String(r.roundTrips),
    String(r.nodeCpuMs ?? r.cpuMsPerPosting ?? '-'), String(r.postgresCpuMs ?? '-'),
    ...(citus ? [String(r.workerCpuMs ?? '-'), r.shardQueries ? `${r.shardQueries.singleShard}+${r.shardQueries.multiShard}` : '-'] : []), r.ceiling,
    r.ratio === null ? '-' : `${(r.ratio * 100).toFixed(1)}%`, r.target === null ? '-' : `${r.target >= 1 ? '>' : '≥'}${(r.target * 100).toFixed(0)}%${r.ratio !== null ? (r.ratio >= r.target ? ' ok' : ' MISSED') : ''}`, r.note ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  return [head, ...cells].map((c) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/**
 * The same page on one PostgreSQL server and on the Citus coordinator, from the same run:
 * rates and their ratio, and what distribution costs a request in counts (round trips from the
 * app, CPU in Node, on the coordinator and on the workers, statements run on shards).
 */
function comparison(rows: Row[]): string {
  const citusRows = rows.filter((r) => r.database === 'citus');
  const head = ['', 'single per s', 'Citus per s', 'Citus/single', 'db trips single/Citus', 'Node ms single/Citus', 'PG ms single', 'coordinator ms', 'workers ms', 'PG ms Citus/single', 'shard stmts/req (1 shard+fanned out)', 'worker conns opened/req'];
  const cells: string[][] = [];
  for (const c of citusRows) {
    const single = rows.find((r) => r.database === 'postgres' && r.name === c.name);
    if (!single) continue;
    const pgCitus = (c.postgresCpuMs ?? 0) + (c.workerCpuMs ?? 0);
    cells.push([
      c.name, String(single.perSecond), String(c.perSecond), single.perSecond ? `${round(c.perSecond / single.perSecond, 2)}` : '-',
      `${single.roundTrips ?? '-'}/${c.roundTrips ?? '-'}`, `${single.nodeCpuMs ?? single.cpuMsPerPosting ?? '-'}/${c.nodeCpuMs ?? c.cpuMsPerPosting ?? '-'}`,
      String(single.postgresCpuMs ?? '-'), String(c.postgresCpuMs ?? '-'), String(c.workerCpuMs ?? '-'),
      single.postgresCpuMs ? `${round(pgCitus / single.postgresCpuMs, 2)}` : '-',
      c.shardQueries ? `${c.shardQueries.singleShard}+${c.shardQueries.multiShard}` : '-', c.shardQueries ? String(c.shardQueries.connectionsOpened) : '-',
    ]);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  return [head, ...cells].map((c) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** The Citus database's nodes, shards per node and rows, for the result file. */
async function citusInfo(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [v] = await sql`select extversion from pg_extension where extname = 'citus'`;
    const [size] = await sql`select pg_size_pretty(sum(shard_size)) as size from citus_shards`;
    return { citus: v?.extversion, workers: await workersOf(url), shardsPerNode: await shardsPerNode(sql), shardSize: size?.size };
  } finally {
    await sql.end();
  }
}

async function machine(url: string) {
  const server = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [v] = await server`select version() as version`;
    const sizes = await server`select relname, reltuples::bigint as rows from pg_class where relname in ('tenants','users','volunteer_profiles','service_records','ledger_transfers','ledger_entries') and relkind = 'r'`;
    const [size] = await server`select pg_size_pretty(pg_database_size(current_database())) as size`;
    const pgbenchVersion = await exec(pgbenchPath(), ['--version']).then((r) => r.stdout.trim(), () => null);
    return {
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
      memoryGiB: round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: String(v!.version).split(' on ')[0],
      pgbench: pgbenchVersion,
      databaseSize: size!.size,
      rowsEstimate: Object.fromEntries(sizes.map((r) => [r.relname, Number(r.rows)])),
    };
  } finally {
    await server.end();
  }
}

async function main() {
  const startedAt = new Date();
  const loadBefore = os.loadavg().map((n) => round(n, 2));
  log(`load average before: ${loadBefore.join(' ')}`);
  await ensureDatabase(args.url);
  const db = await openDatabase({ url: args.url, maxConnections: 2 });
  await migrateDatabase(db, args.url);
  await seedIfMissing(db, { DATABASE_URL: args.url }, args.seed, []);
  await addPluginData(args.url);
  await vacuumAnalyse(args.url);
  const info = await machine(args.url);
  let citusDb: Database | undefined;
  let cluster: Awaited<ReturnType<typeof citusInfo>> | undefined;
  if (args.citus) {
    await ensureCitusDatabase(args.citus, args.citusShardCount);
    citusDb = await openDatabase({ url: args.citus, maxConnections: 2 });
    await migrateDatabase(citusDb, args.citus);
    await seedIfMissing(citusDb, { DATABASE_URL: args.citus }, args.seed, []);
    await vacuumAnalyse(args.citus);
    cluster = await citusInfo(args.citus);
  }
  const rows: Row[] = [];
  let ceilings: { uniform: PgbenchFigures; zipf: PgbenchFigures } | undefined;

  if (!args.skipHttp) {
    log('pages (PostgreSQL):');
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', 'bench/http/round-trips.ts', '--url', args.url, '--slug', args.slug], { maxBuffer: 1 << 24 });
    const trips = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, number>;
    const monitor = { monitor: postgres(args.url, { max: 1, onnotice: () => {} }), database: new URL(args.url).pathname.slice(1) };
    try {
      const hello = await pageCeiling();
      rows.push(...hello.rows);
      const helloCeiling = { name: 'hello-world', perSecond: hello.perSecond };
      const ceiling = await databaseCeiling(helloCeiling, monitor);
      rows.push(ceiling);
      const ceilings = { hello: helloCeiling, database: { name: 'database page', perSecond: ceiling.perSecond } };
      rows.push(...(await pages('postgres', { DATABASE_URL: args.url }, db, ceilings, trips, monitor)));
      if (args.citus && citusDb) {
        log('pages (Citus):');
        const database = new URL(args.citus).pathname.slice(1);
        const workerNodes = (await workersOf(args.citus)) ?? [];
        const citusMonitor = { monitor: postgres(args.citus, { max: 1, onnotice: () => {} }), database };
        const workerMonitors = workerNodes.map((w) => ({ monitor: postgres(nodeUrl(args.citus, w, database), { max: 1, onnotice: () => {} }), database }));
        try {
          const { stdout: citusTrips } = await exec(process.execPath, ['--import', 'tsx', 'bench/http/round-trips.ts', '--url', args.citus, '--slug', args.slug], { maxBuffer: 1 << 24 });
          const citusCeiling = await databaseCeiling(helloCeiling, citusMonitor, { url: args.citus, workers: workerMonitors });
          rows.push(citusCeiling);
          const onCitus = { hello: helloCeiling, database: { name: 'database page, Citus', perSecond: citusCeiling.perSecond } };
          rows.push(...(await pages('citus', { DATABASE_URL: args.citus }, citusDb, onCitus, JSON.parse(citusTrips.trim().split('\n').pop()!) as Record<string, number>, citusMonitor, workerMonitors)));
        } finally {
          await Promise.all([citusMonitor, ...workerMonitors].map((m) => m.monitor.end()));
        }
      }
      if (args.pglite) {
        log('pages (PGlite):');
        await seedPgliteIfMissing();
        rows.push(...(await pages('pglite', { DATABASE_URL: '', DATA_DIR: args.pgliteDataDir }, await openDatabase({ dataDir: args.pgliteDataDir }), ceilings, {}, undefined)));
      }
    } finally {
      await monitor.monitor.end();
    }
  } else {
    await db.close();
    await citusDb?.close();
  }

  if (!args.skipLedger) {
    log('ledger (PostgreSQL):');
    await initPgbench(args.url, args.pgbenchDatabase, args.pgbenchScale);
    const uniform = await pgbench(args.url, args.pgbenchDatabase, { clients: args.concurrency, seconds: args.ledgerSeconds });
    const zipf = await pgbench(args.url, args.pgbenchDatabase, { clients: args.concurrency, seconds: args.ledgerSeconds, zipf: true });
    ceilings = { uniform, zipf };
    log(`  ${'pgbench -N (ceiling)'.padEnd(28)} ${uniform.tps} tps  p50 ${uniform.latencyMs.p50} ms  p99 ${uniform.latencyMs.p99} ms`);
    log(`  ${'pgbench -N zipfian'.padEnd(28)} ${zipf.tps} tps  p50 ${zipf.latencyMs.p50} ms  p99 ${zipf.latencyMs.p99} ms`);
    rows.push({ kind: 'posting', name: 'pgbench -N (ceiling)', database: 'postgres', perSecond: uniform.tps, p50: uniform.latencyMs.p50, p99: uniform.latencyMs.p99, ceiling: '-', ratio: 1, target: null, note: uniform.command });
    rows.push({ kind: 'posting', name: 'pgbench -N, zipfian accounts', database: 'postgres', perSecond: zipf.tps, p50: zipf.latencyMs.p50, p99: zipf.latencyMs.p99, ceiling: 'pgbench -N', ratio: round(zipf.tps / uniform.tps, 3), target: null, note: zipf.command });
    rows.push(...(await ledger('postgres', ceilings)));
    if (args.citus) {
      log('ledger (Citus coordinator, against the single server\'s pgbench -N):');
      rows.push(...(await ledger('citus', ceilings)));
    }
    if (args.pglite) {
      log('ledger (PGlite, in memory, against the PostgreSQL ceiling):');
      rows.push(...(await ledger('pglite', ceilings)));
    }
  }

  const loadAfter = os.loadavg().map((n) => round(n, 2));
  const result = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    loadAverage: { before: loadBefore, after: loadAfter },
    machine: info,
    ...(cluster ? { citus: { url: args.citus.replace(/\/\/[^@]*@/, '//'), ...cluster } } : {}),
    settings: { countRequests: args.countRequests, seconds: args.seconds, connections: args.connections, webConcurrency: args.webConcurrency, pageCacheSeconds: args.pageCacheSeconds, ledgerSeconds: args.ledgerSeconds, concurrency: args.concurrency, batch: args.batch, cities: args.cities, pipelining: 1, city: args.slug },
    rows,
  };
  if (args.citus) console.log(`\nsingle server against Citus, same run:\n${comparison(rows)}`);
  console.log(`\n${table(rows)}\n\nload average ${loadBefore.join(' ')} → ${loadAfter.join(' ')}; ${info.cpus}; ${info.postgres}; database ${info.databaseSize}`);
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${startedAt.toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  writeFileSync('bench/results/latest.json', JSON.stringify(result, null, 2) + '\n');
  log(`written ${file}`);
}

await main();
