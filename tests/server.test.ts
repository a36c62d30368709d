import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/database.ts';
import { startServerProcess } from './support/server-process.ts';

/** `npm start` as a user runs it (the bundle, then dist/main.js): a real process on the embedded database in a fresh data folder. */
const dataDir = mkdtempSync(join(tmpdir(), 'vc-start-'));
const port = 30000 + Math.floor(Math.random() * 20000);
let server: ChildProcess | undefined;
let output = '';

afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function waitFor(text: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${ms} ms; output:\n${output}`)), ms);
    const check = () => {
      if (output.includes(text)) {
        clearTimeout(timer);
        resolve();
      } else setTimeout(check, 100);
    };
    check();
  });
}

describe('the platform process', () => {
  it('leaves nothing that stops the next start when killed while it makes its data folder', async () => {
    execFileSync(process.execPath, ['core/bundle.mjs']);
    const killed = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
      env: { ...process.env, DATABASE_URL: '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let said = '';
    // Killed as it begins to make the folder: before, during or just after the copy, the next start (below) must work.
    killed.stdout!.on('data', (d) => {
      said += d;
      if (said.includes('Opening the embedded database')) killed.kill('SIGKILL');
    });
    expect(await new Promise((resolve) => killed.once('exit', (_code, signal) => resolve(signal)))).toBe('SIGKILL');
  }, 180_000);

  it('starts on the embedded database, prints each city and the demo accounts, and serves them', async () => {
    execFileSync(process.execPath, ['core/bundle.mjs']);
    // The embedded database, even when the suite itself runs on PostgreSQL.
    server = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
      env: { ...process.env, DATABASE_URL: '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    await waitFor('Demo accounts', 180_000);
    // Each step was printed as it began, before the banner.
    const steps = [
      `Opening the embedded database in ${dataDir}`,
      'Applying database migrations',
      // The accounts first: the demo foundation sponsors each demo city before its demo data.
      'Creating the platform accounts',
      'Creating or updating the demo cities',
      '  xiamen: city, hosts and branding',
      '  xiamen: demo accounts',
      '  xiamen: demo organisations, projects and past service',
      '  xiamen: demo data of time-bank',
      '  qionghai: demo data of time-bank',
      'Volunteer Commons is running',
    ];
    const at = steps.map((step) => output.indexOf(step));
    expect(at.every((i) => i >= 0), `missing steps:\n${output}`).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(output).toContain(`http://xiamen.localhost:${port}/`);
    expect(output).toContain(`http://yuexiu.localhost:${port}/`);
    expect(output).toContain(`http://qionghai.localhost:${port}/`);
    expect(output).toContain(`http://rongshui.localhost:${port}/`);
    expect(output).toContain('admin@xiamen.example');
    // The child-care demo's people: the director, the supervisor and the caring parent paired with a child.
    for (const who of ['director@rongshui.example / demo-director-2026', 'supervisor@rongshui.example / demo-supervisor-2026', 'caring-parent@rongshui.example / demo-parent-2026']) expect(output).toContain(who);
    // The banner's columns line up, however long a city's name or an account's role list.
    const banner = output.slice(output.indexOf('Volunteer Commons is running')).split('\n');
    const cityRows = banner.slice(1, banner.indexOf('Demo accounts (password after the slash):'));
    expect(cityRows).toHaveLength(5); // the console and the four demo cities
    expect(new Set(cityRows.map((line) => line.indexOf('http://'))).size).toBe(1);
    const accountRows = banner.slice(banner.indexOf('Demo accounts (password after the slash):') + 1).filter((line) => line.includes(' / '));
    expect(accountRows.length).toBeGreaterThanOrEqual(11);
    expect(accountRows.some((line) => line.includes('social_worker, charity-fund.manager, charity-fund.station_staff'))).toBe(true);
    expect(new Set(accountRows.map((line) => line.search(/\S+@\S+ \/ /))).size).toBe(1);
    // Roles come last, after the only double space that follows the account.
    expect(new Set(accountRows.map((line) => line.lastIndexOf('  '))).size).toBe(1);
    const page = await fetch(`http://127.0.0.1:${port}/t/qionghai/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('琼海市');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    // Whatever the killed start left half-made beside the data folder is gone.
    expect(readdirSync(dirname(dataDir)).filter((name) => name.startsWith(`${basename(dataDir)}.partial-`))).toEqual([]);
    // The job queue starts once the server listens, after the banner.
    await waitFor('Starting the job queue', 60_000);
    expect(output.indexOf('Starting the job queue')).toBeGreaterThan(output.indexOf('Volunteer Commons is running'));
  }, 240_000);

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
    server!.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 20_000);

  it('skips re-checking the demo cities on a restart with nothing changed, says so, and serves them', async () => {
    output = '';
    server = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
      env: { ...process.env, DATABASE_URL: '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    await waitFor('Demo accounts', 120_000);
    expect(output).toContain('Creating or updating the demo cities\n  skipped: the cities, the code and the migrations are those of the last start');
    expect(output).not.toContain('xiamen: city, hosts and branding');
    expect(output).toContain(`http://rongshui.localhost:${port}/`);
    expect(output).toContain('admin@xiamen.example');
    const page = await fetch(`http://127.0.0.1:${port}/t/qionghai/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('琼海市');
    const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 180_000);
});

describe.skipIf(!process.env.DATABASE_URL)('several serving processes (WEB_CONCURRENCY, PostgreSQL)', () => {
  // The serving processes run core/main.ts too (tsx may also have its esbuild service as a child).
  // ps exits 1 when the process has no children: that is an empty list, not an error.
  const children = (pid: number) =>
    spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((line) => line.includes('core/main.ts'))
      .map((line) => Number(line.trim().split(' ')[0]));
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('forks that many processes, which serve the cities and stop with the first one, gently or not', async () => {
    const { url, drop } = await createTestDatabase();
    try {
      for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
        const server = await startServerProcess({ DATABASE_URL: url!, WEB_CONCURRENCY: '2', LOG_LEVEL: 'info' });
        let workers: number[] = [];
        try {
          await expect.poll(() => server.output(), { timeout: 90_000 }).toContain('2 processes serving');
          workers = children(server.child.pid!);
          expect(workers).toHaveLength(2);
          const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`http://127.0.0.1:${server.port}/t/xiamen/`)));
          expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
          server.child.kill(signal);
          const code = await server.exited;
          if (signal === 'SIGTERM') expect(code).toBe(0);
          await expect.poll(() => workers.filter(alive), { timeout: 10_000 }).toEqual([]);
        } finally {
          // Whatever failed above, no process of this test outlives it.
          for (const pid of [server.child.pid!, ...workers].filter(alive)) process.kill(pid, 'SIGKILL');
        }
      }
    } finally {
      await drop();
    }
  }, 240_000);

  it('sets up in a process that exits: the first process keeps no database connection, and a failed set-up stops the start', async () => {
    const { url, drop } = await createTestDatabase();
    const server = await startServerProcess({ DATABASE_URL: url!, WEB_CONCURRENCY: '2' });
    try {
      await expect.poll(() => server.output(), { timeout: 90_000 }).toContain('2 processes serving');
      expect(server.output()).toContain('Setting up in a process of its own');
      // Connections to the database and the processes that hold them: the serving ones', none of the first's.
      const toDatabase = execFileSync('ss', ['-tnpH', `dport = :${new URL(url!).port || 5432}`], { encoding: 'utf8' });
      const holders = new Set([...toDatabase.matchAll(/pid=(\d+),/g)].map((m) => Number(m[1])));
      expect(holders.size).toBeGreaterThan(0);
      expect([...holders]).not.toContain(server.child.pid);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await drop();
    }
    // A database that does not exist: the set-up process fails, and the start stops with its reason.
    const missing = new URL(url!);
    missing.pathname = '/vc_no_such_database';
    const failed = await startServerProcess({ DATABASE_URL: missing.href, WEB_CONCURRENCY: '2' }, { timeoutMs: 60_000 }).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(failed).toContain('server exited with 1');
    expect(failed).toContain('vc_no_such_database');
    expect(failed).toContain('Start-up stopped: setting up stopped (exit code 1)');
  }, 240_000);

  it('stops a start on SIGTERM while it sets up: exit 0, with the set-up process gone first', async () => {
    const { url, drop } = await createTestDatabase();
    const starting = spawn(process.execPath, ['--import', 'tsx', 'core/main.ts'], {
      env: { ...process.env, DATABASE_URL: url!, WEB_CONCURRENCY: '2', PORT: String(port + 1), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let said = '';
    let setUpPid: number | undefined;
    try {
      // Printed as the set-up process is forked, before it has loaded its code.
      await new Promise<void>((resolve) =>
        starting.stdout!.on('data', (d) => {
          said += d;
          if (said.includes('Setting up in a process of its own')) resolve();
        }),
      );
      setUpPid = children(starting.pid!)[0];
      expect(setUpPid, 'the set-up process exists once its start is printed').toBeDefined();
      const exited = new Promise<number | null>((resolve) => starting.once('exit', (code) => resolve(code)));
      starting.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(alive(setUpPid!)).toBe(false);
      expect(said).not.toContain('Volunteer Commons is running');
    } finally {
      for (const pid of [starting.pid!, setUpPid].filter((p): p is number => p !== undefined && alive(p))) process.kill(pid, 'SIGKILL');
      await drop();
    }
  }, 120_000);
});
