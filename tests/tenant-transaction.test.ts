import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, rowsOf } from '../core/db/database.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { describePostgres } from './support/postgres.ts';

/**
 * `db.tenant` sends its role and tenant settings together with the work's first
 * statement (no round trip of their own): that statement, and every one after,
 * must already run as the app role with the tenant set.
 */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const whoAmI = sql`select current_user as role, current_setting('app.tenant_id', true) as tenant`;

describe(`tenant transactions (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('runs the very first statement of the work as the app role in that tenant, also when many start at once', async () => {
    const ids = [p.cities.alpha!.id, p.cities.beta!.id];
    const seen = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const tenantId = ids[i % 2]!;
        return p.db.tenant(tenantId, async (tx) => ({ tenantId, first: rowsOf<{ role: string; tenant: string }>(await tx.execute(whoAmI))[0]! }));
      }),
    );
    for (const { tenantId, first } of seen) expect(first).toEqual({ role: APP_ROLE, tenant: tenantId });
  });

  it('holds row-level security from the first statement: writing another city’s row is refused', async () => {
    const [alpha, beta] = [p.cities.alpha!.id, p.cities.beta!.id];
    await expect(p.db.tenant(alpha, (tx) => tx.execute(sql`insert into districts (tenant_id, name, position) values (${beta}, '越界区', 99)`))).rejects.toThrow();
    const rows = await p.db.platform(async (tx) => rowsOf(await tx.execute(sql`select 1 from districts where name = '越界区'`)));
    expect(rows).toEqual([]);
  });
});

/** On a server tenant work logs in as the app role: there is no owner to go back to. */
describePostgres('tenant transactions cannot leave the app role', () => {
  const districtsOf = (tenantId: string) => sql`select name from districts where tenant_id = ${tenantId}`;

  it('keeps row-level security after RESET ROLE: another city’s rows stay out of sight', async () => {
    const [alpha, beta] = [p.cities.alpha!.id, p.cities.beta!.id];
    const betaDistricts = await p.db.platform(async (tx) => rowsOf(await tx.execute(districtsOf(beta))));
    expect(betaDistricts.length).toBeGreaterThan(0);
    const seen = await p.db.tenant(alpha, async (tx) => {
      await tx.execute(sql`reset role`);
      const [who] = rowsOf<{ role: string }>(await tx.execute(sql`select current_user as role`));
      return { role: who!.role, rows: rowsOf(await tx.execute(districtsOf(beta))) };
    });
    expect(seen).toEqual({ role: APP_ROLE, rows: [] });
  });

  it('refuses switching to the owner', async () => {
    const [owner] = await p.db.platform(async (tx) => rowsOf<{ role: string }>(await tx.execute(sql`select current_user as role`)));
    await expect(p.db.tenant(p.cities.alpha!.id, (tx) => tx.execute(sql.raw(`set role "${owner!.role}"`)))).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/permission denied/) },
    });
  });
});
