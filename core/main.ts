import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { plugins } from '../plugins/index.ts';
import { tenantManifests } from '../tenants/index.ts';
import { createApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateDatabase } from './db/migrate.ts';
import { ensureSnapshot, isNewDataFolder, newDataFolder } from './db/pglite-snapshot.ts';
import { createLogger } from './http/logger.ts';
import { createPluginRegistry } from './plugins/registry.ts';
import { DEMO_FOUNDATION, seedPlatformAccounts, sponsorDemoCity } from './platform/seed.ts';
import type { Tenant } from './tenancy/tenant.ts';
import { runningBundleHash, syncTenantsUnlessUnchanged } from './tenancy/sync-unless-unchanged.ts';
import { slugPathFallback } from './tenancy/resolver.ts';
import { idNumberKeys } from './volunteering/volunteers/id-number-keys.ts';

/**
 * `npm start`. One process migrates and syncs the cities; with WEB_CONCURRENCY above 1
 * (PostgreSQL only: PGlite is one process) it forks that many processes that serve
 * requests and work the job queue, else it does both itself.
 */
const config = loadConfig();
// Bad or (in production) missing ID-number keys stop the start, not the first volunteer who saves a profile.
idNumberKeys();
const logger = createLogger(config.LOG_LEVEL);

if (cluster.isWorker) {
  const db = await openDatabase({ url: config.DATABASE_URL, appUrl: config.APP_DATABASE_URL, dataDir: config.DATA_DIR });
  const { stop } = await serveRequests(db, config, logger, () => process.send?.('listening'));
  onSignals(async () => {
    await stop();
    await db.close();
  });
  // The first process is gone (killed hard): stop rather than serve without it.
  cluster.worker!.on('disconnect', () => process.exit(0));
} else {
  // A first start takes a while (migrations, hashing demo passwords, seeding past service): say what is
  // happening as each step begins, and how long it took once it ends.
  const loaded = process.cpuUsage();
  progress(`Loaded the code in ${seconds(performance.now())} (CPU ${seconds((loaded.user + loaded.system) / 1000)})`);
  const open = step(`Opening ${databaseName()}`);
  if (!config.DATABASE_URL && (await isNewDataFolder(config.DATA_DIR))) {
    // A new data folder is a copy of a migrated empty one kept in dist/, made once per PGlite version
    // and set of migrations: PGlite's initdb alone is seconds of WebAssembly (core/db/pglite-snapshot.ts).
    const snapshot = await ensureSnapshot();
    progress(snapshot.made ? '  a new data folder (first made an empty migrated database in dist/pglite-snapshots/ for the next ones)' : '  a new data folder, copied from dist/pglite-snapshots/');
    await newDataFolder(config.DATA_DIR, snapshot.folder);
  }
  const db = await openDatabase({ url: config.DATABASE_URL, appUrl: config.APP_DATABASE_URL, dataDir: config.DATA_DIR });
  open.done();
  const migrations = step('Applying database migrations');
  await migrateDatabase(db, config.DATABASE_URL);
  migrations.done();
  const registry = createPluginRegistry(plugins);
  // The accounts first: the demo foundation sponsors each demo city before its demo data is made, so the
  // plugins' demo (a legal-aid card batch) is donated in its name.
  const accounts = step('Creating the platform accounts');
  await seedPlatformAccounts(db, {
    operatorEmail: config.PLATFORM_ADMIN_EMAIL,
    operatorPassword: config.PLATFORM_ADMIN_PASSWORD,
    demo: config.SEED_DEMO === '1',
    pluginIds: registry.all().map((p) => p.id),
  });
  accounts.done();
  const sync = step(config.SEED_DEMO === '1' ? 'Creating or updating the demo cities' : 'Creating or updating the cities in tenants/');
  const { cities, skipped } = await syncTenantsUnlessUnchanged(db, tenantManifests, {
    registry,
    seedDemo: config.SEED_DEMO === '1',
    site: config,
    code: runningBundleHash(),
    onStep: (slug, step) => progress(`  ${slug}: ${step}`),
    beforeSeeds: (city) => sponsorDemoCity(db, city.id),
  });
  if (skipped) progress('  skipped: the cities, the code and the migrations are those of the last start');
  sync.done();
  let processes = config.WEB_CONCURRENCY;
  if (processes > 1 && db.kind === 'pglite') {
    logger.warn({ WEB_CONCURRENCY: processes }, 'the embedded database serves one process: WEB_CONCURRENCY ignored');
    processes = 1;
  }
  const serving = step(processes === 1 ? 'Starting the web server (the job queue starts once it listens)' : `Starting ${processes} serving processes`);
  const { stop: stopServing, queueStarted } = processes === 1 ? await serveRequests(db, config, logger, () => {}) : { stop: await forkServers(processes), queueStarted: null };
  serving.done();
  printBanner(cities, processes);
  onSignals(async () => {
    await stopServing();
    await db.close();
  });
  if (queueStarted) {
    const queue = step('Starting the job queue');
    await queueStarted;
    queue.done();
  }
}

/**
 * Serves the platform on PORT and works the job queue. Resolves once listening, before the queue has
 * started (pg-boss's start and the first scheduled-jobs tick are most of a second of a restart): jobs
 * that requests queue meanwhile wait in the database, and the queue works them once it runs. A queue
 * that cannot start stops the process, as it did when it started first. `stop` stops taking requests
 * and jobs and lets those in flight finish.
 */
async function serveRequests(db: Database, config: Config, logger: Logger, listening: () => void): Promise<{ stop: () => Promise<void>; queueStarted: Promise<void> }> {
  const { app, changes, jobs } = createApp({ db, config, logger, plugins });
  await changes.connect(db, logger);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
  });
  listening();
  const queueStarted = jobs.start();
  queueStarted.catch((err: unknown) => {
    logger.fatal({ err }, 'the job queue could not start');
    process.exit(1);
  });
  const stop = async () => {
    const queueStopped = queueStarted.then(() => jobs.stop(), () => {});
    await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), queueStopped]);
  };
  return { stop, queueStarted };
}

/**
 * Forks the serving processes (they share the port) and replaces one that dies,
 * until shutdown; one that dies soon after starting (the database is gone, say)
 * is replaced after a pause that doubles up to 30 s, not in a tight loop.
 */
async function forkServers(count: number): Promise<() => Promise<void>> {
  let stopping = false;
  let pauseMs = 0;
  // Resolves once `count` processes listen, counting the replacements of any that died first.
  let listening = 0;
  let allListening!: () => void;
  const started = new Promise<void>((resolve) => (allListening = resolve));
  const fork = () => {
    const startedAt = Date.now();
    const worker = cluster.fork();
    worker.on('message', (m) => m === 'listening' && ++listening === count && allListening());
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      pauseMs = Date.now() - startedAt > 60_000 ? 0 : Math.min(30_000, Math.max(1000, pauseMs * 2));
      logger.error({ pid: worker.process.pid, code, signal, restartInMs: pauseMs }, 'a serving process died; starting another');
      setTimeout(() => !stopping && fork(), pauseMs);
    });
  };
  for (let i = 0; i < count; i++) fork();
  await started;
  return async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    // A signal, not worker.kill(): that disconnects first, and a disconnected process stops without draining.
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => (w.once('exit', () => resolve()), w.process.kill('SIGTERM')))));
  };
}

/** SIGTERM/SIGINT: stop taking connections and jobs, let requests and jobs in flight finish, close the database; exit 1 if that takes over 10 s. */
function onSignals(shutdown: () => Promise<void>) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 10_000).unref();
    await shutdown();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** One line of start-up progress, printed as it happens. */
function progress(line: string) {
  console.log(line);
}

/**
 * A start-up step: its line now, and once `done` its duration and the CPU time the process spent
 * meanwhile (all threads), which says more than the duration on a busy machine.
 */
function step(line: string): { done(): void } {
  progress(line);
  const began = performance.now();
  const cpu = process.cpuUsage();
  return {
    done: () => {
      const spent = process.cpuUsage(cpu);
      progress(`  done in ${seconds(performance.now() - began)} (CPU ${seconds((spent.user + spent.system) / 1000)})`);
    },
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function databaseName() {
  return config.DATABASE_URL ? 'PostgreSQL' : `the embedded database in ${config.DATA_DIR}`;
}

/** Rows as indented columns, each as wide as its widest cell; the last is not padded, so a long role list pushes nothing. */
function alignColumns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`);
}

function printBanner(cities: Tenant[], processes: number) {
  const port = config.PORT === 80 ? '' : `:${config.PORT}`;
  const site = (host: string) => `${config.PUBLIC_SCHEME}://${host}${port}/`;
  // Under https the `/t/<slug>/` form is off unless asked for: never print a link that answers 404.
  const fallback = slugPathFallback(config);
  const lines = [
    `Volunteer Commons is running on ${databaseName()}${processes > 1 ? `, ${processes} processes serving` : ''} (started in ${seconds(performance.now())}).`,
    ...alignColumns([
      ['Platform console', site(config.PLATFORM_DOMAIN)],
      ...cities.map((c) => [c.names.en, site(`${c.slug}.${config.PLATFORM_DOMAIN}`) + (fallback ? `  (or ${site(config.PLATFORM_DOMAIN)}t/${c.slug}/)` : '')]),
    ]),
  ];
  if (config.SEED_DEMO === '1') {
    lines.push('Demo accounts (password after the slash):');
    lines.push(
      ...alignColumns([
        ['platform', `${config.PLATFORM_ADMIN_EMAIL} / ${config.PLATFORM_ADMIN_PASSWORD}`, 'platform operator'],
        ['platform', `${DEMO_FOUNDATION.email} / ${DEMO_FOUNDATION.password}`, 'foundation'],
        ...tenantManifests.flatMap((m) => (m.demoAccounts ?? []).map((a) => [m.slug, `${a.email} / ${a.password}`, a.roles.join(', ')])),
      ]),
    );
  }
  console.log(lines.join('\n'));
}
