import http from 'node:http';
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
 */
export async function steadyLoad(
  url: string,
  options: { rate: number; seconds: number; connections: number; headers?: Record<string, string>; uniqueAddress?: boolean; timeline?: boolean },
): Promise<PageFigures & { timeline?: { dueMs: number; latencyMs: number }[] }> {
  if (!new URL(url).hostname.startsWith('127.')) throw new Error(`load only ever goes to 127.0.0.1, not ${url}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const latencies: number[] = [];
  // With `timeline`: each answered request's due time (ms from the start) and latency, for finding stalls.
  const timeline: { dueMs: number; latencyMs: number }[] = [];
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  let done = 0;
  const started = performance.now();

  await new Promise<void>((resolve) => {
    const send = (due: number) => {
      const target = options.uniqueAddress ? new URL(missAddress(new URL(url)), url) : url;
      const req = http.get(target, { agent, headers: options.headers }, (res) => {
        if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx++;
        res.resume();
        res.on('end', () => finish(due, true));
      });
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => finish(due, false));
    };
    const finish = (due: number, ok: boolean) => {
      if (ok) {
        const latencyMs = performance.now() - due;
        latencies.push(latencyMs);
        if (options.timeline) timeline.push({ dueMs: due - started, latencyMs });
      } else errors++;
      if (++done === total) resolve();
    };
    const tick = setInterval(() => {
      const elapsed = performance.now() - started;
      const dueNow = Math.min(total, Math.floor((elapsed / 1000) * options.rate) + 1);
      for (; sent < dueNow; sent++) send(started + (sent * 1000) / options.rate);
      if (sent === total) clearInterval(tick);
    }, 1);
  });
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: round(latencies.length / seconds) ?? 0,
    latencyMs: { p50: round(quantile(latencies, 0.5), 2), p99: round(quantile(latencies, 0.99), 2) },
    requests: latencies.length,
    errors,
    non2xx,
    ...(options.timeline ? { timeline } : {}),
  };
}
