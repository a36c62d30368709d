import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, rowsOf, type Tx } from '../core/db/database.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { adminConnection, describePostgres } from './support/postgres.ts';

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

/** What a transaction must keep however it is begun (on a server BEGIN now goes out with the first statements). */
describe(`transaction rules (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  const named = (name: string) => sql`select name from districts where name = ${name}`;
  const insert = (tenantId: string, name: string, position: number) =>
    sql`insert into districts (tenant_id, name, position) values (${tenantId}, ${name}, ${position})`;
  const found = async (name: string) => (await p.db.platform(async (tx) => rowsOf(await tx.execute(named(name))))).length;

  it('commits what the work wrote, and rolls all of it back when the work throws', async () => {
    const alpha = p.cities.alpha!.id;
    await p.db.tenant(alpha, (tx) => tx.execute(insert(alpha, '提交区', 201)));
    await expect(
      p.db.tenant(alpha, async (tx) => {
        await tx.execute(insert(alpha, '回滚区', 202));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect([await found('提交区'), await found('回滚区')]).toEqual([1, 0]);
  });

  it('fails, and keeps nothing, when a statement failed even though the work caught its error', async () => {
    const alpha = p.cities.alpha!.id;
    await expect(
      p.db.tenant(alpha, async (tx) => {
        await tx.execute(insert(alpha, '吞错区', 203));
        await tx.execute(sql`select 1 / 0`).catch(() => undefined);
        return 'done';
      }),
    ).rejects.toThrow();
    expect(await found('吞错区')).toBe(0);
  });

  it('refuses a statement sent through a transaction that has ended: it never runs outside it', async () => {
    const alpha = p.cities.alpha!.id;
    let kept!: Tx;
    await p.db.tenant(alpha, async (tx) => {
      kept = tx;
    });
    // On a server the connection is back in the pool by now, perhaps inside another city's transaction.
    await expect(kept.execute(named('外层区'))).rejects.toThrow();
    await expect(kept.execute(insert(alpha, '事后区', 206))).rejects.toThrow();
    expect(await found('事后区')).toBe(0);
  });

  it('undoes a failed savepoint only, and commits the rest', async () => {
    const alpha = p.cities.alpha!.id;
    const outcome = await p.db.tenant(alpha, async (tx) => {
      await tx.execute(insert(alpha, '外层区', 204));
      const inner = await tx
        .transaction(async (sp) => {
          await sp.execute(insert(alpha, '内层区', 205));
          await sp.execute(sql`select 1 / 0`);
        })
        .then(() => 'kept', () => 'undone');
      return inner;
    });
    expect(outcome).toBe('undone');
    expect([await found('外层区'), await found('内层区')]).toEqual([1, 0]);
  });
});

describePostgres('a tenant transaction’s round trips', () => {
  it('sends BEGIN with the first statements: one statement and COMMIT make two socket writes', async () => {
    const net = await import('node:net');
    const port = Number(new URL(process.env.DATABASE_URL!).port || 5432);
    const alpha = p.cities.alpha!.id;
    const read = () => p.db.tenant(alpha, (tx) => tx.execute(sql`select name from districts where tenant_id = ${alpha} limit 1`));
    // Prepares the statements on every connection of the pool (a statement new to a connection is described first).
    await Promise.all(Array.from({ length: 20 }, read));
    let writes = 0;
    const write = net.Socket.prototype.write;
    net.Socket.prototype.write = function (this: import('node:net').Socket, ...rest: Parameters<typeof write>) {
      if (this.remotePort === port) writes++;
      return write.apply(this, rest);
    } as typeof write;
    // Other work of the test platform (its job queue) writes to the server too, and only ever adds: the fewest of five.
    const counts: number[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        writes = 0;
        await read();
        counts.push(writes);
      }
    } finally {
      net.Socket.prototype.write = write;
    }
    expect(Math.min(...counts)).toBe(2);
  });
});

describePostgres('a tenant transaction whose connection dies', () => {
  it('fails, even when the work swallows the error and goes on writing, and the next transactions get live connections', async () => {
    const admin = adminConnection(p.url!);
    const alpha = p.cities.alpha!.id;
    try {
      const outcome = p.db.tenant(alpha, async (tx) => {
        const [me] = rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`));
        // Waits until the backend is gone (5 s at most), so the next statement meets a dead connection, never a dying one.
        await admin`select pg_terminate_backend(${me!.pid}::int, 5000::bigint)`;
        await tx.execute(sql`select 1`).catch(() => undefined);
        await tx.execute(sql`select 2`);
        return 'finished';
      });
      await expect(outcome).rejects.toThrow();
      const after = await Promise.all(Array.from({ length: 20 }, () => p.db.tenant(alpha, async (tx) => rowsOf(await tx.execute(sql`select 1 as one`)).length)));
      expect(after).toEqual(Array(20).fill(1));
    } finally {
      await admin.end({ timeout: 5 });
    }
  });
});
