import { existsSync } from 'node:fs';

/** Debian's Chromium, which browser tests drive through playwright-core. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless Debian Chromium; the flags keep it off the (closed) network and quiet as root. */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}
