/**
 * `npx tsx bench/citus/pooler.ts --url <owner's URL, direct> --app-url <vc_app's URL through the pooler>`
 *
 * Whether tenant work holds through a pooler (PgBouncer in transaction mode): the app
 * (`core/main.ts`, two processes) with its owner's pool direct to the database and its tenant
 * pool (`APP_DATABASE_URL`) through the pooler, `--requests` requests of each of a city's pages
 * (home page and project list at new addresses, so their queries run, and its benchmark
 * volunteer's hours page signed in) from 16 connections at once, so the pooler hands each
 * server connection to many clients. Prints the answers by status and the server's first
 * error lines.
 */
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf } from '../../core/db/database.ts';
import { createSession } from '../../core/identity/sessions.ts';
import { startServerProcess } from '../../tests/support/server-process.ts';
import { load } from '../http/load.ts';
import { parseArgs } from '../lib/args.ts';

const args = parseArgs(process.argv.slice(2), { url: '', appUrl: '', slug: 'bench-001', requests: 500 });
if (!args.url || !args.appUrl) throw new Error('--url and --app-url are needed');
const db = await openDatabase({ url: args.url, maxConnections: 1 });
const tenantId = rowsOf<{ id: string }>(await db.platform((tx) => tx.execute(sql`select id::text as id from tenants where slug = ${args.slug}`)))[0]!.id;
const session = await db.tenant(tenantId, async (tx) => {
  const [user] = rowsOf<{ id: string }>(await tx.execute(sql`select id::text as id from users where tenant_id = ${tenantId} and email = ${`volunteer@${args.slug}.bench`}`));
  return (await createSession(tx, tenantId, user!.id, { userAgent: 'bench pooler' })).token;
});
await db.close();
const server = await startServerProcess({ DATABASE_URL: args.url, APP_DATABASE_URL: args.appUrl, WEB_CONCURRENCY: '2' }, { timeoutMs: 120_000 });
const base = `http://127.0.0.1:${server.port}`;
const host = { host: `${args.slug}.localhost` };
const results: Record<string, unknown> = {};
try {
  for (const [name, path, headers, uniqueAddress] of [
    ['home page', '/', host, true],
    ['project list', '/projects', host, true],
    ["volunteer's hours", '/volunteer/hours', { ...host, cookie: `session=${session}` }, false],
  ] as const) {
    const f = await load(base + path, { connections: 16, seconds: 0, amount: args.requests, headers, uniqueAddress });
    results[name] = { requests: f.requests, errors: f.errors, non2xx: f.non2xx };
  }
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
}
/** The server's first error lines, each its error's last message line (not the query or the stack). */
const errors = server.output().split('\n').filter((l) => /error/i.test(l)).slice(0, 3).map((line) => {
  try {
    return String((JSON.parse(line) as { err?: { message?: string } }).err?.message ?? line).split('\n').pop()!.slice(0, 300);
  } catch {
    return line.slice(0, 300);
  }
});
console.log(JSON.stringify({ appUrl: args.appUrl.replace(/\/\/[^@]*@/, '//'), results, serverErrors: errors }, null, 1));
