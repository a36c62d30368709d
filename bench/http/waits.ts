/**
 * A signed-in page's half-load p99 as `bench/run.ts` measures a page row (the app in
 * `--processes` processes, page cache on, 1 s warm-up, `--seconds` flat out on
 * `--connections` connections, then `steadyLoad` at half that rate, or at `--rate`), with
 * what the page's PostgreSQL backends wait on meanwhile: `pg_stat_activity` sampled
 * every `--every` ms, active backends of the database counted by wait event (`CPU`: none)
 * and by the statement they run.
 *
 *   npx tsx bench/http/waits.ts --url postgres://postgres@127.0.0.1:5432/vc_bench_<you> --as director --path /p/child-care-visits/
 *
 * `--dir <folder>`: run that folder's `core/main.ts` (an export of another commit, for "before", with a
 * `node_modules` link in it), started from that folder.
 */
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { startServerProcess } from '../../tests/support/server-process.ts';
import { parseArgs } from '../lib/args.ts';
import { benchSessionCookie } from '../lib/bench-session.ts';
import { load } from './load.ts';
import { steadyLoad } from './steady.ts';

const args = parseArgs(process.argv.slice(2), {
  url: process.env.BENCH_DATABASE_URL ?? '',
  path: '/p/child-care-visits/',
  as: 'director',
  slug: 'bench-001',
  processes: 2,
  connections: 32,
  seconds: 10,
  /** The steady rate; 0: half the flat-out rate, as run.ts does. */
  rate: 0,
  every: 10,
  dir: '',
});

/** Samples the database's active backends until `stop()`: counts by wait event and by statement. */
function sampleWaits(monitor: postgres.Sql, database: string) {
  const byWait = new Map<string, number>();
  const byStatement = new Map<string, number>();
  let samples = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const t = performance.now();
      // Active backends, and those holding an advisory lock whatever their state (idle in transaction: waiting on Node).
      const rows = await monitor`select (case when state = 'active' then '' else state || ' ' end) || coalesce(wait_event_type || ':' || wait_event, 'CPU')
          || case when exists (select 1 from pg_locks l where l.pid = a.pid and l.locktype = 'advisory' and l.granted) then ' [holds advisory]' else '' end as w,
          left(regexp_replace(query, '\\s+', ' ', 'g'), 60) as q
        from pg_stat_activity a where datname = ${database} and pid <> pg_backend_pid()
          and (state = 'active' or exists (select 1 from pg_locks l where l.pid = a.pid and l.locktype = 'advisory' and l.granted))`;
      samples++;
      for (const r of rows) {
        byWait.set(r.w, (byWait.get(r.w) ?? 0) + 1);
        const key = `${r.w} | ${r.q}`;
        byStatement.set(key, (byStatement.get(key) ?? 0) + 1);
      }
      const rest = args.every - (performance.now() - t);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
  })();
  return async () => {
    running = false;
    await done;
    return { samples, byWait, byStatement };
  };
}

async function main() {
  // Piped into `head`, a write after it closed would end this process before it stops the server it started.
  process.stdout.on('error', () => {});
  const cookie = await benchSessionCookie(args.url, args.slug, args.as);
  const database = new URL(args.url).pathname.slice(1);
  // tsx takes its tsconfig (hono's JSX) from the working folder: an export started from this one answers every
  // page with a 500 (React is not defined), after its queries ran. The server starts from the export's folder.
  const dir = args.dir ? path.resolve(args.dir) : '';
  if (dir) process.chdir(dir);
  const server = await startServerProcess(
    { DATABASE_URL: args.url, WEB_CONCURRENCY: String(args.processes), PAGE_CACHE_SECONDS: '5', BENCH_SLUG: args.slug },
    { timeoutMs: 120_000, ...(dir ? { entry: path.join(dir, 'core/main.ts') } : {}) },
  );
  const monitor = postgres(args.url, { max: 1, onnotice: () => {} });
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const url = `http://127.0.0.1:${server.port}${args.path}`;
    const headers = { host: `${args.slug}.localhost`, cookie };
    await load(url, { connections: 4, seconds: 1, headers });
    const peak = await load(url, { connections: args.connections, seconds: args.seconds, headers });
    const rate = args.rate || peak.requestsPerSecond / 2;
    const stop = sampleWaits(monitor, database);
    const half = await steadyLoad(url, { connections: args.connections, seconds: args.seconds, headers, rate });
    const { samples, byWait, byStatement } = await stop();
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`flat out ${peak.requestsPerSecond} req/s p99 ${peak.latencyMs.p99} ms (${peak.non2xx} non-2xx, ${peak.errors} errors)`);
    console.log(`steady ${round1(rate)}/s: ${half.requestsPerSecond} req/s p50 ${half.latencyMs.p50} ms p99 ${half.latencyMs.p99} ms (${half.non2xx} non-2xx, ${half.errors} errors)`);
    // A page that failed is not the page measured (an export once answered every page with a 500): show why.
    if (peak.non2xx + half.non2xx > 0) {
      const one = await fetch(url, { headers });
      console.log(`NOT MEASURED: a request answers ${one.status}; the server's last output:\n${server.output().slice(-3000)}`);
    }
    console.log(`${samples} samples of pg_stat_activity; active backends a sample by wait event:`);
    for (const [w, n] of [...byWait].sort((a, b) => b[1] - a[1])) console.log(`  ${(n / samples).toFixed(3).padStart(7)}  ${w}`);
    console.log('by wait event and statement (top 12):');
    for (const [w, n] of [...byStatement].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${(n / samples).toFixed(3).padStart(7)}  ${w}`);
  } finally {
    await monitor.end();
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

await main();
