import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** How a forked process knows its job: set on the process that sets up (core/main.ts); serving ones have none. */
export const ROLE_VARIABLE = 'VC_START_ROLE';
export const SET_UP_ROLE = 'set-up';

/** What the setting-up process sends before it exits: the banner's listing of the cities. */
export type SetUpDone = { listing: string[] };

/**
 * Runs the start's setting up (core/start/set-up.ts) in a process of its own and waits for it. Then its
 * heap (migrations, syncing, seeding) and its connections go with it: this process, which only supervises,
 * stays small instead of holding them, and never collects that garbage on a core the serving processes need.
 * Rejects if it fails (it has printed why); `stop` ends it early.
 */
export function setUpInOwnProcess(): { done: Promise<SetUpDone>; stop: () => Promise<void> } {
  const worker = cluster.fork({ [ROLE_VARIABLE]: SET_UP_ROLE });
  let result: SetUpDone | undefined;
  worker.on('message', (m: SetUpDone) => (result = m));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => worker.on('exit', (code, signal) => resolve({ code, signal })));
  const done = exited.then(({ code, signal }) => (code === 0 && result ? result : Promise.reject(new Error(`setting up stopped (${signal ?? `exit code ${code}`})`))));
  // Waits until it is gone: a start stopped while it migrates exits only once the migration is rolled back.
  const stop = async () => {
    if (worker.process.exitCode === null && worker.process.signalCode === null) worker.process.kill('SIGTERM');
    await exited;
  };
  return { done, stop };
}

/**
 * Forks the serving processes (they share the port) and replaces one that dies,
 * until shutdown; one that dies soon after starting (the database is gone, say)
 * is replaced after a pause that doubles up to 30 s, not in a tight loop.
 */
export async function forkServers(count: number, logger: Logger): Promise<() => Promise<void>> {
  let stopping = false;
  let pauseMs = 0;
  const servers = new Set<Worker>();
  // Resolves once `count` processes listen, counting the replacements of any that died first.
  let listening = 0;
  let allListening!: () => void;
  const started = new Promise<void>((resolve) => (allListening = resolve));
  const fork = () => {
    const startedAt = Date.now();
    const worker = cluster.fork();
    servers.add(worker);
    worker.on('message', (m) => m === 'listening' && ++listening === count && allListening());
    worker.on('exit', (code, signal) => {
      servers.delete(worker);
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
    // A signal, not worker.kill(): that disconnects first, and a disconnected process stops without draining.
    await Promise.all([...servers].map((w) => new Promise<void>((resolve) => (w.once('exit', () => resolve()), w.process.kill('SIGTERM')))));
  };
}
