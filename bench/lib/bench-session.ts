import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf } from '../../core/db/database.ts';
import { createSession } from '../../core/identity/sessions.ts';

/**
 * A new session of a benchmark user of city `slug` (`<who>@<slug>.bench`: `seed:scale` makes the volunteer and the
 * admin, `bench/seed-plugins.ts` the lawyer and the director), as the `cookie` header's value.
 */
export async function benchSessionCookie(url: string, slug: string, who: string): Promise<string> {
  const db = await openDatabase({ url });
  try {
    const [tenant] = await db.platform(async (tx) => rowsOf<{ id: string }>(await tx.execute(sql`select id::text as id from tenants where slug = ${slug}`)));
    return await db.tenant(tenant!.id, async (tx) => {
      const [user] = rowsOf<{ id: string }>(await tx.execute(sql`select id::text as id from users where tenant_id = ${tenant!.id} and email = ${`${who}@${slug}.bench`}`));
      return `session=${(await createSession(tx, tenant!.id, user!.id, { userAgent: 'bench' })).token}`;
    });
  } finally {
    await db.close();
  }
}
