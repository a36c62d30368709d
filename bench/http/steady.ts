import { Pool } from 'undici';
import { missAddress, type PageFigures } from './load.ts';
import { quantile, round } from '../lib/stats.ts';

/**
 * Requests at a steady rate, spread evenly (to the millisecond), on up to
 * `connections` keep-alive connections, one request at a time each; latency is
 * counted from when a request was due, so waiting for a free connection counts
 * (no coordinated omission). For the p99 at half load: autocannon's rate
 * limit sends each connection's share of a second in a burst at the start of
 * the second, and corrects its histogram as if requests were due every
 * millisecond, which makes a half-loaded server look slower than a full one.
 * The client is undici's pool, not node:http: at 10,000 requests a second (half a page-cache row's rate)
 * node:http's client took 58% of a core of this 2-core machine by itself, so the machine was near full
 * at "half load" and the p99 measured the load generator (bench/README.md, session 12).
 */
export async function steadyLoad(
  url: string,
  options: { rate: number; seconds: number; connections: number; headers?: Record<string, string>; uniqueAddress?: boolean; timeline?: boolean },
): Promise<PageFigures & { timeline?: { dueMs: number; latencyMs: number }[] }> {
  if (!new URL(url).hostname.startsWith('127.')) throw new Error(`load only ever goes to 127.0.0.1, not ${url}`);
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: options.connections, pipelining: 1, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const ask = (): Promise<number> =>
    pool.request({ path: options.uniqueAddress ? missAddress(target) : target.pathname + target.search, method: 'GET', headers: options.headers }).then(async ({ statusCode, body }) => {
      await body.dump({ limit: 1 << 20 });
      return statusCode;
    });
  // A second at the rate before the clock starts, not counted: the connections open and the client's code is
  // compiled, as a running site's clients' are. Without it the first 0.1-0.3 s of a 10,000-a-second run was one
  // episode of slow requests, the load generator's own start (bench/README.md, session 12).
  await atRate(ask, options.rate, WARM_UP_SECONDS, () => {});
  const latencies: number[] = [];
  const dues: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const started = await atRate(ask, options.rate, options.seconds, (due, status, at) => {
    if (status === undefined) return void errors++;
    if (status < 200 || status >= 300) non2xx++;
    latencies.push(at - due);
    dues.push(due);
  });
  // With `timeline`: each answered request's due time (ms from the start) and latency, for finding stalls.
  const timeline = options.timeline ? latencies.map((latencyMs, i) => ({ dueMs: dues[i]! - started, latencyMs })) : undefined;
  await pool.close();
  const seconds = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: round(latencies.length / seconds) ?? 0,
    latencyMs: { p50: round(quantile(latencies, 0.5), 2), p99: round(quantile(latencies, 0.99), 2) },
    requests: latencies.length,
    errors,
    non2xx,
    ...(timeline ? { timeline } : {}),
  };
}

export const WARM_UP_SECONDS = 1;

/**
 * `rate` requests a second for `seconds`, each due at its own moment (to the millisecond); `answered` gets each
 * one's due time, its status (undefined: no answer) and when it ended. Resolves with the start time once all
 * have ended.
 */
async function atRate(ask: () => Promise<number>, rate: number, seconds: number, answered: (due: number, status: number | undefined, at: number) => void): Promise<number> {
  const total = Math.max(1, Math.round(rate * seconds));
  const started = performance.now();
  let sent = 0;
  let done = 0;
  await new Promise<void>((resolve) => {
    const send = (due: number) => {
      const end = (status: number | undefined) => {
        answered(due, status, performance.now());
        if (++done === total) resolve();
      };
      ask().then(end, () => end(undefined));
    };
    const tick = setInterval(() => {
      const dueNow = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
      for (; sent < dueNow; sent++) send(started + (sent * 1000) / rate);
      if (sent === total) clearInterval(tick);
    }, 1);
  });
  return started;
}
