import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type postgres from 'postgres';

/**
 * CPU time of processes, read from /proc (Linux): what a request costs in
 * Node and in PostgreSQL, counted, so it holds on a busy machine where rates
 * do not. Resolution is one clock tick (10 ms), so count over thousands of
 * requests.
 */
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User plus system CPU ms of one process (its threads included), or 0 when it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/** Resident memory of one process in MB, now and at its peak (VmRSS, VmHWM), or zeros when it is gone. */
export function residentMb(pid: number): { now: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { now: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { now: 0, peak: 0 };
  }
}

function children(pid: number): number[] {
  try {
    const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return tasks ? tasks.split(' ').map(Number) : [];
  } catch {
    return [];
  }
}

/** CPU ms of a process and all its descendants (a server's cluster workers), by process id. */
export function processTreeCpuMs(pid: number): Map<number, number> {
  const found = new Map<number, number>();
  const visit = (p: number) => {
    found.set(p, processCpuMs(p));
    for (const child of children(p)) visit(child);
  };
  visit(pid);
  return found;
}

/** CPU ms of the PostgreSQL backends connected to `database` (not the asking connection), by process id. */
export async function backendsCpuMs(sql: postgres.Sql, database: string): Promise<Map<number, number>> {
  const rows = await sql<{ pid: number }[]>`
    select pid from pg_stat_activity
    where datname = ${database} and backend_type = 'client backend' and pid <> pg_backend_pid()`;
  return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
}

/**
 * CPU spent between two readings: processes that appeared count from zero; a
 * process that ended in between is lost (keep connections open while counting).
 */
export function cpuSpentMs(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

/**
 * CPU ms a whole PostgreSQL server has spent: the postmaster, its live children (backends, writers), and
 * the children it has reaped (cutime, cstime): backends that came and went in between count too, as
 * pgbench's do. A child alive before and gone after counts whole, so count around runs that start and
 * end their own connections.
 */
export function serverCpuMs(postmaster: number): number {
  const fields = (pid: number): number[] | null => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    } catch {
      return null;
    }
  };
  const own = fields(postmaster);
  if (!own) throw new Error(`no process ${postmaster}: is the PostgreSQL server on this machine?`);
  let ticks = own[11]! + own[12]! + own[13]! + own[14]!;
  for (const child of children(postmaster)) ticks += (fields(child)?.[11] ?? 0) + (fields(child)?.[12] ?? 0);
  return (ticks * 1000) / ticksPerSecond;
}

/** The postmaster's process id, from one of its backends' parent. */
export async function postmasterPid(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const stat = readFileSync(`/proc/${row!.pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}
