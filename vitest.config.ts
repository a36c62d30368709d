import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for what a page shows after a request (an htmx swap): vitest's 1 s was too
    // short on a busy Citus cluster, where a sign-up takes several round trips to the workers.
    // Only how long a poll may wait: one that never sees the text still fails.
    expect: { poll: { timeout: 15_000 } },
    // Each file gets its own database; two at a time suits a 2-core machine.
    maxWorkers: 2,
    // Files share their worker's loaded modules (and PGlite's compiled WebAssembly) instead of each
    // loading the app afresh: the suite takes about half the time (bench/README.md, "The test suite's
    // time"). Each file still gets its own database, app and clock; nothing a file changes is global.
    isolate: false,
    // On a database server, the schema is migrated once into a template each file copies.
    globalSetup: ['tests/support/global-setup.ts'],
  },
});
