import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import ts from 'typescript';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../core/db/database.ts';
import type { TenantUnit } from '../core/db/tenant-unit.ts';
import { platformAccounts } from '../core/db/schema/platform.ts';
import { users } from '../core/db/schema/identity.ts';
import { definePlugin, type CityWork, type PluginContext, type PluginEnv } from '../core/plugin-api.ts';
import { seedPlatformAccounts } from '../core/platform/seed.ts';
import { testCities } from './support/cities.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

const ROOT = resolve(import.meta.dirname, '..');
const PLUGIN_API = 'core/plugin-api';
/** Packages that open a database of their own, around the tenant transactions a plugin is given. */
const DATABASE_DRIVERS = [/^postgres$/, /^@electric-sql\/pglite(\/|$)/, /^drizzle-orm\/(pglite|postgres-js|node-postgres)(\/|$)/];

type Source = { path: string; text: string };

/** Every specifier a file imports, re-exports, `import()`s or `require()`s, as TypeScript's own scanner reads them. */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

const withoutExtension = (path: string) => path.replace(/\.(tsx?|jsx?|mjs|cjs)$/, '');

/**
 * The rule of the plugin boundary, for files given by their path from the repository root: a file
 * under `plugins/<id>/` imports its own folder, packages (no database driver) and, of the core, only
 * `core/plugin-api.ts`; `plugins/index.ts` lists the plugins by their `index.ts`.
 */
function boundaryViolations(sources: Source[]): string[] {
  const violations: string[] = [];
  for (const { path, text } of sources) {
    const plugin = /^plugins\/([^/]+)\//.exec(path)?.[1];
    for (const specifier of importsOf(text)) {
      const relativeImport = specifier.startsWith('.');
      if (!relativeImport && !specifier.startsWith('/') && !specifier.startsWith('file:')) {
        if (DATABASE_DRIVERS.some((d) => d.test(specifier))) violations.push(`${path} imports the database driver ${specifier}`);
        continue;
      }
      const target = relativeImport ? withoutExtension(relative(ROOT, resolve(ROOT, dirname(path), specifier))) : specifier;
      if (target === PLUGIN_API) continue;
      if (plugin ? target.startsWith(`plugins/${plugin}/`) : /^plugins\/[^/]+\/index$/.test(target)) continue;
      violations.push(`${path} imports ${specifier}`);
    }
  }
  return violations;
}

/**
 * The rule for a plugin's tests, for files under `tests/plugins/<id>/`: of the core, only
 * `core/plugin-api.ts`, as the plugin itself; of the test support, only the plugin kit
 * (`tests/support/plugin-kit/`); of the plugins, their own (and the list `plugins/index.ts`);
 * city manifests (`tenants/`) and packages (no database driver) as they like. The README's
 * example plugin lives in the test support, so its tests (`tests/plugins/example/`) take it from there.
 */
function pluginTestViolations(sources: Source[]): string[] {
  const violations: string[] = [];
  for (const { path, text } of sources) {
    const plugin = /^tests\/plugins\/([^/]+)\//.exec(path)?.[1];
    for (const specifier of importsOf(text)) {
      if (!specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('file:')) {
        if (DATABASE_DRIVERS.some((d) => d.test(specifier))) violations.push(`${path} imports the database driver ${specifier}`);
        continue;
      }
      const target = specifier.startsWith('.') ? withoutExtension(relative(ROOT, resolve(ROOT, dirname(path), specifier))) : specifier;
      const allowed =
        target === PLUGIN_API ||
        target === 'plugins/index' ||
        target.startsWith('tests/support/plugin-kit/') ||
        target.startsWith('tenants/') ||
        (plugin !== undefined && (target.startsWith(`plugins/${plugin}/`) || target.startsWith(`tests/plugins/${plugin}/`))) ||
        (plugin === 'example' && target === 'tests/support/example-plugin');
      if (!allowed) violations.push(`${path} imports ${specifier}`);
    }
  }
  return violations;
}

function sourcesUnder(root: string): Source[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir)).flatMap((name) => {
      const path = `${dir}/${name}`;
      return statSync(join(ROOT, path)).isDirectory() ? walk(path) : /\.(tsx?|jsx?|mjs|cjs)$/.test(name) ? [path] : [];
    });
  return walk(root).map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
}

describe('the plugin boundary', () => {
  it('holds in every file under plugins/: the core only through core/plugin-api.ts, never another plugin', () => {
    const sources = sourcesUnder('plugins');
    expect(sources.length).toBeGreaterThan(40);
    expect(boundaryViolations(sources)).toEqual([]);
  });

  it('is broken by an import of core internals or views, another plugin, or a database driver, however written', () => {
    const file = (text: string): Source => ({ path: 'plugins/time-bank/routes.tsx', text });
    const broken = [
      `import { tenants } from '../../core/db/schema/tenancy.ts';`,
      `import type { Database } from '../../core/db/database.ts';`,
      `import { Table } from '../../views/components/table.tsx';`,
      `import { donate } from '../charity-fund/donations.ts';`,
      `export { fundsOf } from '../charity-fund/funds';`,
      `const m = await import('../../core/platform/accounts.ts');`,
      `const m = require('../../core/db/database.ts');`,
      `import postgres from 'postgres';`,
      `import { PGlite } from '@electric-sql/pglite';`,
      `import { drizzle } from 'drizzle-orm/postgres-js';`,
      `import x from '/work/main/core/db/database.ts';`,
    ];
    for (const text of broken) expect(boundaryViolations([file(text)]), text).toHaveLength(1);
    const allowed = [
      `import { definePlugin, type Tx } from '../../core/plugin-api.ts';`,
      `import { credits } from './credits.ts';`,
      `import { messages } from '../time-bank/messages.ts';`,
      `import { and, eq } from 'drizzle-orm';`,
      `import { pgTable } from 'drizzle-orm/pg-core';`,
    ];
    for (const text of allowed) expect(boundaryViolations([file(text)]), text).toEqual([]);
    const view = { path: 'plugins/time-bank/views/home.tsx', text: `import { Field } from '../../../core/plugin-api.ts';` };
    expect(boundaryViolations([view])).toEqual([]);
    expect(boundaryViolations([{ path: 'plugins/index.ts', text: `import { timeBankPlugin } from './time-bank/index.ts';` }])).toEqual([]);
    expect(boundaryViolations([{ path: 'plugins/index.ts', text: `import { credits } from './time-bank/credits.ts';` }])).toHaveLength(1);
  });
});

describe("the plugins' tests", () => {
  it('reach the core only through core/plugin-api.ts and the plugin kit, and no other plugin', () => {
    const sources = sourcesUnder('tests/plugins');
    expect(sources.length).toBeGreaterThan(15);
    expect(pluginTestViolations(sources)).toEqual([]);
  });

  it('are held to that however the import is written', () => {
    const file = (text: string): Source => ({ path: 'tests/plugins/time-bank/earning.test.ts', text });
    const broken = [
      `import { verifyLedger } from '../../../core/ledger/verify.ts';`,
      `import type { Tenant } from '../../../core/tenancy/tenant.ts';`,
      `const { listEnablements } = await import('../../../core/plugins/enablement.ts');`,
      `import { startTestPlatform } from '../../support/platform.ts';`,
      `import { citizen } from '../../volunteering/fixtures.ts';`,
      `import { fund } from '../charity-fund/fixtures.ts';`,
      `import { createFund } from '../../../plugins/charity-fund/funds.ts';`,
      `import postgres from 'postgres';`,
    ];
    for (const text of broken) expect(pluginTestViolations([file(text)]), text).toHaveLength(1);
    const allowed = [
      `import { formatFen } from '../../../core/plugin-api.ts';`,
      `import { startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';`,
      `import { position } from './helpers.ts';`,
      `import { earnForRecords } from '../../../plugins/time-bank/earning.ts';`,
      `import { plugins } from '../../../plugins/index.ts';`,
      `import xiamen from '../../../tenants/xiamen.ts';`,
      `import { and, eq } from 'drizzle-orm';`,
    ];
    for (const text of allowed) expect(pluginTestViolations([file(text)]), text).toEqual([]);
  });
});

// A plugin's context names neither the database nor the registry: these lines stop compiling if one comes back.
type Reachable = keyof PluginEnv['Variables'] | keyof PluginContext | keyof CityWork;
const noDatabase: Extract<Reachable, 'db' | 'database' | 'platform'> extends never ? true : false = true;
const noRegistry: Extract<Reachable, 'plugins' | 'registry' | 'enabledPlugins'> extends never ? true : false = true;

describe("a plugin's context", () => {
  it('names neither the database nor the plugin registry', () => {
    expect([noDatabase, noRegistry]).toEqual([true, true]);
  });
});

/**
 * A plugin that tries to step outside its city: the platform's global tables
 * (operators' password hashes) and another city's tenant transaction. Its
 * context has no database; this one reads the host's variable past the types.
 */
/** Whatever the request carries for the database, typed for plugins or not: the unit of work, or a `db` should one come back. */
const hostHandles = (c: { get: (key: never) => unknown }) => [c.get('unit' as never), c.get('db' as never)] as (Partial<Database> | undefined)[];

const reachPlugin = definePlugin({
  id: 'reach-test',
  version: '1.0.0',
  name: { 'zh-CN': '越界', en: 'Reach' },
  settings: z.object({}),
  routes: (app) => {
    app.get('/platform', async (c) => {
      const opener = hostHandles(c).find((h) => typeof h?.platform === 'function');
      if (!opener) return c.text('no platform');
      const rows = await opener.platform!((tx) => tx.select({ hash: platformAccounts.passwordHash }).from(platformAccounts));
      return c.text(rows.map((r) => r.hash).join('\n'));
    });
    app.get('/city/:id', async (c) => {
      const id = c.req.param('id');
      const unit = hostHandles(c)[0]!;
      try {
        // The unit of work is bound to the request's city: it takes no city to open a transaction in.
        const rows = typeof unit.tenant === 'function'
          ? await unit.tenant(id, (tx) => tx.select({ email: users.email }).from(users))
          : await (unit as unknown as TenantUnit).run((tx) =>
              // Named by the unit's own city: on Citus a statement must name its city to be routed.
              tx.select({ email: users.email }).from(users).where(eq(users.tenantId, (unit as unknown as TenantUnit).tenantId)),
            );
        return c.text(rows.map((r) => r.email).join('\n'));
      } catch {
        return c.text('refused');
      }
    });
  },
});

describe("a plugin's handlers", () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({
      plugins: [reachPlugin],
      cities: testCities.map((city) => ({ ...city, plugins: { 'reach-test': { settings: {} } } })),
    });
    const { PLATFORM_ADMIN_EMAIL, PLATFORM_ADMIN_PASSWORD } = p.config;
    await seedPlatformAccounts(p.db, { operatorEmail: PLATFORM_ADMIN_EMAIL, operatorPassword: PLATFORM_ADMIN_PASSWORD, demo: false });
  });
  afterAll(() => p.close());

  it('cannot reach db.platform, so no password hash of a platform operator comes out', async () => {
    const res = await p.app.request('http://alpha.localhost/p/reach-test/platform');
    const body = await res.text();
    expect(body).not.toContain('$argon2');
    expect(body).toBe('no platform');
  });

  it("work in their own city's unit of work, and cannot name another city", async () => {
    const own = await p.app.request(`http://alpha.localhost/p/reach-test/city/${p.cities.alpha!.id}`);
    expect(await own.text()).toContain('admin@alpha.test');
    const other = await p.app.request(`http://alpha.localhost/p/reach-test/city/${p.cities.beta!.id}`);
    const body = await other.text();
    expect(body).toContain('admin@alpha.test');
    expect(body).not.toContain('beta.test');
  });
});
