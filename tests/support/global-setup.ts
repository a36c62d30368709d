import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../core/db/database.ts';
import { migrateDatabase } from '../../core/db/migrate.ts';
import { CHROMIUM_LAUNCH_OPTIONS, chromiumAvailable } from './chromium.ts';
import { createTemplate, dropDatabase } from './database-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's migrated template database on the server at DATABASE_URL; null on PGlite. */
    databaseTemplate: string | null;
    /** On PGlite, a file holding the run's migrated database (a `dumpDataDir` tarball); null on a server. */
    pgliteSnapshot: string | null;
    /** The run's Chromium, which browser tests connect to (tests/support/browser.ts); null without Chromium. */
    chromiumEndpoint: string | null;
  }
}

/**
 * Migrates the run's database once, before any test file, and removes it after the last: on a
 * server a template database each file copies, on PGlite a snapshot each file loads (initdb and
 * the migrations take seconds on a busy 2-core machine, loading the snapshot a fraction of that).
 * Launches one Chromium for the run's browser tests (a launch per file costs a second or two of CPU).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL;
  const template = serverUrl ? await createTemplate(serverUrl) : null;
  const snapshotDir = serverUrl ? null : mkdtempSync(join(tmpdir(), 'vc-pglite-snapshot-'));
  const browser = chromiumAvailable() ? await chromium.launchServer(CHROMIUM_LAUNCH_OPTIONS) : null;
  project.provide('databaseTemplate', template);
  project.provide('pgliteSnapshot', snapshotDir ? await writePgliteSnapshot(join(snapshotDir, 'migrated.tar')) : null);
  project.provide('chromiumEndpoint', browser ? browser.wsEndpoint() : null);
  return async () => {
    await browser?.close();
    if (serverUrl && template) await dropDatabase(serverUrl, template);
    if (snapshotDir) rmSync(snapshotDir, { recursive: true, force: true });
  };
}

/** A fresh in-memory PGlite, migrated, checkpointed (so loading it replays no WAL) and dumped to `file`. */
async function writePgliteSnapshot(file: string): Promise<string> {
  const db = await openDatabase({});
  try {
    await migrateDatabase(db);
    if (!('pglite' in db.driver)) throw new Error('expected PGlite');
    await db.driver.pglite.exec('checkpoint');
    const tarball = await db.driver.pglite.dumpDataDir('none');
    writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
  } finally {
    await db.close();
  }
  return file;
}
