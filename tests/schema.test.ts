import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../core/db/database.ts';
import { migrateDatabase, migrationsFolder } from '../core/db/migrate.ts';
import { createTestDatabase } from './support/database.ts';

/** The few global tables; every other table belongs to a tenant. */
const GLOBAL_TABLES = new Set(['tenants', 'tenant_hosts', 'tenant_syncs', 'platform_accounts', 'platform_sessions', 'foundation_cities']);

let db: Database;
let url: string | undefined;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, url, drop } = await createTestDatabase());
});
afterAll(() => drop());

async function query<R>(text: string): Promise<R[]> {
  return rowsOf<R>(await db.platform((tx) => tx.execute(sql.raw(text))));
}

/** The database's own message (drizzle wraps it as the cause). */
async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'no error';
  } catch (e) {
    return String((e as { cause?: Error }).cause?.message ?? e);
  }
}

describe('schema follows the tenancy rules', () => {
  it('has tenant_id leading the primary key, forced RLS and a tenant policy on every tenant table', async () => {
    const tables = await query<{ name: string; rls: boolean; forced: boolean; pk: string[] | null; policies: string[] | null }>(`
      select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
        (select array_agg(a.attname order by k.ord) from pg_constraint p
           cross join lateral unnest(p.conkey) with ordinality as k(attnum, ord)
           join pg_attribute a on a.attrelid = p.conrelid and a.attnum = k.attnum
          where p.conrelid = c.oid and p.contype = 'p') as pk,
        (select array_agg(pg_get_expr(pol.polqual, pol.polrelid)) from pg_policy pol where pol.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'`);
    const tenantTables = tables.filter((t) => !GLOBAL_TABLES.has(t.name));
    expect(tenantTables.length).toBeGreaterThanOrEqual(8);
    const broken = tenantTables
      .filter(
        (t) =>
          !t.rls ||
          !t.forced ||
          t.pk?.[0] !== 'tenant_id' ||
          !(t.policies ?? []).some((p) => p.includes("current_setting('app.tenant_id'")),
      )
      .map((t) => t.name);
    expect(broken).toEqual([]);
  });

  it('includes tenant_id in every foreign key between tenant tables', async () => {
    // Through pg_class: on a Citus coordinator that hides the shards kept there (of the reference tables).
    const fks = await query<{ from_table: string; to_table: string; columns: string[] }>(`
      select c.conrelid::regclass::text as from_table, c.confrelid::regclass::text as to_table,
        (select array_agg(a.attname) from unnest(c.conkey) k(attnum)
           join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as columns
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace join pg_class r on r.oid = c.conrelid
      where c.contype = 'f' and n.nspname = 'public'`);
    const broken = fks
      .filter((fk) => !GLOBAL_TABLES.has(fk.to_table.replaceAll('"', '')) && !fk.columns.includes('tenant_id'))
      .map((fk) => `${fk.from_table} → ${fk.to_table}`);
    expect(fks.length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });

  it('runs the app as a role that is no superuser, cannot bypass RLS and owns no table', async () => {
    const [role] = await query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      `select rolsuper, rolbypassrls from pg_roles where rolname = 'vc_app'`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await query(`select tablename from pg_tables where schemaname = 'public' and tableowner = 'vc_app'`);
    expect(owned).toEqual([]);
  });

  it('keeps the audit log append-only even for its owner', async () => {
    const tenantId = '00000000-0000-7000-8000-000000000001';
    await db.platform((tx) =>
      tx.execute(sql`insert into tenants (id, slug, names, branding) values (${tenantId}, 'gamma', '{}', '{}')`),
    );
    await db.platform((tx) =>
      tx.execute(sql`insert into audit_log (tenant_id, id, actor, action) values (${tenantId}, gen_random_uuid(), 'test', 'test.entry')`),
    );
    expect(await failure(db.platform((tx) => tx.execute(sql`update audit_log set action = 'rewritten'`)))).toMatch(/append-only/);
    expect(await failure(db.platform((tx) => tx.execute(sql`delete from audit_log`)))).toMatch(/append-only/);
    const [left] = await query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'test.entry'`);
    expect(left!.n).toBe(1);
  });
});

describe('migrations', () => {
  it('applies again as a no-op, and two concurrent runs do not collide', async () => {
    const journal = JSON.parse(readFileSync(`${migrationsFolder}meta/_journal.json`, 'utf8')) as { entries: unknown[] };
    await Promise.all([migrateDatabase(db, url), migrateDatabase(db, url)]);
    const [applied] = await query<{ n: number }>(`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(applied!.n).toBe(journal.entries.length);
  });
});
