import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { statementsForCitus } from '../../core/db/citus/distribute.ts';
import { migrateDatabase } from '../../core/db/migrate.ts';
import { describeCitus } from '../support/citus.ts';
import { createTestDatabase } from '../support/database.ts';

/** `npm run db:migrate` on a Citus coordinator distributes the schema, and only once. */
let test: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: postgres.Sql;
beforeAll(async () => {
  test = await createTestDatabase();
  sql = postgres(test.url!, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await sql?.end();
  await test?.drop();
});

const layout = () =>
  sql<{ table: string; kind: string; column: string | null; colocation: number; rls: boolean; forced: boolean }[]>`
    select c.relname as table, t.citus_table_type as kind, t.distribution_column as column, t.colocation_id as colocation,
           c.relrowsecurity as rls, c.relforcerowsecurity as forced
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    left join citus_tables t on t.table_name = c.oid::regclass
    where n.nspname = 'public' and c.relkind = 'r' order by c.relname`;
const foreignKeys = () => sql<{ name: string; def: string }[]>`
  select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
  where contype = 'f' and conrelid in (select logicalrelid from pg_dist_partition) order by conname`;

await describeCitus('the schema on a Citus coordinator', () => {
  it('makes global tables reference tables and distributes every tenant table by tenant_id, co-located', async () => {
    const tables = await layout();
    const global = tables.filter((t) => !t.rls).map((t) => [t.table, t.kind]);
    expect(global).toEqual([
      ['foundation_cities', 'reference'],
      ['platform_accounts', 'reference'],
      ['platform_sessions', 'reference'],
      ['tenant_hosts', 'reference'],
      ['tenant_syncs', 'reference'],
      ['tenants', 'reference'],
    ]);
    const tenant = tables.filter((t) => t.rls);
    expect(tenant.length).toBeGreaterThanOrEqual(45);
    for (const t of tenant) expect([t.table, t.kind, t.column, t.forced]).toEqual([t.table, 'distributed', 'tenant_id', true]);
    expect(new Set(tenant.map((t) => t.colocation)).size).toBe(1);
  });

  it('keeps every foreign key, and each one between tenant tables includes tenant_id', async () => {
    const keys = await foreignKeys();
    const betweenTenantTables = keys.filter((k) => !/REFERENCES (tenants|platform_accounts|foundation_cities|tenant_hosts)\(/.test(k.def));
    expect(betweenTenantTables.length).toBeGreaterThanOrEqual(51);
    for (const k of betweenTenantTables) expect(k.def).toMatch(/^FOREIGN KEY \(tenant_id, .*REFERENCES \w+\(tenant_id, /);
  });

  it('changes nothing when migrating twice', async () => {
    const before = [await layout(), await foreignKeys()];
    await migrateDatabase(test.db, test.url);
    expect([await layout(), await foreignKeys()]).toEqual(before);
  });

  it('distributes a later migration’s new tenant table, with its keys to existing tables', async () => {
    const later = [
      `CREATE TABLE "later_notes" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "later_notes_pk" PRIMARY KEY("tenant_id","id"))`,
      `ALTER TABLE "later_notes" ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE "later_notes" ADD CONSTRAINT "later_notes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id")`,
      `ALTER TABLE "later_notes" ADD CONSTRAINT "later_notes_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id")`,
      `CREATE POLICY "later_notes_tenant_isolation" ON "later_notes" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)`,
      `ALTER TABLE "later_notes" FORCE ROW LEVEL SECURITY`,
    ];
    await sql.begin(async (tx) => {
      for (const statement of statementsForCitus(later)) await tx.unsafe(statement);
    });
    const tables = await layout();
    const users = tables.find((t) => t.table === 'users')!;
    expect(tables.find((t) => t.table === 'later_notes')).toMatchObject({ kind: 'distributed', column: 'tenant_id', colocation: users.colocation, forced: true });
    expect((await foreignKeys()).map((k) => k.name)).toContain('later_notes_user_fk');
  });
});
