/**
 * PostgreSQL CPU a `ledger_post` call, counted: one session posts `--count` commits of `--batch` transfers
 * through the function (procedure `post_loop`, bench/ledger/post-loop.sql, the benchmark cities in turn),
 * as vc_app, with `synchronous_commit = off` so the count is CPU and not the flush; the backend's CPU is
 * read from /proc around the loop. `--json-only` runs the loop without the call (what the loop itself costs).
 * Scratch databases only (the procedure is created in the database): one made by bench/ledger/postings.ts.
 *   npx tsx bench/ledger/post-loop.ts --url postgres://postgres@127.0.0.1:5432/<scratch> --count 500 --batch 1
 */
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { parseArgs } from '../lib/args.ts';
import { processCpuMs } from '../lib/cpu.ts';

const args = parseArgs(process.argv.slice(2), { url: '', count: 500, batch: 1, jsonOnly: false });
const sql = postgres(args.url, { max: 1, onnotice: () => {} });
try {
  await sql.unsafe(readFileSync(new URL('post-loop.sql', import.meta.url), 'utf8'));
  const cities = (await sql<{ id: string }[]>`select id from tenants where slug like 'ledger-%' order by slug`).map((r) => r.id);
  // Read here, as the owner: building them in the procedure would be counted in every call's share.
  const accounts: string[] = [];
  for (const city of cities) {
    const rows = await sql<{ id: string }[]>`select id from ledger_accounts where tenant_id = ${city} order by code limit 1010`;
    accounts.push(...rows.map((r) => r.id));
  }
  await sql`set synchronous_commit = off`;
  await sql`select set_config('role', 'vc_app', false)`;
  const [backend] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const pid = backend!.pid;
  const call = (n: number) => sql`call post_loop(${cities}::uuid[], ${accounts}::uuid[], ${n}, ${args.batch}, ${args.jsonOnly})`;
  await call(50);
  const before = processCpuMs(pid);
  const started = Date.now();
  await call(args.count);
  console.log(JSON.stringify({ count: args.count, batch: args.batch, jsonOnly: args.jsonOnly, cpuMsPerCall: (processCpuMs(pid) - before) / args.count, wallMs: Date.now() - started }));
} finally {
  await sql.end();
}
