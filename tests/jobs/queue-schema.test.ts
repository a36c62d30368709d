import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../core/db/database.ts';
import { migrateDatabase } from '../../core/db/migrate.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
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

describe(`the job queue's schema (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('is pg-boss’s own, installed by the migrations, and the app role can neither read nor queue in it', async () => {
    const tables = rowsOf<{ name: string }>(
      await p.db.platform((tx) => tx.execute(sql`select table_name as name from information_schema.tables where table_schema = 'pgboss'`)),
    ).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['job', 'queue', 'version', 'archive']));
    const alpha = p.cities.alpha!.id;
    for (const statement of [
      sql`select data from pgboss.job`,
      sql`select name from pgboss.queue`,
      sql`insert into pgboss.job (name, data) values ('messages.deliver', '{}')`,
    ]) {
      expect(await failure(p.db.tenant(alpha, (tx) => tx.execute(statement)))).toMatch(/permission denied/);
    }
  });

  it('is left as it is by a second migration run (another process starting)', async () => {
    const version = async () => rowsOf<{ version: number }>(await p.db.platform((tx) => tx.execute(sql`select version from pgboss.version`)));
    const before = await version();
    await migrateDatabase(p.db, p.url);
    expect(await version()).toEqual(before);
  });
});
