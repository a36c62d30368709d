import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { APP_ROLE, rowsOf } from '../../core/db/database.ts';
import { describeCitus } from '../support/citus.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

/**
 * Tenant transactions on the cluster: the tenant setting and the app role reach the shards,
 * and forced row-level security holds there, through the app and in direct SQL on a worker.
 */
let p: TestPlatform;
let coordinator: postgres.Sql;
beforeAll(async () => {
  p = await startTestPlatform();
  coordinator = postgres(p.url!, { max: 1, onnotice: () => {} });
  await p.db.tenant(p.cities.alpha!.id, (tx) => tx.execute(sql`insert into districts (tenant_id, name, position) values (${p.cities.alpha!.id}, '甲区', 90)`));
  await p.db.tenant(p.cities.beta!.id, (tx) => tx.execute(sql`insert into districts (tenant_id, name, position) values (${p.cities.beta!.id}, '乙区', 90)`));
});
afterAll(async () => {
  await coordinator?.end();
  await p?.close();
});

/** drizzle's error for a failed query, whose cause is the database's. */
const failure = (message: RegExp) => ({ cause: { message: expect.stringMatching(message) } });

/** The worker holding a city's shard of a table, and the shard's name there. */
async function shardOf(table: string, tenantId: string): Promise<{ url: string; shard: string }> {
  const [row] = await coordinator<{ shard: string; host: string; port: number }[]>`
    select s.shard_name as shard, s.nodename as host, s.nodeport as port from citus_shards s
    where s.shardid = get_shard_id_for_distribution_column(${table}, ${tenantId}::uuid)`;
  const url = new URL(p.url!);
  url.hostname = row!.host;
  url.port = String(row!.port);
  url.username = APP_ROLE;
  return { url: url.toString(), shard: row!.shard };
}

await describeCitus('tenant transactions on the Citus shards', () => {
  it('routes a tenant’s work to the shards as the app role with that tenant set', async () => {
    const alpha = p.cities.alpha!.id;
    const seen = await p.db.tenant(alpha, async (tx) =>
      rowsOf<{ role: string; tenant: string; names: string[] }>(
        await tx.execute(sql`select current_user as role, current_setting('app.tenant_id', true) as tenant, array_agg(name order by name) as names
          from districts where tenant_id = ${alpha} and position = 90`),
      ),
    );
    expect(seen).toEqual([{ role: APP_ROLE, tenant: alpha, names: ['甲区'] }]);
  });

  it('refuses on the shard a row written for another city', async () => {
    const [alpha, beta] = [p.cities.alpha!.id, p.cities.beta!.id];
    await expect(p.db.tenant(alpha, (tx) => tx.execute(sql`insert into districts (tenant_id, name, position) values (${beta}, '越界区', 91)`))).rejects.toMatchObject(
      failure(/row-level security/),
    );
  });

  it('refuses a tenant id that is not a uuid before anything reaches the database', async () => {
    await expect(p.db.tenant(`x'; reset role; --`, (tx) => tx.execute(sql`select 1`))).rejects.toThrow('a tenant id must be a uuid');
  });

  it('fails loudly when a tenant’s query would read the shards of other cities', async () => {
    await expect(p.db.tenant(p.cities.alpha!.id, (tx) => tx.execute(sql`select count(*) from districts`))).rejects.toMatchObject(failure(/multi-task query/));
  });

  it('holds forced row-level security in direct SQL on a worker, as the app role', async () => {
    const [alpha, beta] = [p.cities.alpha!.id, p.cities.beta!.id];
    const { url, shard } = await shardOf('districts', alpha);
    const worker = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const unset = await worker.begin((tx) => tx.unsafe(`select name from ${shard} where position = 90`));
      expect(unset).toEqual([]);
      const asBeta = await worker.begin(async (tx) => {
        await tx`select set_config('app.tenant_id', ${beta}, true)`;
        return tx.unsafe(`select name from ${shard} where tenant_id = $1`, [alpha]);
      });
      expect(asBeta).toEqual([]);
      const asAlpha = await worker.begin(async (tx) => {
        await tx`select set_config('app.tenant_id', ${alpha}, true)`;
        return tx.unsafe(`select name from ${shard} where position = 90`);
      });
      expect(asAlpha.map((r) => r.name)).toEqual(['甲区']);
      await expect(
        worker.begin(async (tx) => {
          await tx`select set_config('app.tenant_id', ${alpha}, true)`;
          await tx.unsafe(`insert into ${shard} (tenant_id, name, position) values ($1, '越界区', 92)`, [beta]);
        }),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await worker.end();
    }
  });
});
