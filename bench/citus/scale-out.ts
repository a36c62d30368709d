/**
 * `npx tsx bench/citus/scale-out.ts --url postgres://postgres@127.0.0.1:5461/vc_cbench`
 *
 * Issue 18 item 5 on a Citus cluster seeded with `seed:scale` (100 cities): moves the cities'
 * shards about while one big city's pages are being asked for, and counts what its visitors
 * saw. Phases, each under the same load (the app, `core/main.ts`, in its own process against
 * the coordinator; `--connections` loops asking for the city's home page and project list at a
 * new address each time, so the page cache misses and the queries run, and its benchmark
 * volunteer's hours page, signed in):
 *
 *  1. baseline: `--baseline-seconds` of load and nothing else (after `--warmup-seconds`, not counted);
 *  2. drain: the last worker told to hold no shards and drained (`citus_drain_node`): every
 *     shard on the other worker(s), the placement a new, empty worker would find;
 *  3. rebalance: that worker may hold shards again, `citus_rebalance_start()` and
 *     `citus_rebalance_wait()`: shards per node before and after;
 *  4. isolate: the city with the most ledger entries gets a shard group of its own,
 *     `isolate_tenant_to_new_shard('users', <city>, 'CASCADE')` (every co-located table, partitions included);
 *  5. move: that shard group moved to another worker (`citus_move_shard_placement`).
 *
 * Every phase reports its seconds, the requests answered, errors (refused connections and
 * non-2xx answers), p50, p99 and the worst latency; shards and bytes per node after each step;
 * at the end the city's ledger is verified (`verifyLedger`) and the city's rows counted on its
 * new shard. Writes bench/results/citus-scale-out-<time>.json. `--transfer-mode` is passed to
 * every move ('auto': logical replication, writes go on, needs `wal_level = logical`;
 * 'block_writes': writes wait for the move, reads go on).
 */
import http from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import postgres from 'postgres';
import { sql as q } from 'drizzle-orm';
import { openDatabase, rowsOf } from '../../core/db/database.ts';
import { createSession } from '../../core/identity/sessions.ts';
import { verifyLedger } from '../../core/ledger/verify.ts';
import { startServerProcess } from '../../tests/support/server-process.ts';
import { parseArgs } from '../lib/args.ts';
import { quantile, round } from '../lib/stats.ts';
import { shardsPerNode, workersOf } from './cluster.ts';

const args = parseArgs(process.argv.slice(2), {
  url: 'postgres://postgres@127.0.0.1:5461/vc_cbench',
  connections: 4,
  baselineSeconds: 10,
  /** Load before the first phase, not counted: the app's first requests (JIT, pools, caches). */
  warmupSeconds: 5,
  transferMode: 'auto',
  /** The city to isolate; default: the one with the most ledger entries. */
  slug: '',
  skipRebalance: false,
});
const log = (line: string) => process.stderr.write(`${line}\n`);
const admin = postgres(args.url, { max: 2, onnotice: () => {}, idle_timeout: 0 });

type Sample = { at: number; ms: number; status: number; page: string; error?: string };
type PhaseFigures = { phase: string; seconds: number; requests: number; errors: number; non2xx: number; p50: number | null; p99: number | null; worstMs: number | null; firstError?: string; shardsPerNode: Awaited<ReturnType<typeof shardsPerNode>>; detail?: unknown };

/** The city to isolate: `--slug`, or the one with the most ledger entries (a platform query: it fans out). */
async function bigCity(): Promise<{ id: string; slug: string; entries: number }> {
  if (args.slug) {
    const [row] = await admin<{ id: string }[]>`select id::text as id from tenants where slug = ${args.slug}`;
    const [n] = await admin<{ n: string }[]>`select count(*) as n from ledger_entries where tenant_id = ${row!.id}`;
    return { id: row!.id, slug: args.slug, entries: Number(n!.n) };
  }
  const [row] = await admin<{ id: string; slug: string; n: string }[]>`
    select e.tenant_id::text as id, t.slug, e.n from (select tenant_id, count(*) as n from ledger_entries group by 1 order by 2 desc limit 1) e
    join tenants t on t.id = e.tenant_id`;
  return { id: row!.id, slug: row!.slug, entries: Number(row!.n) };
}

/** A load generator: `connections` loops, each asking for one page after another, until stopped. */
function loadGenerator(port: number, slug: string, session: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: args.connections });
  const pages = [
    { page: 'home', path: '/', cookie: '', miss: true },
    { page: 'projects', path: '/projects', cookie: '', miss: true },
    { page: 'hours', path: '/volunteer/hours', cookie: `session=${session}`, miss: false },
  ];
  const samples: Sample[] = [];
  let running = true;
  let n = 0;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const p = pages[i % pages.length]!;
      const path = p.miss ? `${p.path}?miss=${++n}` : p.path;
      const started = performance.now();
      const done = (status: number, error?: string) => {
        samples.push({ at: Date.now(), ms: performance.now() - started, status, page: p.page, ...(error ? { error } : {}) });
        resolve();
      };
      const req = http.request({ host: '127.0.0.1', port, path, agent, headers: { host: `${slug}.localhost`, ...(p.cookie ? { cookie: p.cookie } : {}) }, timeout: 30_000 }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => done(0, e.message));
      req.end();
    });
  const loops = Array.from({ length: args.connections }, async (_, c) => {
    for (let i = c; running; i += args.connections) await one(i);
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

function figures(phase: string, samples: Sample[], from: number, to: number): Omit<PhaseFigures, 'shardsPerNode'> {
  const mine = samples.filter((s) => s.at >= from && s.at <= to);
  const ok = mine.filter((s) => s.status >= 200 && s.status < 400).map((s) => s.ms);
  const all = mine.map((s) => s.ms);
  const errors = mine.filter((s) => s.status === 0);
  const non2xx = mine.filter((s) => s.status >= 400);
  const first = errors[0]?.error ?? (non2xx[0] ? `${non2xx[0].status} on ${non2xx[0].page}` : undefined);
  return {
    phase, seconds: round((to - from) / 1000, 1)!, requests: mine.length, errors: errors.length, non2xx: non2xx.length,
    p50: round(quantile(ok, 0.5), 1), p99: round(quantile(ok, 0.99), 1), worstMs: all.length ? round(Math.max(...all), 1) : null,
    ...(first ? { firstError: first } : {}),
  };
}

async function main() {
  const startedAt = new Date();
  const database = new URL(args.url).pathname.slice(1);
  const workers = await workersOf(args.url);
  if (!workers || workers.length < 2) throw new Error('needs a Citus coordinator with at least two workers');
  const [wal] = await admin<{ wal_level: string }[]>`show wal_level`;
  log(`cluster: ${workers.map((w) => `${w.host}:${w.port}`).join(', ')}; wal_level ${wal!.wal_level}; transfer mode ${args.transferMode}`);
  const [cities] = await admin<{ n: string }[]>`select count(*) as n from tenants`;
  const [size] = await admin<{ bytes: string }[]>`select sum(shard_size) as bytes from citus_shards`;
  let seed: unknown = null;
  try {
    seed = JSON.parse(readFileSync(`bench/results/seed-${database}.json`, 'utf8'));
  } catch {
    // not seeded from this folder
  }
  const city = await bigCity();
  log(`${cities!.n} cities, ${round(Number(size!.bytes) / 2 ** 20, 0)} MB in shards; the city to isolate: ${city.slug} (${city.entries} ledger entries)`);

  // A session for the city's benchmark volunteer, for the hours page.
  const db = await openDatabase({ url: args.url, maxConnections: 2 });
  const session = await db.tenant(city.id, async (tx) => {
    const [user] = rowsOf<{ id: string }>(await tx.execute(q`select id::text as id from users where tenant_id = ${city.id} and email = ${`volunteer@${city.slug}.bench`}`));
    return (await createSession(tx, city.id, user!.id, { userAgent: 'bench scale-out' })).token;
  });

  const server = await startServerProcess({ DATABASE_URL: args.url, WEB_CONCURRENCY: '1', PAGE_CACHE_SECONDS: '5' }, { timeoutMs: 120_000 });
  const phases: PhaseFigures[] = [];
  const generator = loadGenerator(server.port, city.slug, session);
  const phase = async (name: string, work: () => Promise<unknown>) => {
    log(`${name}...`);
    const from = Date.now();
    const detail = await work();
    const to = Date.now();
    const row: PhaseFigures = { ...figures(name, generator.samples, from, to), shardsPerNode: await shardsPerNode(admin), ...(detail ? { detail } : {}) };
    phases.push(row);
    log(`  ${row.seconds} s, ${row.requests} requests, ${row.errors} errors, ${row.non2xx} non-2xx, p50 ${row.p50} ms, p99 ${row.p99} ms, worst ${row.worstMs} ms${row.firstError ? ` (first: ${row.firstError})` : ''}`);
    log(`  shards (shard groups) per node: ${row.shardsPerNode.map((s) => `${s.node} ${s.shards} (${s.userShards}), ${round(s.bytes / 2 ** 20, 0)} MB`).join('; ')}`);
  };
  const mode = args.transferMode;
  const last = workers[workers.length - 1]!;
  const other = workers[0]!;
  let isolated = 0;
  try {
    await new Promise((r) => setTimeout(r, args.warmupSeconds * 1000));
    await phase('before (no operation)', () => new Promise((r) => setTimeout(r, args.baselineSeconds * 1000)));
    if (!args.skipRebalance) {
      await phase(`drain ${last.host}:${last.port} (the placement an empty new worker finds)`, async () => {
        await admin`select citus_set_node_property(${last.host}, ${last.port}, 'shouldhaveshards', false)`;
        await admin`select citus_drain_node(${last.host}, ${last.port}, shard_transfer_mode => ${mode}::citus.shard_transfer_mode)`;
      });
      await phase('rebalance (citus_rebalance_start, then wait)', async () => {
        await admin`select citus_set_node_property(${last.host}, ${last.port}, 'shouldhaveshards', true)`;
        const [job] = await admin<{ id: string }[]>`select citus_rebalance_start(shard_transfer_mode => ${mode}::citus.shard_transfer_mode) as id`;
        await admin`select citus_rebalance_wait()`;
        const [state] = await admin<{ state: string; details: unknown }[]>`select state, details from citus_rebalance_status() where job_id = ${job!.id}`;
        return { job: Number(job!.id), state: state?.state };
      });
    }
    await phase(`isolate ${city.slug} (isolate_tenant_to_new_shard, CASCADE)`, async () => {
      const [row] = await admin<{ shard: string }[]>`select isolate_tenant_to_new_shard('users', ${city.id}::uuid, 'CASCADE', shard_transfer_mode => ${mode}::citus.shard_transfer_mode) as shard`;
      isolated = Number(row!.shard);
      return { shard: isolated };
    });
    const [placement] = await admin<{ host: string; port: number }[]>`select nodename as host, nodeport as port from citus_shards where shardid = ${isolated}`;
    const target = workers.find((w) => w.port !== placement!.port || w.host !== placement!.host) ?? other;
    await phase(`move ${city.slug}'s shard group to ${target.host}:${target.port} (citus_move_shard_placement)`, async () => {
      await admin`select citus_move_shard_placement(${isolated}, ${placement!.host}, ${placement!.port}, ${target.host}, ${target.port}, shard_transfer_mode => ${mode}::citus.shard_transfer_mode)`;
      return { from: `${placement!.host}:${placement!.port}`, to: `${target.host}:${target.port}` };
    });
    await phase('after (no operation)', () => new Promise((r) => setTimeout(r, args.baselineSeconds * 1000)));
  } finally {
    await generator.stop();
    server.child.kill('SIGTERM');
    await server.exited;
  }

  // The isolated shard holds this city alone, the city's rows are all there, and its ledger still verifies.
  const [onShard] = await admin<{ shard: string; tenants: string; users: string }[]>`
    select get_shard_id_for_distribution_column('users', ${city.id}::uuid)::text as shard,
      (select count(distinct tenant_id) from users where tenant_id = ${city.id}) as tenants,
      (select count(*) from users where tenant_id = ${city.id}) as users`;
  const [shardRange] = await admin<{ min: string; max: string; node: string }[]>`
    select s.shardminvalue as min, s.shardmaxvalue as max, c.nodename || ':' || c.nodeport as node from pg_dist_shard s join citus_shards c using (shardid) where s.shardid = ${isolated}`;
  const check = await db.tenant(city.id, (tx) => verifyLedger(tx, city.id));
  await db.close();
  const result = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    loadAverage: os.loadavg().map((n) => round(n, 2)),
    cluster: { workers, walLevel: wal!.wal_level, transferMode: mode, cities: Number(cities!.n), shardBytes: Number(size!.bytes) },
    seed,
    city: { ...city, isolatedShard: isolated, routedShard: Number(onShard!.shard), shardRange, users: Number(onShard!.users), ledgerVerified: check.ok ? 'OK' : check },
    connections: args.connections,
    phases,
  };
  log(`${city.slug}: routed to shard ${onShard!.shard} (isolated ${isolated}, hash range ${shardRange?.min}..${shardRange?.max} on ${shardRange?.node}), ${onShard!.users} users, ledger ${check.ok ? 'verified OK' : 'CHECK FAILED'}`);
  const head = ['phase', 's', 'requests', 'errors', 'non-2xx', 'p50 ms', 'p99 ms', 'worst ms', 'shards (groups) per node after'];
  const cells = phases.map((p) => [p.phase, String(p.seconds), String(p.requests), String(p.errors), String(p.non2xx), String(p.p50), String(p.p99), String(p.worstMs), p.shardsPerNode.map((s) => `${s.node.split(':')[1]}: ${s.shards} (${s.userShards})`).join(', ')]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  console.log([head, ...cells].map((c) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n'));
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/citus-scale-out-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  log(`written ${file}`);
  await admin.end();
}

await main();
