import type postgres from 'postgres';
import { backendsCpuMs, cpuSpentMs, processTreeCpuMs } from '../lib/cpu.ts';
import { round } from '../lib/stats.ts';
import { load } from './load.ts';

/**
 * What one request cost, counted over a fixed number of requests: CPU ms in the server's
 * processes and in PostgreSQL. On Citus `postgresCpuMs` is the coordinator's backends,
 * `workerCpuMs` the workers' (every worker's backends connected to the database, summed), and
 * `shardQueries` the coordinator's own count of the statements it ran on shards
 * (`citus_stat_counters`: routed to one shard, or fanned out to several) and of the connections
 * to workers it opened, each a request.
 */
export type RequestCosts = {
  requests: number;
  nodeCpuMs: number;
  postgresCpuMs: number | null;
  workerCpuMs?: number;
  shardQueries?: { singleShard: number; multiShard: number; connectionsOpened: number };
};

/** A database's backends to read CPU time from: a connection to the node and the database's name. */
export type BackendSource = { monitor: postgres.Sql; database: string };

/**
 * Where to read the CPU time: the server's process (with its workers) and, if it has one, its
 * database's backends; on Citus also every worker's backends and the coordinator's counters.
 */
export type CostSources = { serverPid: number; postgres?: BackendSource; workers?: BackendSource[] };

type Counters = { singleShard: number; multiShard: number; connectionsOpened: number };

/** The coordinator's counters for its database (`citus.enable_stat_counters` must be on, else zeros). */
async function citusCounters(source: BackendSource): Promise<Counters> {
  const [row] = await source.monitor<{ single: string; multi: string; opened: string }[]>`
    select query_execution_single_shard as single, query_execution_multi_shard as multi, connection_establishment_succeeded as opened
    from citus_stat_counters where name = ${source.database}`;
  return { singleShard: Number(row?.single ?? 0), multiShard: Number(row?.multi ?? 0), connectionsOpened: Number(row?.opened ?? 0) };
}

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
  const citus = sources.workers && sources.postgres ? sources.postgres : null;
  const read = async () => ({
    node: processTreeCpuMs(sources.serverPid),
    postgres: sources.postgres ? await backendsCpuMs(sources.postgres.monitor, sources.postgres.database) : null,
    workers: sources.workers ? await Promise.all(sources.workers.map((w) => backendsCpuMs(w.monitor, w.database))) : null,
    counters: citus ? await citusCounters(citus) : null,
  });
  const before = await read();
  const figures = await load(url, { connections: 8, seconds: 0, amount: options.requests, headers: options.headers, uniqueAddress: options.uniqueAddress });
  const after = await read();
  const done = figures.requests || options.requests;
  const each = (n: number, digits = 3) => round(n / done, digits)!;
  return {
    requests: done,
    nodeCpuMs: each(cpuSpentMs(before.node, after.node)),
    postgresCpuMs: before.postgres && after.postgres ? each(cpuSpentMs(before.postgres, after.postgres)) : null,
    ...(before.workers && after.workers ? { workerCpuMs: each(after.workers.reduce((sum, w, i) => sum + cpuSpentMs(before.workers![i]!, w), 0)) } : {}),
    ...(before.counters && after.counters
      ? {
          shardQueries: {
            singleShard: each(after.counters.singleShard - before.counters.singleShard, 2),
            multiShard: each(after.counters.multiShard - before.counters.multiShard, 2),
            connectionsOpened: each(after.counters.connectionsOpened - before.counters.connectionsOpened, 2),
          },
        }
      : {}),
  };
}
