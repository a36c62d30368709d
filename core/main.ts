import cluster from 'node:cluster';
import { loadConfig } from './config.ts';
import { createLogger } from './http/logger.ts';
import { bannerHeadline, codeLoaded, progress, step } from './start/progress.ts';
import { forkServers, ROLE_VARIABLE, SET_UP_ROLE, setUpInOwnProcess, type SetUpDone } from './start/supervise.ts';
import { idNumberKeys } from './volunteering/volunteers/id-number-keys.ts';

/**
 * `npm start`. With WEB_CONCURRENCY at 1 (the default; PGlite is always one process) this process sets up
 * (migrations, the platform accounts, the cities: core/start/set-up.ts) and then serves requests and works
 * the job queue. Above 1 it only supervises: one process it forks sets up and exits, then it forks that many
 * processes that serve and work the queue, and replaces one that dies. What only setting up or serving
 * needs is imported when needed, so the supervising process never loads it.
 */
const config = loadConfig();
// Bad or (in production) missing ID-number keys stop the start, not the first volunteer who saves a profile.
idNumberKeys();
const logger = createLogger(config.LOG_LEVEL);
const processes = servingProcesses();

if (cluster.isWorker && process.env[ROLE_VARIABLE] === SET_UP_ROLE) {
  const { setUp } = await import('./start/set-up.ts');
  codeLoaded('the code for setting up');
  // The supervising process is gone (killed hard): stop rather than set up for no one.
  cluster.worker!.on('disconnect', () => process.exit(1));
  const { db, listing } = await setUp(config);
  await db.close();
  process.send!({ listing } satisfies SetUpDone, () => process.exit(0));
} else if (cluster.isWorker) {
  const { openDatabase } = await import('./db/database.ts');
  const { serveRequests } = await import('./start/serve.ts');
  const db = await openDatabase({ url: config.DATABASE_URL, appUrl: config.APP_DATABASE_URL, dataDir: config.DATA_DIR });
  const { stop } = await serveRequests(db, config, logger);
  process.send!('listening');
  onSignals(async () => {
    await stop();
    await db.close();
  });
  // The first process is gone (killed hard): stop rather than serve without it.
  cluster.worker!.on('disconnect', () => process.exit(0));
} else if (processes === 1) {
  // A first start takes a while (migrations, hashing demo passwords, seeding past service): say what is
  // happening as each step begins, and how long it took once it ends.
  const { setUp } = await import('./start/set-up.ts');
  const { serveRequests } = await import('./start/serve.ts');
  codeLoaded('the code');
  const { db, listing } = await setUp(config);
  const serving = step('Starting the web server (the job queue starts once it listens)');
  const { stop, queueStarted } = await serveRequests(db, config, logger);
  serving.done();
  console.log([bannerHeadline(config, 1), ...listing].join('\n'));
  onSignals(async () => {
    await stop();
    await db.close();
  });
  const queue = step('Starting the job queue');
  await queueStarted;
  queue.done();
} else {
  codeLoaded('the supervising code');
  let stopping = false;
  let stopServers: (() => Promise<void>) | undefined;
  const settingUp = setUpInOwnProcess();
  // Said once the process exists (fork returns after it has started), so a reader that looks for it finds it.
  progress('Setting up in a process of its own, which exits when done:');
  onSignals(async () => {
    stopping = true;
    await settingUp.stop();
    await stopServers?.();
  });
  const listing = await settingUp.done.then(
    (done) => done.listing,
    (err: unknown) => {
      // Stopped by a signal: the signal's handler exits. Otherwise the process printed why it failed.
      if (!stopping) {
        progress(`Start-up stopped: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      }
      return new Promise<never>(() => {});
    },
  );
  const serving = step(`Starting ${processes} serving processes`);
  stopServers = await forkServers(processes, logger);
  serving.done();
  console.log([bannerHeadline(config, processes), ...listing].join('\n'));
}

/** WEB_CONCURRENCY, except on the embedded database, which serves one process. */
function servingProcesses(): number {
  if (config.DATABASE_URL || config.WEB_CONCURRENCY === 1) return config.WEB_CONCURRENCY;
  if (cluster.isPrimary) logger.warn({ WEB_CONCURRENCY: config.WEB_CONCURRENCY }, 'the embedded database serves one process: WEB_CONCURRENCY ignored');
  return 1;
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
