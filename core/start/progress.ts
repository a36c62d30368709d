import type { Config } from '../config.ts';

/** One line of start-up progress, printed as it happens. */
export function progress(line: string): void {
  console.log(line);
}

/**
 * A start-up step: its line now, and once `done` its duration and the CPU time the process spent
 * meanwhile (all threads), which says more than the duration on a busy machine.
 */
export function step(line: string): { done(): void } {
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

/** This process's code loaded: how long it took since the process began, and its CPU time. */
export function codeLoaded(what: string): void {
  const cpu = process.cpuUsage();
  progress(`Loaded ${what} in ${seconds(performance.now())} (CPU ${seconds((cpu.user + cpu.system) / 1000)})`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function databaseName(config: Config): string {
  return config.DATABASE_URL ? 'PostgreSQL' : `the embedded database in ${config.DATA_DIR}`;
}

/** The banner's first line; the lines of `cityListing` (core/start/banner.ts) follow it. */
export function bannerHeadline(config: Config, processes: number): string {
  return `Volunteer Commons is running on ${databaseName(config)}${processes > 1 ? `, ${processes} processes serving` : ''} (started in ${seconds(performance.now())}).`;
}
