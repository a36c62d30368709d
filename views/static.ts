import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** A file inside a package whose `exports` do not list it. */
function packageFile(pkg: string, file: string): string {
  let dir = dirname(require.resolve(pkg));
  while (!(existsSync(join(dir, 'package.json')) && dir.endsWith(pkg))) dir = dirname(dir);
  return join(dir, file);
}

const htmxVersion = (JSON.parse(readFileSync(packageFile('htmx.org', 'package.json'), 'utf8')) as { version: string }).version;

type Asset = { body: string; type: string };
const assets = new Map<string, Asset>();

/** Registers an asset at a versioned path: a new release is a new URL, so it can be cached for a year. */
function asset(name: string, version: string | null, body: string, type: string): string {
  const tag = version ?? createHash('sha256').update(body).digest('hex').slice(0, 10);
  const path = `/static/${tag}/${name}`;
  assets.set(path, { body, type });
  return path;
}

const js = 'text/javascript';
export const HTMX_PATH = asset('htmx.min.js', `htmx-${htmxVersion}`, readFileSync(packageFile('htmx.org', 'dist/htmx.min.js'), 'utf8'), js);
export const WEBAUTHN_BROWSER_PATH = asset(
  'simplewebauthn-browser.js',
  null,
  readFileSync(packageFile('@simplewebauthn/browser', 'dist/bundle/index.umd.min.js'), 'utf8'),
  js,
);
export const THEME_PATH = asset('theme.css', null, readFileSync(new URL('./theme.css', import.meta.url), 'utf8'), 'text/css');
export const POLL_WHILE_VISIBLE_PATH = asset('poll-while-visible.js', null, readFileSync(new URL('./poll-while-visible.js', import.meta.url), 'utf8'), js);
export const PASSKEY_SCRIPT_PATH = asset('passkeys.js', null, readFileSync(new URL('./passkeys.js', import.meta.url), 'utf8'), js);

/**
 * Scripts that import each other by relative path: one version tag for all of
 * them (a change to any gives all new URLs), so `./ledger-chain.js` resolves.
 */
function moduleGroup(files: readonly string[]): Record<string, string> {
  const bodies = files.map((f) => readFileSync(new URL(`./${f}`, import.meta.url), 'utf8'));
  const tag = createHash('sha256').update(bodies.join('\0')).digest('hex').slice(0, 10);
  return Object.fromEntries(files.map((f, i) => [f, asset(f, tag, bodies[i]!, js)]));
}

const ledgerScripts = moduleGroup(['ledger-chain.js', 'ledger-check-page.js']);
/** The public ledger page's check, a module that imports views/ledger-chain.js beside it. */
export const LEDGER_CHECK_SCRIPT_PATH = ledgerScripts['ledger-check-page.js']!;

export function staticAsset(path: string): Asset | undefined {
  return assets.get(path);
}
