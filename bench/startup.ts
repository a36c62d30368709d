/**
 * Start-up, measured as `npm start` runs it: the bundle step (`node core/bundle.mjs`), then
 * `node --enable-source-maps dist/main.js` on the embedded database with the demo cities, first
 * on a new data folder, then restarted on the same folder. Prints every line the platform
 * printed with the milliseconds since its process began, and per run: wall time to the banner,
 * the process's CPU seconds (user + system, all threads, from /proc/<pid>/stat) and its peak
 * resident memory (VmHWM) at that moment.
 *
 *   npx tsx bench/startup.ts [--runs 2] [--restarts 1] [--no-snapshot] [--tsx] [--quiet] [--load-seconds 20]
 *
 * --no-snapshot removes dist/pglite-snapshots first, so the first start is a fresh checkout's
 *   (it makes the snapshot); --tsx runs core/main.ts through tsx instead of the bundle;
 * --load-seconds N loads each run's last start with autocannon (8 connections, N seconds, a city's
 *   project list) and prints its resident memory (VmRSS, VmHWM) before and after.
 * Counts (CPU seconds) hold on a busy machine where wall times do not: compare those.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const runs = option('--runs', 1);
const restarts = option('--restarts', 1);
const quiet = flag('--quiet');
const viaTsx = flag('--tsx');
const loadSeconds = option('--load-seconds', 0);
const TICKS = 100; // clock ticks a second (getconf CLK_TCK on Linux)

type Figures = { label: string; bundleMs: number; bannerMs: number; cpuS: number; peakMb: number; steps: string[]; underLoad?: string };

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

function memoryMb(pid: number, field = 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`))!;
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}
const peakMb = (pid: number) => memoryMb(pid);

async function start(label: string, dataDir: string, load = false): Promise<Figures> {
  const began = performance.now();
  if (!viaTsx) execFileSync(process.execPath, ['core/bundle.mjs'], { cwd: root, stdio: 'inherit' });
  const bundleMs = performance.now() - began;
  const port = 30000 + Math.floor(Math.random() * 20000);
  const command = viaTsx ? ['--import', 'tsx', 'core/main.ts'] : ['--enable-source-maps', 'dist/main.js'];
  const spawned = performance.now();
  const child = spawn(process.execPath, command, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const steps: string[] = [];
  let buffered = '';
  const early = (code: number | null) => console.error(`exited with ${code} before the banner:\n${steps.join('\n')}`);
  const figures = await new Promise<Figures>((resolve, reject) => {
    child.once('exit', (code) => (early(code), reject(new Error('no banner'))));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const at = performance.now() - spawned;
        steps.push(`${String(Math.round(at)).padStart(6)} ms  ${line}`);
        if (!quiet) console.log(steps.at(-1));
        if (line.startsWith('Volunteer Commons is running')) {
          resolve({ label, bundleMs, bannerMs: at, cpuS: cpuSeconds(child.pid!), peakMb: peakMb(child.pid!), steps });
        }
      }
    });
  });
  child.removeAllListeners('exit');
  if (load) {
    const before = memoryMb(child.pid!, 'VmRSS');
    const result = await autocannon({ url: `http://127.0.0.1:${port}/t/xiamen/projects`, connections: 8, duration: loadSeconds });
    figures.underLoad = `${before} MB resident before ${result.requests.total} requests (${result['2xx']} 2xx) in ${loadSeconds} s, ${memoryMb(child.pid!, 'VmRSS')} MB after, peak ${memoryMb(child.pid!)} MB`;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return figures;
}

if (flag('--no-snapshot')) rmSync(join(root, 'dist', 'pglite-snapshots'), { recursive: true, force: true });
const results: Figures[] = [];
for (let run = 1; run <= runs; run++) {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'vc-startup-')), 'data');
  try {
    console.log(`# run ${run}: first start, load average ${loadavg()[0]!.toFixed(1)}`);
    results.push(await start(`run ${run}, first start`, dataDir, loadSeconds > 0 && restarts === 0));
    for (let r = 1; r <= restarts; r++) {
      console.log(`# run ${run}: restart ${r}, load average ${loadavg()[0]!.toFixed(1)}`);
      results.push(await start(`run ${run}, restart ${r}`, dataDir, loadSeconds > 0 && r === restarts));
    }
  } finally {
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  }
}
console.log(`\n${viaTsx ? 'tsx core/main.ts' : 'bundle + dist/main.js'}; load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| run | bundle step | banner after | CPU s (main process) | peak resident |');
console.log('|---|---|---|---|---|');
for (const f of results) {
  console.log(`| ${f.label} | ${viaTsx ? '–' : `${(f.bundleMs / 1000).toFixed(2)} s`} | ${(f.bannerMs / 1000).toFixed(2)} s | ${f.cpuS.toFixed(2)} | ${f.peakMb} MB |`);
}
for (const f of results) if (f.underLoad) console.log(`${f.label} under load: ${f.underLoad}`);
