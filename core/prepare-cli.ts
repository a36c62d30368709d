/**
 * Run by `npm install` / `npm ci` (package.json's postinstall, after patch-package): builds what the
 * first `npm start` would otherwise build before it can serve, so that a fresh checkout's first start
 * costs what any first start costs (bench/README.md, "Start-up at install time"):
 * - the bundle `dist/main.js` (core/bundle.mjs; about 1 s, kept while its inputs are unchanged);
 * - the migrated empty PGlite data folder in `dist/pglite-snapshots/` that a new data folder is copied
 *   from (core/db/pglite-snapshot.ts; PGlite's initdb and every migration, about 6 s).
 *
 * Neither is required: a start that finds them missing makes them as before. So a failure here is
 * printed and the install goes on. With DATABASE_URL set (a deployment on PostgreSQL) the embedded
 * database's snapshot is of no use and is not made.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const began = performance.now();
const seconds = () => `${((performance.now() - began) / 1000).toFixed(1)} s`;

try {
  execFileSync(process.execPath, ['core/bundle.mjs'], { cwd: root, stdio: 'inherit' });
  console.log(`volunteer-commons: bundled dist/main.js (${seconds()})`);
  if (process.env.DATABASE_URL) {
    console.log('volunteer-commons: DATABASE_URL is set, so no embedded-database snapshot is made');
  } else {
    const { ensureSnapshot } = await import('./db/pglite-snapshot.ts');
    const { made, folder } = await ensureSnapshot();
    console.log(`volunteer-commons: ${made ? 'made' : 'kept'} the migrated embedded database ${folder.slice(root.length)} (${seconds()})`);
  }
} catch (err) {
  console.warn(`volunteer-commons: could not prepare the first start (${(err as Error).message}); npm start will do it`);
}
