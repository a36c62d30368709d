/**
 * Browser tests: the real app served over HTTP on a free loopback port, driven by
 * Debian's Chromium through playwright-core. Chromium resolves `*.localhost` to
 * loopback, so each city is reachable at `http://<slug>.localhost:<port>/`.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, inject, it } from 'vitest';
import { CHROMIUM_LAUNCH_OPTIONS, CHROMIUM_PATH, chromiumAvailable } from './chromium.ts';
import { startTestPlatform, type TestPlatform } from './platform.ts';

export { CHROMIUM_PATH, chromiumAvailable };

/** Generous: a cold Chromium and argon2 hashing on a 2-core machine are slow. */
export const BROWSER_TEST_TIMEOUT = 120_000;

export type BrowserPlatform = {
  platform: TestPlatform;
  /** `http://<slug>.localhost:<port>` (no trailing slash). */
  baseUrl: (slug: string) => string;
  /** The bare platform host, where the console lives. */
  consoleUrl: string;
  port: number;
  close: () => Promise<void>;
};

/** `startTestPlatform` (fresh database, test cities) served on 127.0.0.1 at a free port. */
export async function startBrowserPlatform(options: Parameters<typeof startTestPlatform>[0] = {}): Promise<BrowserPlatform> {
  const platform = await startTestPlatform(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: platform.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    platform,
    port,
    baseUrl: (slug) => `http://${slug}.localhost:${port}`,
    consoleUrl: `http://localhost:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        // Keep-alive connections from Chromium would hold close() open.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      });
      await platform.close();
    },
  };
}

/**
 * The run's Chromium (tests/support/global-setup.ts launches one for all test files), or one of
 * the file's own when run outside that set-up. Each test opens its own contexts, which share
 * nothing with another file's; `close()` closes this file's contexts and leaves the browser to the run.
 */
export function launchChromium(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint');
  return endpoint ? chromium.connect(endpoint) : chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
}

/**
 * A browser test suite: runs when Chromium is installed; otherwise skipped with a
 * console line, or failed when `E2E=required` (as in CI).
 */
export function describeBrowser(name: string, fn: () => void): void {
  if (chromiumAvailable()) {
    describe(name, { timeout: BROWSER_TEST_TIMEOUT }, fn);
    return;
  }
  if (process.env.E2E === 'required') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`E2E=required but there is no Chromium at ${CHROMIUM_PATH} (Debian package chromium)`);
      });
    });
    return;
  }
  console.log(`browser tests skipped: no Chromium at ${CHROMIUM_PATH} (${name})`);
  describe.skip(name, fn);
}

/**
 * Collects what a page reports as broken: console errors (a CSP violation is one)
 * and uncaught exceptions. Check `problems` is empty at the end of a journey.
 * Chromium's own request for /favicon.ico (the sites have none) is not a problem.
 */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (new URL(msg.location().url || 'about:blank').pathname === '/favicon.ico') return;
    problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught error on ${page.url()}: ${err.message}`));
  return problems;
}
