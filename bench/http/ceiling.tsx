/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The ceiling for pages with a database: bare Hono + postgres.js on
 * @hono/node-server, one process. Each request runs one tenant transaction as
 * the app does (role and tenant setting, sent with the first read), reads 20 of
 * the city's published projects by index (`projects_browse`) and renders a
 * small hono/jsx page. `GET /round-trips` answers how many socket writes went
 * to PostgreSQL so far, so the benchmark counts them as it counts the app's.
 * Env: DATABASE_URL, BENCH_SLUG (the city), PORT; BENCH_CITUS=1 on a Citus coordinator: the
 * tenant goes out as the app sends it there (`SET LOCAL` with `citus.propagate_set_commands`,
 * `core/db/citus/tenant-settings.ts`), also sent together with the read.
 */
import net from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vc_bench';
const port = Number(process.env.PORT ?? 3101);
const databasePort = Number(new URL(url).port || 5432);

let writes = 0;
const write = net.Socket.prototype.write;
net.Socket.prototype.write = function (this: net.Socket, ...rest: Parameters<typeof write>) {
  if (this.remotePort === databasePort) writes++;
  return write.apply(this, rest);
} as typeof write;

const sql = postgres(url, { max: 10, onnotice: () => {} });
const [tenant] = await sql<{ id: string }[]>`select id::text as id from tenants where slug = ${process.env.BENCH_SLUG ?? 'bench-001'}`;
if (!tenant) throw new Error('no such city: seed it first');
const tenantId = tenant.id;
const citus = process.env.BENCH_CITUS === '1';
if (citus && !/^[0-9a-f-]{36}$/.test(tenantId)) throw new Error('a tenant id must be a uuid');

type ProjectRow = { id: string; name: string; district: string; starts_on: Date };

function ProjectsPage({ projects }: { projects: ProjectRow[] }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>志愿项目</title>
      </head>
      <body>
        <h1>志愿项目</h1>
        <ul>
          {projects.map((p) => (
            <li>
              <a href={`/projects/${p.id}`}>{p.name}</a> · {p.district} · {p.starts_on.toISOString().slice(0, 10)}
            </li>
          ))}
        </ul>
      </body>
    </html>
  );
}

const app = new Hono();
app.get('/', async (c) => {
  const projects = await sql.begin(async (tx) => {
    const settings = citus
      ? [
          tx`select set_config('role', 'vc_app', true), set_config('citus.propagate_set_commands', 'local', true), set_config('citus.multi_task_query_log_level', 'error', true)`,
          tx.unsafe(`set local app.tenant_id = '${tenantId}'`),
        ]
      : [tx`select set_config('role', 'vc_app', true), set_config('app.tenant_id', ${tenantId}, true)`];
    const results = await Promise.all([
      ...settings,
      tx<ProjectRow[]>`select id, name, district, starts_on from projects where tenant_id = ${tenantId} and status = 'published' limit 20`,
    ]);
    return results[results.length - 1] as ProjectRow[];
  });
  return c.html(<ProjectsPage projects={projects} />);
});
app.get('/round-trips', (c) => c.text(String(writes)));

serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => console.log(`database-page ceiling on http://127.0.0.1:${port}/`));
process.on('SIGTERM', () => void sql.end({ timeout: 1 }).finally(() => process.exit(0)));
