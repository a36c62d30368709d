import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './database.ts';
import { migrateDatabase, migrationsHash } from './migrate.ts';

/**
 * A migrated, empty PGlite data folder kept in `dist/` so that a new data folder is a copy of it
 * rather than PGlite's `initdb` in WebAssembly plus every migration (about 4 CPU seconds of a
 * first start; a copy and an ordinary open take about 0.3 s: bench/README.md, "Start-up").
 *
 * The folder is named by PGlite's version (its files are that version's format) and by the
 * migrations it holds. A copy made from an older set of migrations is still a good start: the
 * migrator applies what it lacks, by drizzle's journal, as for any existing folder.
 *
 * Nothing is ever half-made where it is used: the snapshot and each new data folder are built
 * in a folder of their own beside the destination and renamed into place when whole, so a start
 * killed meanwhile leaves at most a `*.partial-<pid>` folder, which the next start removes.
 *
 * Reusable wherever a migrated PGlite on disk is wanted (`newDataFolder` copies one in well under
 * a second); `snapshotFolder()` alone tells where the current one is.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

export const snapshotsFolder = path.join(root, 'dist', 'pglite-snapshots');

function pgliteVersion(): string {
  const manifest = path.join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** The snapshot folder for this PGlite and these migrations (it may not exist yet). */
export function snapshotFolder(): string {
  return path.join(snapshotsFolder, `pglite-${pgliteVersion()}-${migrationsHash().slice(0, 16)}`);
}

/** Whether `dataDir` holds no database yet (missing, or an empty folder), so it may be made from the snapshot. */
export async function isNewDataFolder(dataDir: string): Promise<boolean> {
  if (dataDir.includes('://')) return false;
  if (!existsSync(dataDir)) return true;
  return (await readdir(dataDir)).length === 0;
}

/**
 * Makes the snapshot for the current migrations if it is missing: from an older snapshot of the
 * same PGlite version when there is one (only the newer migrations run), else from `initdb`.
 * Returns its folder and whether it had to be made.
 */
export async function ensureSnapshot(): Promise<{ folder: string; made: boolean }> {
  const folder = snapshotFolder();
  if (existsSync(path.join(folder, 'PG_VERSION'))) return { folder, made: false };
  await mkdir(snapshotsFolder, { recursive: true });
  await removePartials(snapshotsFolder);
  const partial = `${folder}.partial-${process.pid}`;
  const sameVersion = `pglite-${pgliteVersion()}-`;
  const older = (await readdir(snapshotsFolder)).filter((name) => name.startsWith(sameVersion) && !name.includes('.partial-'));
  if (older.length) await cp(path.join(snapshotsFolder, older.sort().at(-1)!), partial, { recursive: true });
  const db = await openDatabase({ dataDir: partial });
  try {
    await migrateDatabase(db);
  } finally {
    await db.close();
  }
  await renameWhole(partial, folder);
  // Older snapshots of this version are superseded; other versions' are left to whoever still runs them.
  for (const name of older) if (path.join(snapshotsFolder, name) !== folder) await rm(path.join(snapshotsFolder, name), { recursive: true, force: true });
  return { folder, made: true };
}

/** Fills the new (missing or empty) data folder `dataDir` with a copy of the snapshot, whole or not at all. */
export async function newDataFolder(dataDir: string, snapshot: string): Promise<void> {
  const target = path.resolve(dataDir);
  await mkdir(path.dirname(target), { recursive: true });
  await removePartials(path.dirname(target), path.basename(target));
  const partial = `${target}.partial-${process.pid}`;
  await cp(snapshot, partial, { recursive: true });
  await renameWhole(partial, target);
}

/** Renames `from` onto `to` (a missing or empty folder); if another process got there first, keeps theirs. */
async function renameWhole(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    await rm(from, { recursive: true, force: true });
  }
}

/** Removes what killed starts left: `<name>.partial-<pid>` folders whose process is gone. */
async function removePartials(folder: string, name?: string): Promise<void> {
  for (const entry of await readdir(folder)) {
    const match = /^(.*)\.partial-(\d+)$/.exec(entry);
    if (!match || (name !== undefined && match[1] !== name)) continue;
    if (processAlive(Number(match[2]))) continue;
    await rm(path.join(folder, entry), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
