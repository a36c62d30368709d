/**
 * The page load of `bench/messages/reminders.ts`, in a process of its own so the
 * load generator does not take the event loop from the work being measured.
 * `rate` 0: flat out with autocannon for one slice of `seconds`. Otherwise
 * requests due at `rate` a second (steady.ts) in slices of `seconds` until the
 * parent sends 'stop' (or one slice with --once); it then reports requests/s
 * over the whole time and the worst slice's p50 and p99.
 */
import { load, type PageFigures } from '../http/load.ts';
import { steadyLoad } from '../http/steady.ts';
import { round } from '../lib/stats.ts';

const [url, connections, seconds, host, rate] = process.argv.slice(2) as [string, string, string, string, string];
let stopping = Number(rate) === 0 || process.argv.includes('--once');
process.on('message', (m) => {
  if (m === 'stop') stopping = true;
});

const options = { connections: Number(connections), seconds: Number(seconds), headers: { Host: host }, uniqueAddress: true };
const slices: PageFigures[] = [];
const started = performance.now();
do slices.push(Number(rate) === 0 ? await load(url, options) : await steadyLoad(url, { ...options, rate: Number(rate) }));
while (!stopping);
const elapsed = (performance.now() - started) / 1000;
const requests = slices.reduce((s, f) => s + f.requests, 0);
process.send!({
  requestsPerSecond: round(requests / elapsed) ?? 0,
  latencyMs: { p50: Math.max(...slices.map((f) => f.latencyMs.p50 ?? 0)), p99: Math.max(...slices.map((f) => f.latencyMs.p99 ?? 0)) },
  requests,
  errors: slices.reduce((s, f) => s + f.errors, 0),
  non2xx: slices.reduce((s, f) => s + f.non2xx, 0),
  seconds: round(elapsed) ?? 0,
});
process.disconnect();
