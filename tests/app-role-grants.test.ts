import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, rowsOf } from '../core/db/database.ts';
import { forceAndGrant } from '../core/db/force-rls.ts';
import { migrationsFolder } from '../core/db/migrate.ts';
import { seedPlatformAccounts } from '../core/platform/seed.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

/**
 * Tenant work runs as the app role; the global tables (platform operators and
 * their password hashes among them) are the owner's, reached only through `db.platform`,
 * but for the columns that say which foundation sponsors which plugin in which city.
 */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
  const { PLATFORM_ADMIN_EMAIL, PLATFORM_ADMIN_PASSWORD } = p.config;
  await seedPlatformAccounts(p.db, {
    operatorEmail: PLATFORM_ADMIN_EMAIL,
    operatorPassword: PLATFORM_ADMIN_PASSWORD,
    demo: true,
    cityIds: [p.cities.alpha!.id],
  });
});
afterAll(() => p.close());

/** The database's own message (drizzle wraps it as the cause), or 'no error'. */
async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'no error';
  } catch (e) {
    return String((e as { cause?: Error }).cause?.message ?? e);
  }
}

describe(`the app role (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it("cannot read platform operators' password hashes or e-mails, nor read any other global column or write any global table, inside a tenant transaction", async () => {
    const alpha = p.cities.alpha!.id;
    const hashes = await p.db.platform(async (tx) => rowsOf<{ h: string }>(await tx.execute(sql`select password_hash as h from platform_accounts`)));
    expect(hashes.length).toBeGreaterThan(0);
    const statements = [
      sql`select password_hash from platform_accounts`,
      sql`select secret_hash from platform_sessions`,
      sql`select email from platform_accounts`,
      sql`select failed_sign_ins from platform_accounts`,
      sql`select * from platform_accounts`,
      sql`select granted_by from foundation_cities`,
      sql`select slug from tenants`,
      sql`select host from tenant_hosts`,
      sql`update platform_accounts set password_hash = 'x'`,
      sql`update tenants set status = 'suspended'`,
      sql`insert into tenant_hosts (host, tenant_id) values ('taken.example', ${alpha})`,
      sql`delete from platform_sessions`,
      sql`update platform_accounts set name = 'x'`,
      sql`insert into foundation_cities (foundation_id, tenant_id, granted_by) select id, ${alpha}, 'x' from platform_accounts`,
      sql`delete from foundation_cities`,
    ];
    for (const statement of statements) {
      expect(await failure(p.db.tenant(alpha, (tx) => tx.execute(statement)))).toMatch(/permission denied/);
    }
    const after = await p.db.platform(async (tx) => rowsOf<{ h: string }>(await tx.execute(sql`select password_hash as h from platform_accounts`)));
    expect(after).toEqual(hashes);
    // Its own city's tables it works with as before.
    const users = await p.db.tenant(alpha, async (tx) => rowsOf(await tx.execute(sql`select email from users where tenant_id = ${alpha}`)));
    expect(users.length).toBeGreaterThan(0);
  });

  it("reads only who sponsors which plugin in which city: foundations' id, kind, name and plugins, and the cities they sponsor", async () => {
    const alpha = p.cities.alpha!.id;
    const sponsors = await p.db.tenant(alpha, async (tx) =>
      rowsOf<{ name: string; kind: string; plugins: string[] }>(
        await tx.execute(sql`select a.name, a.kind, a.sponsored_plugins as plugins from foundation_cities f join platform_accounts a on a.id = f.foundation_id where f.tenant_id = ${alpha}`),
      ),
    );
    expect(sponsors.map((s) => s.kind)).toEqual(['foundation']);
    const columns = await p.db.platform(async (tx) =>
      rowsOf<{ table: string; column: string }>(
        await tx.execute(sql`
          select c.relname as table, a.attname as column
          from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relname in ('platform_accounts', 'foundation_cities') and a.attnum > 0 and not a.attisdropped
            and has_column_privilege(${APP_ROLE}, c.oid, a.attnum, 'SELECT')
          order by 1, 2`),
      ),
    );
    expect(columns.map((c) => `${c.table}.${c.column}`)).toEqual([
      'foundation_cities.foundation_id',
      'foundation_cities.tenant_id',
      'platform_accounts.id',
      'platform_accounts.kind',
      'platform_accounts.name',
      'platform_accounts.sponsored_plugins',
    ]);
    const written = await p.db.platform(async (tx) =>
      rowsOf<{ n: number }>(
        await tx.execute(sql`
          select count(*)::int as n from pg_attribute a join pg_class c on c.oid = a.attrelid
          where c.relname in ('platform_accounts', 'foundation_cities', 'platform_sessions', 'tenants', 'tenant_hosts', 'tenant_syncs') and a.attnum > 0
            and has_column_privilege(${APP_ROLE}, c.oid, a.attnum, 'INSERT, UPDATE, REFERENCES')`),
      ),
    );
    expect(written[0]!.n).toBe(0);
  });

  it('holds privileges on exactly the tables with forced row-level security', async () => {
    const tables = await p.db.platform(async (tx) =>
      rowsOf<{ name: string; forced: boolean; select: boolean; any: boolean }>(
        await tx.execute(sql`
          select c.relname as name, c.relforcerowsecurity as forced,
            has_table_privilege(${APP_ROLE}, c.oid, 'SELECT') as select,
            has_table_privilege(${APP_ROLE}, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') as any
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r'`),
      ),
    );
    const global = tables.filter((t) => !t.forced);
    expect(global.map((t) => t.name).sort()).toEqual(['foundation_cities', 'platform_accounts', 'platform_sessions', 'tenant_hosts', 'tenant_syncs', 'tenants']);
    expect(global.filter((t) => t.any).map((t) => t.name)).toEqual([]);
    expect(tables.filter((t) => t.forced && !t.select).map((t) => t.name)).toEqual([]);
  });

  it('gets nothing on a table created later unless its migration grants it', async () => {
    const granted = await failure(
      p.db.platform(async (tx) => {
        await tx.execute(sql`create table later_global_table (id int primary key)`);
        const [row] = rowsOf<{ granted: boolean }>(
          await tx.execute(sql`select has_table_privilege(${APP_ROLE}, 'later_global_table', 'SELECT, INSERT, UPDATE, DELETE') as granted`),
        );
        throw new Error(`granted: ${row!.granted}`); // and roll the table back
      }),
    );
    expect(granted).toBe('Error: granted: false');
  });
});

describe('npm run db:generate', () => {
  it('forces row-level security on a new tenant table and grants it to the app role, and leaves a global table ungranted', () => {
    const tenantTable = ['CREATE TABLE "x_items" ("tenant_id" uuid NOT NULL);', '--> statement-breakpoint', 'ALTER TABLE "x_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint'].join('\n');
    const out = forceAndGrant(tenantTable);
    expect(out).toContain('ALTER TABLE "x_items" FORCE ROW LEVEL SECURITY;');
    expect(out).toContain(`GRANT SELECT, INSERT, UPDATE, DELETE ON "x_items" TO ${APP_ROLE};`);
    const globalTable = 'CREATE TABLE "x_catalogue" ("id" uuid PRIMARY KEY NOT NULL);';
    expect(forceAndGrant(globalTable)).toBe(globalTable);
  });

  it('would change none of the migrations already written', () => {
    const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql'));
    expect(files.length).toBeGreaterThan(12);
    for (const file of files) {
      const text = readFileSync(`${migrationsFolder}${file}`, 'utf8');
      expect(forceAndGrant(text), file).toBe(text);
    }
  });
});
