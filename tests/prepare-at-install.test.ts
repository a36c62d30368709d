import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotFolder } from '../core/db/pglite-snapshot.ts';

/** `npm ci` prepares the first start (package.json's postinstall runs core/prepare-cli.ts after patch-package). */
const prepare = (env: NodeJS.ProcessEnv = {}) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'core/prepare-cli.ts'], { env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8' });

describe('the install step', () => {
  it('is what npm runs after installing', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.postinstall).toBe('patch-package && tsx core/prepare-cli.ts');
  });

  it('leaves the bundle and the migrated embedded database a first start copies, and keeps them when run again', () => {
    expect(prepare()).toMatch(/bundled dist\/main\.js.*\n.*(made|kept) the migrated embedded database dist\/pglite-snapshots\//);
    expect(existsSync('dist/main.js')).toBe(true);
    expect(existsSync(path.join(snapshotFolder(), 'PG_VERSION'))).toBe(true);
    expect(prepare()).toMatch(/kept the migrated embedded database/);
  }, 120_000);

  it('makes no embedded database for a deployment on PostgreSQL', () => {
    expect(prepare({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })).toMatch(/DATABASE_URL is set, so no embedded-database snapshot is made/);
  }, 60_000);
});
