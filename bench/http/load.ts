import autocannon from 'autocannon';
import { round } from '../lib/stats.ts';

export type PageFigures = {
  requestsPerSecond: number;
  latencyMs: { p50: number | null; p99: number | null };
  requests: number;
  errors: number;
  non2xx: number;
};

/**
 * HTTP load on 127.0.0.1 with autocannon: `connections` keep-alive connections,
 * one request at a time each (no pipelining, as browsers do), for `seconds`;
 * with `rate`, at that many requests per second overall instead of flat out.
 */
export async function load(url: string, options: { connections: number; seconds: number; headers?: Record<string, string>; rate?: number }): Promise<PageFigures> {
  if (!new URL(url).hostname.startsWith('127.')) throw new Error(`load only ever goes to 127.0.0.1, not ${url}`);
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    pipelining: 1,
    timeout: 10,
    headers: options.headers ?? {},
    ...(options.rate ? { overallRate: Math.max(1, Math.round(options.rate)) } : {}),
  });
  return {
    requestsPerSecond: round(result.requests.average) ?? 0,
    latencyMs: { p50: round(result.latency.p50, 2), p99: round(result.latency.p99, 2) },
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
