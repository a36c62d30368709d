import type { Database } from '../../core/db/database.ts';

/**
 * Raw SQL on the owner's connection, for bulk loading: many rows in one
 * statement (`insert ... select from unnest(...)`, one array parameter a
 * column), the same on postgres.js and PGlite.
 */
export type Exec = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Runs `work` in one transaction with `app.tenant_id` set, so forced row-level security lets the owner's rows in. */
export async function inTenantTransaction<T>(db: Database, tenantId: string | null, work: (exec: Exec) => Promise<T>): Promise<T> {
  const begin = async (exec: Exec) => {
    if (tenantId) await exec(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    return work(exec);
  };
  if ('postgres' in db.driver) {
    const client = db.driver.postgres;
    return client.begin((tx) => begin(async (text, params = []) => [...(await tx.unsafe(text, params as never[]))] as Record<string, unknown>[])) as Promise<T>;
  }
  const pglite = db.driver.pglite;
  return pglite.transaction((tx) => begin(async (text, params = []) => (await tx.query<Record<string, unknown>>(text, params)).rows));
}

export type Column = { name: string; type: string };

/** Inserts rows (each an array of column values, strings or null) in one statement. */
export async function insertRows(exec: Exec, table: string, columns: Column[], rows: (string | number | null)[][]): Promise<void> {
  if (rows.length === 0) return;
  const params = columns.map((_, i) => rows.map((r) => (r[i] === null || r[i] === undefined ? null : String(r[i]))));
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const casts = columns.map((c, i) => `c${i}::${c.type}`).join(', ');
  const unnest = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  await exec(`insert into ${table} (${names}) select ${casts} from unnest(${unnest}) as u(${aliases})`, params);
}

export const col = (name: string, type = 'text'): Column => ({ name, type });
