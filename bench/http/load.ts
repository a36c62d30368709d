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
 * one request at a time each (no pipelining, as browsers do), flat out for
 * `seconds` (a steady rate is `steady.ts`'s), or for exactly `amount` requests.
 * With `uniqueAddress`, every request asks for its own address (`missAddress`),
 * so no cache can answer it.
 */
export async function load(url: string, options: { connections: number; seconds: number; amount?: number; headers?: Record<string, string>; uniqueAddress?: boolean; timeoutSeconds?: number }): Promise<PageFigures> {
  if (!new URL(url).hostname.startsWith('127.')) throw new Error(`load only ever goes to 127.0.0.1, not ${url}`);
  const result = await autocannon({
    url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    pipelining: 1,
    timeout: options.timeoutSeconds ?? 10,
    headers: options.headers ?? {},
    ...(options.uniqueAddress ? { requests: [{ setupRequest: (req: { path: string }) => ({ ...req, path: missAddress(new URL(url)) }) }] } : {}),
  });
  return {
    requestsPerSecond: round(result.requests.average) ?? 0,
    latencyMs: { p50: round(result.latency.p50, 2), p99: round(result.latency.p99, 2) },
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

let misses = 0;

/** The page's address with a query parameter no other request has: the app ignores it, a cache cannot answer it. */
export function missAddress(url: URL): string {
  const search = new URLSearchParams(url.search);
  search.set('miss', String(++misses));
  return `${url.pathname}?${search}`;
}
