/**
 * Where a half-load p99 comes from (issue 16 item 4): one page as `bench/run.ts` measures a row (the app in
 * `--processes` processes, 1 s warm-up, `--seconds` flat out, then `steadyLoad` at half that rate), with
 * - the steady run's slow requests (over `--slow` ms) grouped into episodes: requests due within
 *   `--gap` ms of each other are one episode, so one stall shows as one episode of many requests,
 *   and slowness spread thin as many episodes of one;
 * - this process's event-loop delay meanwhile (the load generator's own stalls: a request due while
 *   it is stalled goes out late and counts the wait);
 * - the server processes' garbage collections meanwhile (`gc-pauses.mjs`, preloaded): the longest pauses.
 *
 *   npx tsx bench/http/stalls.ts --url postgres://postgres@127.0.0.1:5432/vc_bench --path /projects --miss
 *   npx tsx bench/http/stalls.ts --url ... --as lawyer --path /p/legal-aid-card/queue
 *
 * `--miss`: every request a new address (the page cache misses, as the bench's "cache missed" rows);
 * `--as`: signed in as the bench city's volunteer, admin, lawyer or director; `--settle N`: N seconds
 * between the flat-out run and the steady one; `--fill PATH`: first PATH flat out at a new address each
 * request, as a "cache missed" row before this one in `bench/run.ts` (it fills the page cache); `--header
 * 'hx-request: true'`: one more request header (the htmx fragments).
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startServerProcess } from '../../tests/support/server-process.ts';
import { parseArgs } from '../lib/args.ts';
import { benchSessionCookie } from '../lib/bench-session.ts';
import { processCpuMs } from '../lib/cpu.ts';
import { quantile, round } from '../lib/stats.ts';
import { load } from './load.ts';
import { steadyLoad, WARM_UP_SECONDS } from './steady.ts';

const args = parseArgs(process.argv.slice(2), {
  url: process.env.BENCH_DATABASE_URL ?? '',
  path: '/projects',
  as: '',
  miss: false,
  slug: 'bench-001',
  processes: 2,
  connections: 32,
  seconds: 10,
  slow: 50,
  gap: 20,
  settle: 0,
  fill: '',
  header: '',
});

/** GC pauses from `gc-pauses.mjs`'s lines: `gc-pause <pid> <kind> <ms> <at ms>`. */
function gcPauses(output: string): { pid: string; kind: string; ms: number; atEpochMs: number }[] {
  return [...output.matchAll(/^gc-pause (\d+) (\S+) ([\d.]+) (\d+)/gm)].map((m) => ({ pid: m[1]!, kind: m[2]!, ms: Number(m[3]), atEpochMs: Number(m[4]) }));
}

async function main() {
  const headers: Record<string, string> = { host: `${args.slug}.localhost` };
  if (args.as) headers.cookie = await benchSessionCookie(args.url, args.slug, args.as);
  if (args.header) Object.assign(headers, Object.fromEntries([args.header.split(/:\s*/, 2) as [string, string]]));
  const server = await startServerProcess(
    { DATABASE_URL: args.url, WEB_CONCURRENCY: String(args.processes), PAGE_CACHE_SECONDS: '5', BENCH_SLUG: args.slug, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${new URL('./gc-pauses.mjs', import.meta.url).href}`.trim() },
    { timeoutMs: 120_000 },
  );
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const url = `http://127.0.0.1:${server.port}${args.path}`;
    if (args.fill) await load(`http://127.0.0.1:${server.port}${args.fill}`, { connections: args.connections, seconds: args.seconds, headers, uniqueAddress: true });
    await load(url, { connections: 4, seconds: 1, headers, uniqueAddress: args.miss });
    const peakRate = (await load(url, { connections: args.connections, seconds: args.seconds, headers, uniqueAddress: args.miss })).requestsPerSecond;
    if (args.settle > 0) await new Promise((r) => setTimeout(r, args.settle * 1000));
    const gcBefore = server.output().length;
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const primaryCpu = processCpuMs(server.child.pid!);
    const steadyFrom = Date.now();
    const generatorCpu = process.cpuUsage();
    const half = await steadyLoad(url, { connections: args.connections, seconds: args.seconds, headers, rate: peakRate / 2, uniqueAddress: args.miss, timeline: true });
    loop.disable();
    const spent = process.cpuUsage(generatorCpu);
    const generatorCpuMs = (spent.user + spent.system) / 1000;
    const primaryCpuMs = processCpuMs(server.child.pid!) - primaryCpu;
    const pauses = gcPauses(server.output().slice(gcBefore));

    const slow = half.timeline!.filter((r) => r.latencyMs > args.slow).sort((a, b) => a.dueMs - b.dueMs);
    const episodes: { fromMs: number; toMs: number; requests: number; worstMs: number }[] = [];
    for (const r of slow) {
      const last = episodes[episodes.length - 1];
      if (last && r.dueMs - last.toMs <= args.gap) {
        last.toMs = r.dueMs;
        last.requests++;
        last.worstMs = Math.max(last.worstMs, r.latencyMs);
      } else episodes.push({ fromMs: r.dueMs, toMs: r.dueMs, requests: 1, worstMs: r.latencyMs });
    }
    const latencies = half.timeline!.map((r) => r.latencyMs);
    console.log(`${args.path}${args.miss ? ' (cache missed)' : ''}${args.as ? ` as ${args.as}` : ''}: flat out ${peakRate} req/s; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`steady ${round(peakRate / 2)}/s: ${half.requests} answered, p50 ${half.latencyMs.p50} ms, p99 ${half.latencyMs.p99} ms, p99.9 ${round(quantile(latencies, 0.999), 1)} ms, max ${round(latencies.reduce((a, b) => Math.max(a, b), 0), 1)} ms (${half.errors} errors, ${half.non2xx} non-2xx)`);
    console.log(`over ${args.slow} ms: ${slow.length} requests (${round((100 * slow.length) / half.requests, 2)}%) in ${episodes.length} episodes (requests due within ${args.gap} ms of each other):`);
    for (const e of episodes.sort((a, b) => b.requests - a.requests).slice(0, 10)) {
      console.log(`  at ${round(e.fromMs / 1000, 2)} s for ${round(e.toMs - e.fromMs, 1)} ms: ${e.requests} requests, worst ${round(e.worstMs, 1)} ms`);
    }
    console.log(`load generator's event-loop delay: p50 ${round(loop.percentile(50) / 1e6, 1)} ms, p99 ${round(loop.percentile(99) / 1e6, 1)} ms, max ${round(loop.max / 1e6, 1)} ms; its CPU ${round(generatorCpuMs)} ms (${round((100 * generatorCpuMs) / ((args.seconds + WARM_UP_SECONDS) * 1000))}% of a core, its warm-up second included)`);
    const byKind = new Map<string, number[]>();
    for (const p of pauses) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p.ms]);
    const long = pauses.filter((p) => p.kind === 'major' || p.ms >= 10).sort((a, b) => a.atEpochMs - b.atEpochMs);
    console.log(`server GCs of 10 ms or more, or major: ${long.map((p) => `${p.kind} ${round(p.ms, 1)} ms at ${round((p.atEpochMs - steadyFrom) / 1000, 2)} s (pid ${p.pid})`).join('; ') || 'none'}`);
    console.log(`the first process (pid ${server.child.pid}, it forks the serving ones) spent ${round(primaryCpuMs)} ms of CPU during the steady run`);
    console.log(`server GCs during the steady run: ${[...byKind].map(([k, ms]) => `${ms.length} ${k} (max ${round(Math.max(...ms), 1)} ms, sum ${round(ms.reduce((a, b) => a + b, 0), 1)} ms)`).join(', ') || 'none'}`);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

await main();
