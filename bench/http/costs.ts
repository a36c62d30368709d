import type postgres from 'postgres';
import { backendsCpuMs, cpuSpentMs, processTreeCpuMs } from '../lib/cpu.ts';
import { round } from '../lib/stats.ts';
import { load } from './load.ts';

/** What one request cost, counted over a fixed number of requests: CPU ms in the server's processes and in PostgreSQL. */
export type RequestCosts = { requests: number; nodeCpuMs: number; postgresCpuMs: number | null };

/** Where to read the CPU time: the server's process (with its workers) and, if it has one, its database's backends. */
export type CostSources = { serverPid: number; postgres?: { monitor: postgres.Sql; database: string } };

/**
 * Sends `requests` requests (8 connections, one request at a time each) and
 * reads the CPU time of the server's process tree and of the PostgreSQL
 * backends connected to its database before and after. Counts, not rates: a
 * busy machine slows the requests but does not change what each one costs.
 */
export async function countCosts(
  url: string,
  sources: CostSources,
  options: { requests: number; headers?: Record<string, string>; uniqueAddress?: boolean },
): Promise<RequestCosts> {
  const read = async () => ({
    node: processTreeCpuMs(sources.serverPid),
    postgres: sources.postgres ? await backendsCpuMs(sources.postgres.monitor, sources.postgres.database) : null,
  });
  const before = await read();
  const figures = await load(url, { connections: 8, seconds: 0, amount: options.requests, headers: options.headers, uniqueAddress: options.uniqueAddress });
  const after = await read();
  const done = figures.requests || options.requests;
  return {
    requests: done,
    nodeCpuMs: round(cpuSpentMs(before.node, after.node) / done, 3)!,
    postgresCpuMs: before.postgres && after.postgres ? round(cpuSpentMs(before.postgres, after.postgres) / done, 3)! : null,
  };
}
