/**
 * Ledger postings per second under concurrency: `concurrency` workers post for
 * `seconds` through `postTransfers` (the code the app posts with), each commit
 * in a city's tenant transaction, one transfer or `batch` transfers a commit.
 * Accounts and cities are drawn uniformly, or with a hot-spot skew (zipfian: a
 * few cities, and within a city a few organisation accounts, take most postings).
 * Afterwards every city it posted in is checked with `verifyLedger` (hash chain,
 * each transfer's two entries, balances equal entries, debits equal credits).
 * Prints one JSON line. Run by bench/run.ts as its own process.
 *
 * `--processes N` (PostgreSQL only) posts from N processes at once, as the app
 * runs one process per core: `--concurrency` is the TOTAL of workers in flight,
 * split between the processes (8 over 2 processes: 4 and 4, each on a pool of
 * its own workers' size), so it stays comparable with pgbench's client count.
 * This process makes the cities, starts the children, lets them all start
 * posting at once, sums their postings/s, merges their latency samples, and
 * verifies the ledger once, after every child has finished.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../core/config.ts';
import { openDatabase, rowsOf, type Database } from '../../core/db/database.ts';
import { newId } from '../../core/db/ids.ts';
import { migrateDatabase } from '../../core/db/migrate.ts';
import { LedgerError } from '../../core/ledger/errors.ts';
import { postTransfers, postTransfersAlone, type TransferRequest } from '../../core/ledger/post.ts';
import { verifyLedger } from '../../core/ledger/verify.ts';
import { createPluginRegistry } from '../../core/plugins/registry.ts';
import { defineTenant } from '../../core/tenancy/manifest.ts';
import { syncTenants } from '../../core/tenancy/sync.ts';
import { parseArgs } from '../lib/args.ts';
import { col, inTenantTransaction, insertRows } from '../lib/bulk.ts';
import { backendsCpuMs, cpuSpentMs } from '../lib/cpu.ts';
import { startAfterCheckpoint } from './pgbench.ts';
import postgres from 'postgres';
import { mulberry32, zipf } from '../lib/random.ts';
import { quantile, round } from '../lib/stats.ts';

const args = parseArgs(process.argv.slice(2), {
  url: '',
  dataDir: '',
  cities: 100,
  organisationAccounts: 10,
  volunteerAccounts: 1000,
  distribution: 'uniform',
  batch: 1,
  /** `transaction`: postTransfers in db.tenant; `alone`: postTransfersAlone (one round trip a commit). */
  mode: 'transaction',
  /** Commits a second in all (0: flat out). Each worker starts its commits at evenly spaced due times; latency counts from when a commit was due. */
  rate: 0,
  concurrency: 8,
  seconds: 10,
  maxCommits: 1_000_000,
  seed: 7,
  label: '',
  processes: 1,
  /** Internal: this process is one of `--processes`; it reads its cities from stdin and posts on "go". */
  child: false,
  workerOffset: 0,
  runId: '',
});
const UNIT = 'BENCH_MINUTE';

type City = { id: string; organisations: string[]; volunteers: string[] };

/** The benchmark's own cities (`ledger-001`...), with accounts that may go negative, made once. */
async function benchCities(db: Database): Promise<City[]> {
  const manifests = Array.from({ length: args.cities }, (_, i) =>
    defineTenant({
      slug: `ledger-${String(i + 1).padStart(3, '0')}`,
      names: { 'zh-CN': `账本基准${i + 1}`, en: `Ledger bench ${i + 1}` },
      hosts: [],
      branding: { primaryColor: '#333333', accentColor: '#f2a900', logoText: '账本', footer: { 'zh-CN': '账本', en: 'Ledger' }, contact: {} },
    }),
  );
  const tenants = await syncTenants(db, manifests, { registry: createPluginRegistry([]), seedDemo: false, site: loadConfig({}) });
  const cities: City[] = [];
  for (const tenant of tenants) {
    const existing = await inTenantTransaction(db, tenant.id, (exec) => exec(`select id::text as id, code from ledger_accounts where tenant_id = $1 and unit = $2`, [tenant.id, UNIT]));
    const byCode = new Map(existing.map((r) => [String(r.code), String(r.id)]));
    const wanted = [
      ...Array.from({ length: args.organisationAccounts }, (_, k) => `organisation:${k}`),
      ...Array.from({ length: args.volunteerAccounts }, (_, k) => `volunteer:${k}`),
    ];
    const missing = wanted.filter((code) => !byCode.has(code)).map((code) => [tenant.id, newId(), UNIT, code, 'true']);
    for (const row of missing) byCode.set(row[3]!, row[1]!);
    if (missing.length > 0) {
      await inTenantTransaction(db, tenant.id, (exec) =>
        insertRows(exec, 'ledger_accounts', [col('tenant_id', 'uuid'), col('id', 'uuid'), col('unit'), col('code'), col('allow_negative', 'boolean')], missing),
      );
    }
    cities.push({
      id: tenant.id,
      organisations: wanted.slice(0, args.organisationAccounts).map((c) => byCode.get(c)!),
      volunteers: wanted.slice(args.organisationAccounts).map((c) => byCode.get(c)!),
    });
  }
  return cities;
}

/** What one process measured while posting. */
type Figures = {
  seconds: number;
  commits: number;
  postings: number;
  latencies: number[];
  refused: Record<string, number>;
  touched: string[];
  /** CPU time (user + system) of this process during the posting window, ms. */
  cpuMs: number;
  /** Socket writes of this process during the window: each is a send to PostgreSQL (a round trip). */
  socketWrites: number;
};

// Socket writes counted, not timed: only the database's sockets write during the posting window.
let socketWrites = 0;
const socketWrite = net.Socket.prototype.write;
net.Socket.prototype.write = function (this: net.Socket, ...rest: Parameters<typeof socketWrite>) {
  socketWrites++;
  return socketWrite.apply(this, rest);
} as typeof socketWrite;

/** `concurrency` workers post for `args.seconds`; worker w of this process is worker `workerOffset + w` of the run. */
async function post(db: Database, cities: City[], concurrency: number, workerOffset: number, runId: string, maxCommits: number): Promise<Figures> {
  const skewed = args.distribution === 'zipf';
  const alone = args.mode === 'alone';
  if (!alone && args.mode !== 'transaction') throw new Error('--mode is transaction or alone');
  if (!skewed && args.distribution !== 'uniform') throw new Error('--distribution is uniform or zipf');
  const deadline = performance.now() + args.seconds * 1000;
  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  const touched = new Set<string>();
  let commits = 0;
  let postings = 0;
  let counter = 0;

  const worker = async (w: number) => {
    const random = mulberry32(args.seed * 1000 + w);
    const pickCity = skewed ? zipf(cities.length, 1.1, random) : () => Math.floor(random() * cities.length);
    const pickOrganisation = zipf(args.organisationAccounts, 1.1, random);
    // A steady rate: --rate (a child's is its share) spread over this process's workers, each commit due at a fixed time.
    const interval = args.rate > 0 ? (1000 * concurrency) / args.rate : 0;
    let due = performance.now() + (interval * (w - workerOffset)) / concurrency;
    while (performance.now() < deadline && commits < maxCommits) {
      if (interval > 0) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const city = cities[pickCity()]!;
      const requests: TransferRequest[] = [];
      for (let b = 0; b < args.batch; b++) {
        let debit: string;
        let credit: string;
        if (skewed) {
          // Volunteer activity lands on a few organisation accounts.
          debit = city.organisations[pickOrganisation()]!;
          credit = city.volunteers[Math.floor(random() * city.volunteers.length)]!;
        } else {
          const all = city.organisations.length + city.volunteers.length;
          const account = (k: number) => (k < city.organisations.length ? city.organisations[k]! : city.volunteers[k - city.organisations.length]!);
          const d = Math.floor(random() * all);
          const c = (d + 1 + Math.floor(random() * (all - 1))) % all;
          debit = account(d);
          credit = account(c);
        }
        requests.push({ debitAccountId: debit, creditAccountId: credit, amount: 1 + Math.floor(random() * 240), idempotencyKey: `bench:${runId}:${counter++}`, kind: 'bench.posting' });
      }
      const started = interval > 0 ? due : performance.now();
      due += interval;
      try {
        if (alone) await postTransfersAlone(db, city.id, requests);
        else await db.tenant(city.id, (tx) => postTransfers(tx, city.id, requests));
        latencies.push(performance.now() - started);
        commits += 1;
        postings += requests.length;
        touched.add(city.id);
      } catch (e) {
        const code = e instanceof LedgerError ? e.code : ((e as { code?: string }).code ?? String(e));
        refused[code] = (refused[code] ?? 0) + 1;
      }
    }
  };
  const cpu = process.cpuUsage();
  const writes = socketWrites;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(workerOffset + w)));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, commits, postings, latencies, refused, touched: [...touched], cpuMs: (used.user + used.system) / 1000, socketWrites: socketWrites - writes };
}

/** One of `--processes`: cities from stdin, "ready" on stdout, posts on "go", then its figures as one JSON line. */
async function child() {
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const cities = JSON.parse(String((await lines.next()).value)) as City[];
  const db = await openDatabase({ url: args.url, maxConnections: args.concurrency });
  await db.ping();
  console.log(JSON.stringify({ ready: true }));
  if ((await lines.next()).done) return db.close(); // the parent went away before "go": post nothing
  const figures = await post(db, cities, args.concurrency, args.workerOffset, args.runId, args.maxCommits);
  // Latency samples to the microsecond: the parent merges them for p50/p99.
  console.log(JSON.stringify({ ...figures, latencies: figures.latencies.map((ms) => Math.round(ms * 1000) / 1000) }));
  // Connections stay open until the parent has read their backends' CPU time ("close").
  await lines.next();
  await db.close();
  process.stdin.destroy();
}

/** Starts `--processes` children with `--concurrency` split between them, starts them posting together, collects their figures. */
let postgresCpuMs: number | null = null;
async function children(cities: City[], runId: string): Promise<Figures[]> {
  const monitor = postgres(args.url, { max: 1, onnotice: () => {} });
  const database = new URL(args.url).pathname.slice(1);
  const n = Math.min(args.processes, args.concurrency);
  const shares = Array.from({ length: n }, (_, k) => Math.floor(args.concurrency / n) + (k < args.concurrency % n ? 1 : 0));
  const started = shares.map((share, k) => {
    const argv = ['--import', 'tsx', process.argv[1]!, '--child', '--url', args.url, '--distribution', args.distribution, '--batch', String(args.batch), '--mode', args.mode, '--rate', String((args.rate * share) / args.concurrency), '--seconds', String(args.seconds), '--seed', String(args.seed)];
    argv.push('--organisation-accounts', String(args.organisationAccounts), '--concurrency', String(share), '--worker-offset', String(shares.slice(0, k).reduce((a, b) => a + b, 0)));
    // Idempotency keys are `bench:<runId>:<counter>`: one run id a process keeps them unique across processes.
    argv.push('--run-id', `${runId}-${k}`, '--max-commits', String(Math.ceil(args.maxCommits / n)));
    const proc = spawn(process.execPath, argv, { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: proc.stdout! })[Symbol.asyncIterator]();
    const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
    proc.stdin!.write(JSON.stringify(cities) + '\n');
    return { proc, lines, exited };
  });
  const nextLine = async (c: (typeof started)[number]) => {
    const line = await c.lines.next();
    if (line.done) throw new Error(`a posting process exited with ${await c.exited} before reporting`);
    return JSON.parse(String(line.value)) as unknown;
  };
  try {
    await Promise.all(started.map(nextLine)); // every child connected: all start at once
    // PostgreSQL CPU: the backends of this database (the children's, opened as they post), from /proc.
    const before = await backendsCpuMs(monitor, database);
    for (const c of started) c.proc.stdin!.write('go\n');
    const figures = (await Promise.all(started.map(nextLine))) as Figures[];
    postgresCpuMs = cpuSpentMs(before, await backendsCpuMs(monitor, database));
    for (const c of started) c.proc.stdin!.write('close\n');
    const codes = await Promise.all(started.map((c) => c.exited));
    if (codes.some((code) => code !== 0)) throw new Error(`posting processes exited with ${codes.join(', ')}`);
    return figures;
  } catch (e) {
    for (const c of started) if (c.proc.exitCode === null) c.proc.kill('SIGTERM');
    throw e;
  } finally {
    await monitor.end({ timeout: 5 });
  }
}

/**
 * The ledger's tables as autovacuum would leave them between runs: each run adds tens of thousands of transfers,
 * and on a server without autovacuum (as this machine's) the statistics stayed those of before the bench cities,
 * with which ledger_post's generic plans ran at half the rate (bench/README.md, "Postings: the floor"). Then a
 * checkpoint (`startAfterCheckpoint`), as before every pgbench run.
 */
async function prepareLedger(db: Database) {
  const statement = 'vacuum (analyze) ledger_heads, ledger_accounts, ledger_transfers, ledger_entries';
  if ('pglite' in db.driver) return void (await db.driver.pglite.exec(statement));
  await db.driver.postgres.unsafe(statement);
  await startAfterCheckpoint(db.driver.postgres);
}

async function main() {
  if (args.child) return child();
  const multi = args.processes > 1;
  if (multi && !args.url) throw new Error('--processes needs --url: PGlite is one process');
  const db = await openDatabase(args.url ? { url: args.url, maxConnections: multi ? 2 : args.concurrency } : { dataDir: args.dataDir || undefined });
  await migrateDatabase(db, args.url || undefined);
  const cities = await benchCities(db);
  await prepareLedger(db);
  const runId = newId();
  const runs = multi ? await children(cities, runId) : [await post(db, cities, args.concurrency, 0, runId, args.maxCommits)];

  // After every process has finished, every city posted in: chain, entries, balances, debits = credits.
  const touched = [...new Set(runs.flatMap((r) => r.touched))];
  const checks: Awaited<ReturnType<typeof verifyLedger>>[] = [];
  for (let i = 0; i < touched.length; i += 8) {
    checks.push(...(await Promise.all(touched.slice(i, i + 8).map((id) => db.tenant(id, (tx) => verifyLedger(tx, id))))));
  }
  const bad = checks.filter((c) => !c.ok);
  const [sizes] = rowsOf<{ transfers: string }>(await db.platform((tx) => tx.execute(sql`select count(*)::text as transfers from ledger_transfers where kind = 'bench.posting'`)));
  await db.close();

  const sum = (f: (r: Figures) => number) => runs.reduce((a, r) => a + f(r), 0);
  const commits = sum((r) => r.commits);
  const postings = sum((r) => r.postings);
  const latencies = runs.flatMap((r) => r.latencies);
  const refused: Record<string, number> = {};
  for (const r of runs) for (const [code, n] of Object.entries(r.refused)) refused[code] = (refused[code] ?? 0) + n;
  const seconds = Math.max(...runs.map((r) => r.seconds));
  console.log(
    JSON.stringify({
      label: args.label,
      database: args.url ? 'postgres' : 'pglite',
      distribution: args.distribution,
      batch: args.batch,
      concurrency: args.concurrency,
      cities: args.cities,
      seconds: round(seconds, 2),
      commits,
      postings,
      // Each process's rate over its own window (they start together), summed.
      postingsPerSecond: round(sum((r) => r.postings / r.seconds)),
      commitsPerSecond: round(sum((r) => r.commits / r.seconds)),
      latencyMs: { p50: round(quantile(latencies, 0.5), 2), p99: round(quantile(latencies, 0.99), 2) },
      refused,
      verified: { cities: checks.length, ok: bad.length === 0, problems: bad.slice(0, 3) },
      benchTransfersInDatabase: Number(sizes?.transfers ?? 0),
      processes: runs.length,
      /** Workers a process: together the transactions in flight, as pgbench's clients. */
      workersPerProcess: multi ? runs.map((r, k) => Math.floor(args.concurrency / runs.length) + (k < args.concurrency % runs.length ? 1 : 0)) : [args.concurrency],
      perProcess: runs.map((r) => ({ postingsPerSecond: round(r.postings / r.seconds), cpuUtilisation: round(r.cpuMs / 1000 / r.seconds, 2) })),
      /** Node CPU (user + system, all posting processes) per posting, and socket writes (sends to PostgreSQL) per commit: counted, not timed. */
      cpuMsPerPosting: round(sum((r) => r.cpuMs) / postings, 3),
      socketWritesPerCommit: round(sum((r) => r.socketWrites) / commits, 2),
      // PostgreSQL CPU a posting, from the backends' /proc times (--processes runs only); includes the server's
      // work for every posting statement, BEGIN and COMMIT, not the WAL writer or checkpoints.
      postgresCpuMsPerPosting: postgresCpuMs === null ? null : round(postgresCpuMs / postings, 3),
    }),
  );
  if (bad.length > 0) process.exitCode = 1;
}

await main();
