/**
 * Where a page's Node CPU goes: `core/main.ts` in one process under
 * `node --cpu-prof`, a fixed number of requests for one page at a new address
 * each (the page cache misses, the page runs its queries), then the profile
 * summed by function (self time) and by layer (time with a layer's code
 * anywhere on the stack). Counts per request, not rates.
 * `tsx bench/http/profile.ts --path /projects [--requests 2000] [--url ...] [--slug bench-001]`;
 * `--count-only`: no profiler (it costs CPU itself), just Node CPU (and PostgreSQL CPU: every backend of the database) a request;
 * `--as volunteer` (or `admin`; `lawyer`, `director`: `bench/seed-plugins.ts` makes them): signed in as that benchmark user, so the page is never
 * kept and is asked at one address; `--tsx`: run core/main.ts through tsx, not `dist/main.js` as `npm start` does;
 * `--ceiling`: the database-page ceiling (`bench/http/ceiling.tsx`) instead, at `/`, counted the same way;
 * `--header 'hx-request: true'`: one more request header (the htmx fragments). Before counting, it asks the page
 * twice and prints the statuses and whether the second answer is still signed in (the load does not look).
 */
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { backendsCpuMs, cpuSpentMs, processCpuMs, residentMb } from '../lib/cpu.ts';
import { parseArgs } from '../lib/args.ts';
import { benchSessionCookie } from '../lib/bench-session.ts';
import { round } from '../lib/stats.ts';
import { load } from './load.ts';

const args = parseArgs(process.argv.slice(2), {
  url: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vc_bench',
  slug: 'bench-001',
  path: '/projects',
  requests: 2000,
  top: 25,
  countOnly: false,
  as: '',
  tsx: false,
  ceiling: false,
  header: '',
});

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] };

/** Now on the monotonic clock V8 stamps its samples with (microseconds; the same clock in every process). */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Layers by where their code lives; a sample counts for every layer on its stack. */
const layers: [string, (url: string, name: string) => boolean][] = [
  ['drizzle-orm', (u) => u.includes('/drizzle-orm/')],
  ['postgres.js', (u) => u.includes('/postgres/')],
  ['hono/jsx (rendering)', (u) => u.includes('/hono/dist/jsx/') || u.includes('/hono/dist/helper/html')],
  ['hono (routing, context)', (u) => u.includes('/hono/dist/') && !u.includes('/jsx/')],
  ['@hono/node-server', (u) => u.includes('/@hono/node-server/')],
  ['pino (logging)', (u) => u.includes('/pino')],
  ['async hooks', (u, n) => u.includes('async_hooks') || u.includes('async_local_storage') || n === 'emitInit' || n === 'emitHook'],
  ['socket writes', (u, n) => n === 'writev' || n === 'writeBuffer' || n === 'writeUtf8String' || (u === 'node:net' && n.startsWith('_write'))],
  ['garbage collection', (_, n) => n === '(garbage collector)'],
  ['core/', (u) => u.includes('/core/')],
  ['views/', (u) => u.includes('/views/')],
  // Run as `npm start` runs it, core/, views/ and plugins/ are one file (the profile does not read its source map).
  ['dist/main.js (core, views, plugins)', (u) => u.includes('/dist/main.js')],
];

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-profile-'));
  const port = 30000 + Math.floor(Math.random() * 20000);
  const cookie = args.as ? await benchSessionCookie(args.url, args.slug, args.as) : undefined;
  if (!args.tsx && !args.ceiling) execFileSync(process.execPath, ['core/bundle.mjs']);
  const entry = args.ceiling ? ['--import', 'tsx', 'bench/http/ceiling.tsx'] : args.tsx ? ['--import', 'tsx', 'core/main.ts'] : ['--enable-source-maps', 'dist/main.js'];
  const child = spawn(process.execPath, [...(args.countOnly ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`]), ...entry], {
    env: { ...process.env, DATABASE_URL: args.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: '0', WEB_CONCURRENCY: '1', BENCH_SLUG: args.slug },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  for (let ready = false; !ready; await new Promise((r) => setTimeout(r, 300))) {
    ready = await fetch(`${base}${args.ceiling ? '/round-trips' : '/readyz'}`).then((r) => r.ok, () => false);
  }
  const url = base + (args.ceiling ? '/' : args.path);
  const extra = args.header ? Object.fromEntries([args.header.split(/:\s*/, 2) as [string, string]]) : {};
  const headers: Record<string, string> = { host: `${args.slug}.localhost`, ...(cookie ? { cookie } : {}), ...extra };
  if (!args.ceiling) console.log(await checkAnswers(url, headers));
  const uniqueAddress = !cookie;
  await load(url, { connections: 4, seconds: 0, amount: 500, headers, uniqueAddress }); // warm-up
  // PostgreSQL CPU of every backend of the database, as bench/http/costs.ts counts it: on a database of its own, the server's.
  const monitor = postgres(args.url, { max: 1, onnotice: () => {} });
  const database = new URL(args.url).pathname.slice(1);
  const pgBefore = await backendsCpuMs(monitor, database);
  const from = monotonicMicros();
  const cpuBefore = processCpuMs(child.pid!);
  await load(url, { connections: 8, seconds: 0, amount: args.requests, headers, uniqueAddress });
  const cpuMs = processCpuMs(child.pid!) - cpuBefore;
  const to = monotonicMicros();
  const pgMs = cpuSpentMs(pgBefore, await backendsCpuMs(monitor, database));
  await monitor.end();
  const resident = residentMb(child.pid!);
  console.log(`${args.ceiling ? '/ (database-page ceiling)' : args.path}: Node CPU ${round(cpuMs / args.requests, 3)} ms a request, PostgreSQL CPU ${round(pgMs / args.requests, 3)} ms (/proc, ${args.requests} requests); resident ${resident.now} MB, peak ${resident.peak} MB`);
  child.kill('SIGTERM');
  await exited;
  if (args.countOnly) return;
  // CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the event loop (others: worker threads).
  const file = readdirSync(dir).find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  if (!file) throw new Error(`no profile in ${dir}`);
  summarise(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile, { from, to }, cpuMs / args.requests, path.join(dir, file));
}

/** The page asked twice: statuses, and whether the second answer still knows the session (no cookie cleared, a sign-out form or a fragment). */
async function checkAnswers(url: string, headers: Record<string, string>): Promise<string> {
  const { host, ...rest } = headers;
  const ask = () => new Promise<{ status: number; body: string; cleared: boolean }>((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, headers: { ...rest, host: host! } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => resolve({ status: res.statusCode ?? 0, body, cleared: String(res.headers['set-cookie'] ?? '').includes('session=;') }));
    });
    req.on('error', reject).end();
  });
  const first = await ask();
  const second = await ask();
  const signedIn = !second.cleared && (second.body.includes('/sign-out') || !second.body.includes('<html'));
  return `${args.path}: answers ${first.status}, ${second.status}; ${headers.cookie ? (signedIn ? 'signed in on the second' : 'NOT signed in on the second') : 'not signed in'}`;
}

/**
 * Self and per-layer shares of the samples taken while the counted requests
 * ran, in ms a request as shares of the counted CPU (on a busy machine a
 * sample also covers time the process waited for a core, so the profile's own
 * times run long; its shares hold).
 */
function summarise(profile: Profile, window: { from: number; to: number }, cpuMsPerRequest: number, file: string) {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const layered = new Map<string, number>();
  let busyMs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < window.from || at > window.to) return;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    busyMs += ms;
    const key = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(core|views|plugins)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    const seen = new Set<string>();
    for (let on: number | undefined = id; on !== undefined; on = parent.get(on)) {
      const frame = byId.get(on)!.callFrame;
      for (const [name, test] of layers) if (!seen.has(name) && test(frame.url, frame.functionName)) seen.add(name);
    }
    for (const name of seen) layered.set(name, (layered.get(name) ?? 0) + ms);
  });
  const perRequest = (ms: number) => round((ms / busyMs) * cpuMsPerRequest, 3);
  console.log(`${args.path}: ${round(busyMs)} ms of samples over ${args.requests} requests; ${file}`);
  console.log('\nby layer (inclusive; a sample counts for every layer on its stack):');
  for (const [name, ms] of [...layered].sort((a, b) => b[1] - a[1])) console.log(`  ${name.padEnd(26)} ${String(perRequest(ms)).padStart(6)} ms  ${((ms / busyMs) * 100).toFixed(1)}%`);
  console.log(`\ntop ${args.top} functions by self time:`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, args.top)) console.log(`  ${((ms / busyMs) * 100).toFixed(1).padStart(5)}%  ${key}`);
}

await main();
