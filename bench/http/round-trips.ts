/**
 * Round trips to PostgreSQL per page, counted (socket writes to the server, one
 * connection, pages requested one after another through the app's fetch
 * handler): a figure that does not depend on how busy the machine is. Every query names
 * its city, so it runs on a Citus coordinator too (a tenant query that is not routed fails there).
 * `tsx bench/http/round-trips.ts --url postgres://... --slug bench-001`; prints JSON.
 */
import net from 'node:net';
import { sql } from 'drizzle-orm';
import { parseArgs } from '../lib/args.ts';

const args = parseArgs(process.argv.slice(2), { url: 'postgres://postgres@127.0.0.1:5432/vc_bench', slug: 'bench-001', repeat: 10 });
const port = Number(new URL(args.url).port || 5432);
let writes = 0;
const write = net.Socket.prototype.write;
net.Socket.prototype.write = function (this: net.Socket, ...rest: Parameters<typeof write>) {
  if (this.remotePort === port) writes++;
  return write.apply(this, rest);
} as typeof write;

// Imported after the patch, so the driver's sockets are counted.
const { createApp } = await import('../../core/app.ts');
const { loadConfig } = await import('../../core/config.ts');
const { openDatabase, rowsOf } = await import('../../core/db/database.ts');
const { createLogger } = await import('../../core/http/logger.ts');
const { createSession } = await import('../../core/identity/sessions.ts');
const { benchPages, pluginFixtures } = await import('./pages.ts');
const { plugins } = await import('../../plugins/index.ts');
const { missAddress } = await import('./load.ts');
const { claimProject } = await import('../../core/volunteering/attendance/service.ts');

const db = await openDatabase({ url: args.url, maxConnections: 1 });
// As deployed (page cache on); a visitor's page is asked for at a new address each time, so the count is
// a page that misses the cache: its own queries, which a kept page saves.
const config = loadConfig({ LOG_LEVEL: 'warn', DATABASE_URL: args.url });
const { app } = createApp({ db, config, logger: createLogger('warn'), plugins });
const tenantId = rowsOf<{ id: string }>(await db.platform((tx) => tx.execute(sql`select id from tenants where slug = ${args.slug}`)))[0]!.id;
const fixtures = await db.tenant(tenantId, async (tx) => {
  const user = async (email: string) => rowsOf<{ id: string }>(await tx.execute(sql`select id from users where tenant_id = ${tenantId} and email = ${email}`))[0]!.id;
  const code = rowsOf<{ code: string }>(await tx.execute(sql`select code from service_certificates where tenant_id = ${tenantId} limit 1`))[0]?.code;
  const volunteerId = await user(`volunteer@${args.slug}.bench`);
  const project = rowsOf<{ id: string }>(await tx.execute(sql`select id from projects where tenant_id = ${tenantId} and status <> 'draft' limit 1`))[0]!.id;
  return {
    volunteerId,
    project,
    volunteerSession: (await createSession(tx, tenantId, volunteerId, {})).token,
    adminSession: (await createSession(tx, tenantId, await user(`admin@${args.slug}.bench`), {})).token,
    organiserSession: (await createSession(tx, tenantId, await user(`organiser@${args.slug}.bench`), {})).token,
    code,
    ...(await pluginFixtures(tx, tenantId, args.slug)),
  };
});
const result: Record<string, number> = {};
for (const { name, path, headers, anonymous } of benchPages(fixtures)) {
  const url = new URL(`http://${args.slug}.localhost${path}`);
  const get = async () => (await app.fetch(new Request(anonymous ? new URL(missAddress(url), url) : url, { headers }))).text();
  await get(); // prepares the statements on the connection
  writes = 0;
  for (let i = 0; i < args.repeat; i++) await get();
  result[name] = writes / args.repeat;
}

// A change: the organiser verifies one claimed record (a ledger posting and the plugins' events), by form post.
// Each claim is made outside the count, at its own hour in 2016 (after the last run's), so no two overlap.
const lastRun = await db.tenant(tenantId, async (tx) =>
  rowsOf<{ last: string | null }>(await tx.execute(sql`select max(started_at)::text as last from service_records where tenant_id = ${tenantId} and volunteer_user_id = ${fixtures.volunteerId} and started_at < '2017-01-01'`)),
);
let next = lastRun[0]?.last ? new Date(lastRun[0].last).getTime() + 3_600_000 : Date.UTC(2016, 0, 1);
const verifyOne = async () => {
  const startedAt = new Date(next);
  next += 3_600_000;
  const claimed = await db.tenant(tenantId, (tx) =>
    claimProject(tx, tenantId, fixtures.project, { startedAt, endedAt: new Date(startedAt.getTime() + 1_800_000), content: '测' }, { userId: fixtures.volunteerId, address: null }),
  );
  if (!claimed.ok) throw new Error(`claim refused: ${claimed.reason}`);
  const origin = `http://${args.slug}.localhost`;
  const before = writes;
  const res = await app.fetch(
    new Request(`${origin}/records/${claimed.recordId}/verify`, {
      method: 'POST',
      headers: { cookie: `session=${fixtures.organiserSession}`, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'hours=0&minutes=30',
    }),
  );
  if (res.status !== 303) throw new Error(`verify answered ${res.status}`);
  return writes - before;
};
await verifyOne();
let verifyWrites = 0;
for (let i = 0; i < args.repeat; i++) verifyWrites += await verifyOne();
result['verify hours (form post)'] = verifyWrites / args.repeat;
await db.close();
console.log(JSON.stringify(result));
