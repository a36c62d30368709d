// Preloaded into a server's processes by bench/http/stalls.ts (NODE_OPTIONS=--import, where --trace-gc is refused):
// every garbage collection as one stderr line, `gc-pause <pid> <kind> <ms> <when it started, ms since the epoch>`.
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';

const kinds = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak-callbacks',
};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    process.stderr.write(`gc-pause ${process.pid} ${kinds[entry.detail?.kind] ?? 'other'} ${entry.duration.toFixed(2)} ${(performance.timeOrigin + entry.startTime).toFixed(0)}\n`);
  }
}).observe({ entryTypes: ['gc'] });
