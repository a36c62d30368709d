/**
 * Instructions a request, counted by valgrind (callgrind): the one cost figure of a page that the host's noise does
 * barely moves. CPU ms a request swung by half between runs minutes apart on the shared 2-core machine (bench/README.md,
 * "Runs of session 12"); an instruction count moved by 1–4% between runs alone, and by up to a tenth beside other
 * heavy work (how PostgreSQL's answers fall into socket reads depends on timing): compare pages within one table.
 *
 * The server (`dist/main.js` as `npm start` runs it, or the database-page ceiling) runs under
 * `valgrind --tool=callgrind` with instrumentation off, so that start-up and the warm-up requests run at valgrind's
 * uninstrumented speed. After the warm-up, `callgrind_control` switches counting on, the counted requests run, and a
 * dump gives the instructions the process executed in that window: every thread's (V8's compiler and collector
 * threads, libuv's pool), as Node CPU ms counts them. PostgreSQL is not counted (it runs outside valgrind).
 * The figure compared is the count without V8's collector and optimising compiler (see `COLLECTOR`), shown beside
 * the whole count, and without what the process's timers ran meanwhile (see `IDLE_SECONDS`).
 *
 *   node --import tsx bench/http/instructions.ts [--requests 1000] [--warm-up 10000] [--rounds 1]
 *     every page `npm run bench` loads (bench/http/pages.ts) and the ceiling, one server process each, as a table
 *     with each page's ratio to the ceiling; `--rounds 2` counts them all again, in reverse order;
 *   node --import tsx bench/http/instructions.ts --path /projects [--as volunteer] [--header 'hx-request: true']
 *   node --import tsx bench/http/instructions.ts --ceiling
 *
 * A visitor's page is asked at a new address each time (as `profile.ts` and the bench ask it), so no cache answers it.
 * `--keep`: keep each page's dumps (a few MB) and print where, to read with `callgrind_annotate`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../core/db/database.ts';
import { parseArgs } from '../lib/args.ts';
import { benchSessionCookie } from '../lib/bench-session.ts';
import { round } from '../lib/stats.ts';
import { load } from './load.ts';
import { benchPages, pageFixtures } from './pages.ts';

const args = parseArgs(process.argv.slice(2), {
  url: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vc_bench',
  slug: 'bench-001',
  path: '',
  requests: 1000,
  warmUp: 10000,
  rounds: 1,
  as: '',
  ceiling: false,
  header: '',
  keep: false,
});

type Target = { name: string; ceiling: boolean; path: string; headers: Record<string, string>; anonymous: boolean };

async function main() {
  const targets = await chosenTargets();
  if (targets.some((t) => !t.ceiling)) execFileSync(process.execPath, ['core/bundle.mjs']);
  const counts = new Map<string, PageCount[]>();
  for (let round = 0; round < args.rounds; round++) {
    for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
      const split = await countedPerRequest(target);
      counts.set(target.name, [...(counts.get(target.name) ?? []), split]);
      console.log(
        `  ${target.name}: ${millions(split.rest)} million instructions a request (${millions(split.total)} with the collector's ${millions(split.collector)} and the compiler's ${millions(split.compiler)}; ${millions(split.timersPerRequest)} of timers' work taken off, ${millions(split.idlePerSecond)} million a second idle)`,
      );
    }
  }
  const meanRest = (name: string) => counts.get(name)!.reduce((sum, split) => sum + split.rest, 0) / args.rounds;
  const ceiling = targets.find((t) => t.ceiling) ? meanRest(CEILING) : null;
  console.log(
    `\n| page (its queries run) | million instructions a request, without the collector and the compiler${args.rounds > 1 ? ' (each round)' : ''} | ÷ ceiling | with them | the collector | the compiler | timers' work taken off | idle, million a second |\n|---|---|---|---|---|---|---|---|`,
  );
  for (const { name } of targets) {
    const splits = counts.get(name)!;
    const each = (key: keyof PageCount) => splits.map((split) => millions(split[key])).join(' / ');
    console.log(`| ${name} | ${each('rest')} | ${ceiling ? round(meanRest(name) / ceiling, 2) : '-'} | ${each('total')} | ${each('collector')} | ${each('compiler')} | ${each('timersPerRequest')} | ${each('idlePerSecond')} |`);
  }
  const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}-instructions.json`;
  writeFileSync(file, JSON.stringify({ requests: args.requests, warmUp: args.warmUp, rounds: args.rounds, instructionsPerRequest: Object.fromEntries(counts) }, null, 2) + '\n');
  console.log(`\n${file}`);
}

const CEILING = 'database-page ceiling';
const millions = (n: number) => String(round(n / 1e6, 3));

/** One page (`--path`), the ceiling (`--ceiling`), or every page the bench loads and the ceiling. */
async function chosenTargets(): Promise<Target[]> {
  const ceiling: Target = { name: CEILING, ceiling: true, path: '/', headers: {}, anonymous: true };
  if (args.ceiling) return [ceiling];
  if (args.path) {
    const cookie = args.as ? await benchSessionCookie(args.url, args.slug, args.as) : undefined;
    const extra = args.header ? Object.fromEntries([args.header.split(/:\s*/, 2) as [string, string]]) : {};
    return [{ name: args.path + (args.as ? ` as ${args.as}` : ''), ceiling: false, path: args.path, headers: { ...(cookie ? { cookie } : {}), ...extra }, anonymous: !cookie }];
  }
  const db = await openDatabase({ url: args.url, maxConnections: 1 });
  try {
    const pages = benchPages(await pageFixtures(db, args.slug));
    return [ceiling, ...pages.map((p) => ({ ...p, ceiling: false }))];
  } finally {
    await db.close();
  }
}

/** Instructions a request of one page, in a server process of its own under callgrind. */
async function countedPerRequest(target: Target): Promise<PageCount> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-instructions-'));
  const port = 30000 + Math.floor(Math.random() * 20000);
  // --predictable: V8 compiles and collects on the main thread, not on threads of its own whose progress depends
  // on timing (with them, the ceiling's count moved by a fifth between runs; with this flag, by about 1%).
  const entry = ['--predictable', ...(target.ceiling ? ['--import', 'tsx', 'bench/http/ceiling.tsx'] : ['--enable-source-maps', 'dist/main.js'])];
  // --smc-check: V8 writes and rewrites machine code on the heap, which valgrind must then translate anew.
  const valgrind = ['--tool=callgrind', '--instr-atstart=no', '--smc-check=all-non-file', `--callgrind-out-file=${dir}/callgrind.%p`, `--vgdb-prefix=${dir}/vgdb`];
  // callgrind_control reaches the process through files named after $USER and $HOST, which both sides must see
  // alike; HOST is also the address the server listens on.
  const named = { USER: os.userInfo().username, HOST: '127.0.0.1' };
  const child = spawn('valgrind', [...valgrind, process.execPath, ...entry], {
    env: { ...process.env, ...named, DATABASE_URL: args.url, PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO: '0', WEB_CONCURRENCY: '1', BENCH_SLUG: args.slug },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let windowSeconds = 0;
  let idleSeconds = 0;
  const control = (flag: string) => execFileSync('callgrind_control', [`--vgdb-prefix=${dir}/vgdb`, flag, String(child.pid)], { env: { ...process.env, ...named }, stdio: 'ignore' });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let ready = false; !ready; await new Promise((r) => setTimeout(r, 1000))) {
      if (child.exitCode !== null) throw new Error(`the server exited under valgrind:\n${stderr}`);
      ready = await fetch(`${base}${target.ceiling ? '/round-trips' : '/readyz'}`).then((r) => r.ok, () => false);
    }
    const url = base + target.path;
    // One request at a time on one connection: no two requests share a socket read or write. Under valgrind a
    // request takes some 50 times as long: autocannon's 10 s timeout would cut off a slow one.
    const options = { connections: 1, seconds: 0, headers: { host: `${args.slug}.localhost`, ...target.headers }, uniqueAddress: target.anonymous, timeoutSeconds: 120 };
    // The warm-up in parts, each on a connection of its own as the counted part will be: a new socket's first
    // requests de-optimise code that had seen only the old one's, and the compiler's work would fall in the count.
    const warmUp = { errors: 0, non2xx: 0 };
    for (let part = 0; part < 5; part++) {
      const figures = await load(url, { ...options, amount: Math.ceil(args.warmUp / 5) });
      warmUp.errors += figures.errors;
      warmUp.non2xx += figures.non2xx;
    }
    control('--instr=on');
    control('--zero');
    const started = performance.now();
    const counted = await load(url, { ...options, amount: args.requests });
    control('--dump');
    windowSeconds = (performance.now() - started) / 1000;
    // The same process left alone as long (at least IDLE_SECONDS): what it runs on its timers.
    await new Promise((resolve) => setTimeout(resolve, Math.max(windowSeconds, IDLE_SECONDS) * 1000));
    control('--dump');
    idleSeconds = (performance.now() - started) / 1000 - windowSeconds;
    const errors = warmUp.errors + counted.errors;
    const non2xx = warmUp.non2xx + counted.non2xx;
    if (errors + non2xx > 0) throw new Error(`${target.name}: ${errors} requests failed or timed out, ${non2xx} did not answer 2xx`);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  const counted = instructionsInDump(dir, 1);
  const idle = instructionsInDump(dir, 2);
  if (args.keep) console.log(`  ${target.name}: dumps kept in ${dir} (1: the requests, 2: idle)`);
  else rmSync(dir, { recursive: true });
  // The idle rate times the counted window's length is what the timers ran among the requests.
  const perRequest = (key: keyof Split) => Math.max(0, counted[key] - (idle[key] * windowSeconds) / idleSeconds) / args.requests;
  return {
    total: perRequest('total'),
    collector: perRequest('collector'),
    compiler: perRequest('compiler'),
    rest: perRequest('rest'),
    idlePerSecond: idle.total / idleSeconds,
    timersPerRequest: (idle.total * windowSeconds) / idleSeconds / args.requests,
  };
}

/**
 * Work a process does on its timers, not for a request (the job schedule's tick every 30 s, pg-boss polling its
 * queues), counts in the window by the window's length, and under valgrind the window lasts some 50 times as long as
 * the same requests would natively: a page's count would carry fifty times its real share of that work. So after
 * the counted requests the process is left alone for as long (at least this), counted again, and that rate times the
 * window's length is taken off. Both figures are shown.
 */
const IDLE_SECONDS = 60;

type Split = { total: number; collector: number; compiler: number; rest: number };
type PageCount = Split & { idlePerSecond: number; timersPerRequest: number };

/**
 * V8's own functions by what they do, from their names in the dump. The collector's and the optimising compiler's
 * shares come in lumps (a major collection, or a function optimised again, falls in a counted window or not) and
 * swung one page's total by a fifth between runs; the rest held within 2–4%. So pages are compared on the rest,
 * and the two lumps are shown beside it.
 */
const COLLECTOR = /Scaveng|Marking|MarkCompact|Sweep|v8::internal::Heap::|heap::base|Evacuat|RememberedSet|SlotSet|PointersUpdat|MemoryChunk|LargeObjectSpace|MemoryAllocator|PagedSpace|NewSpace|SemiSpace|GCTracer|WeakObjects|IterateAndScavenge|RecordMigratedSlot|GlobalHandles|Safepoint|FreeList|Page::/;
const COMPILER = /v8::internal::compiler::|v8::internal::Compiler|v8::internal::baseline|OptimizedCompilationInfo|TurboAssembler|Assembler::|CodeGenerator|RegisterAllocat|InstructionSelector|v8::internal::Zone|AccountingAllocator|JSHeapBroker|interpreter::BytecodeGenerator|v8::internal::Parser|v8::internal::Scanner|BytecodeArrayBuilder|SourcePositionTableBuilder/;

/**
 * The counted window's instructions, by function (each instruction is counted once, in the function it ran in),
 * added up from the dump `--dump` wrote (the first: the requests; the second: the idle window). Callgrind's format: `fn=(id) name` starts a function's lines (the name
 * only the first time an id appears, in `fn=` or `cfn=`); a line of numbers is a position and its cost, except the
 * line after `calls=`, which is the cost of a call (already counted in the callee's own lines).
 */
function instructionsInDump(dir: string, dump: number): Split {
  const dumps = readdirSync(dir).filter((f) => new RegExp(`^callgrind\\.\\d+\\.${dump}$`).test(f));
  if (dumps.length === 0) throw new Error(`no callgrind dump ${dump} in ${dir}`);
  const split: Split = { total: 0, collector: 0, compiler: 0, rest: 0 };
  for (const dump of dumps) {
    const names = new Map<string, string>();
    let kind: keyof Split = 'rest';
    let afterCall = false;
    for (const line of readFileSync(path.join(dir, dump), 'utf8').split('\n')) {
      const named = /^c?fn=\((\d+)\)(?: (.*))?$/.exec(line);
      if (named) {
        if (named[2] !== undefined) names.set(named[1]!, named[2]);
        if (line.startsWith('fn=')) {
          const name = names.get(named[1]!) ?? '';
          kind = COLLECTOR.test(name) ? 'collector' : COMPILER.test(name) ? 'compiler' : 'rest';
        }
      } else if (line.startsWith('calls=')) {
        afterCall = true;
      } else if (/^[\d+*-]/.test(line)) {
        if (afterCall) afterCall = false;
        else {
          const cost = Number(line.split(' ')[1] ?? 0);
          split[kind] += cost;
          split.total += cost;
        }
      }
    }
  }
  if (dump === 1 && split.total === 0) throw new Error(`no instructions counted in ${dir}`);
  return split;
}

await main();
