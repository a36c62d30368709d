import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { takeNudges } from './after-commit.ts';
import { IS_CITUS } from './citus/distribute.ts';
import { citusTenantSettings } from './citus/tenant-settings.ts';
import { executeWritten } from './built-once.ts';
import { pipelinedBegin } from './pipelined-begin.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, any>;
type Drizzle = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** The tenant transaction's settings, written once (drizzle built the statement anew on every request). */
const TENANT_SETTINGS = "select set_config('role', $1, true), set_config('app.tenant_id', $2, true)";
const tenantSettings = (tx: unknown, tenantId: string): Promise<undefined> =>
  executeWritten(tx as Tx, { sql: TENANT_SETTINGS, params: [APP_ROLE, tenantId] }).then(() => undefined);

/** The role every tenant transaction switches to; created by migrations/0000_app_role.sql. */
export const APP_ROLE = 'vc_app';

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** A Citus coordinator: tenant tables are distributed (core/db/citus/). */
  readonly distributed: boolean;
  /**
   * Runs tenant work in one transaction as the app role with `app.tenant_id` set,
   * so forced row-level security confines every statement to that tenant. On a server
   * it runs on connections that log in as the app role, so `RESET ROLE` cannot leave it.
   */
  tenant<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs work on the global tables (tenants, platform accounts) as the owner. */
  platform<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Sends the jobs a committed transaction asked to have nudged (core/db/after-commit.ts); set by the job queue,
   * and awaited before `tenant` or `platform` answers, so a request's jobs are queued before its answer leaves.
   */
  nudgeJobs?: (jobNames: ReadonlySet<string>) => Promise<void>;
  /**
   * The driver behind it, for migrations and tests: on a server `postgres` logs in as the
   * owner (platform work, migrations, the job queue) and `tenantPostgres` as the app role.
   */
  readonly driver: { pglite: PGlite } | { postgres: postgres.Sql; tenantPostgres: postgres.Sql };
}

/** Rows of a raw `tx.execute(sql...)`: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<R>(result: unknown): R[] {
  if (Array.isArray(result)) return result as R[];
  return ((result as { rows?: R[] }).rows ?? []) as R[];
}

/**
 * `url` logs in as the owner. `appUrl` is where tenant work logs in as the app role; by default
 * the same server and database as user `vc_app` with no password of its own (trust or
 * certificates between app and database, or a password through PGPASSFILE).
 */
export type DatabaseOptions = {
  url?: string;
  appUrl?: string;
  dataDir?: string;
  maxConnections?: number;
  /** PGlite only: a `dumpDataDir` tarball to start from instead of an empty database (tests' migrated snapshot). */
  loadDataDir?: Blob;
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const max = options.maxConnections ?? 10;
    const client = postgres(options.url, { max, onnotice: () => {} });
    const [found] = await client.unsafe<{ citus: boolean }[]>(IS_CITUS).catch(async (err: unknown) => {
      await client.end({ timeout: 5 });
      throw err;
    });
    // Connects when first used: a first start migrates (which lets vc_app log in) before tenant work.
    const tenantClient = postgres(options.appUrl ?? appRoleUrl(options.url), { max, onnotice: () => {} });
    const db = drizzlePostgres({ client: preparedStatements(client) }) as unknown as Drizzle;
    const tenantDb = drizzlePostgres({ client: preparedStatements(tenantClient) }) as unknown as Drizzle;
    const close = async () => {
      await Promise.all([client.end({ timeout: 5 }), tenantClient.end({ timeout: 5 })]);
    };
    return wrap('postgres', found?.citus === true, { platform: db, tenant: tenantDb }, { postgres: client, tenantPostgres: tenantClient }, close);
  }
  // PGlite is one connection with one user, a superuser: tenant work switches role inside the
  // transaction, and a `RESET ROLE` there would leave it (README, "Running on Citus", `RESET ROLE`).
  const client = await PGlite.create(options.dataDir ?? 'memory://', options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  const db = drizzlePglite({ client }) as unknown as Drizzle;
  return wrap('pglite', false, { platform: db, tenant: db }, { pglite: client }, () => client.close());
}

/** The owner's URL with the app role as its user and no password. */
function appRoleUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = '';
  return url.toString();
}

/**
 * The client as drizzle should see it: every query a prepared statement. Drizzle
 * sends its queries with `prepare: false` (drizzle-team/drizzle-orm#6096), and
 * postgres.js then describes each statement before running it: two round trips
 * a query instead of one, on every query. Transactions get the same wrapping.
 */
function preparedStatements<S extends postgres.Sql | postgres.TransactionSql>(sql: S): S {
  return new Proxy(sql, {
    get(target, prop) {
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: Record<string, unknown>) =>
          (target.unsafe as (q: string, p?: unknown[], o?: object) => unknown)(query, params, { ...options, prepare: true });
      }
      if (prop === 'begin' && 'reserve' in target) {
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.TransactionSql) => Promise<unknown>;
          return pipelinedBegin(target as postgres.Sql, typeof args[0] === 'string' ? args[0] : '', (tx) => work(preparedStatements(tx)));
        };
      }
      if (prop === 'begin' || prop === 'savepoint') {
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.TransactionSql) => unknown;
          const start = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!;
          return start.call(target, ...args, (tx: postgres.TransactionSql) => work(preparedStatements(tx)));
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function wrap(
  kind: Database['kind'],
  distributed: boolean,
  db: { platform: Drizzle; tenant: Drizzle },
  driver: Database['driver'],
  close: () => Promise<void>,
): Database {
  // Once a transaction has committed (its promise resolved), the jobs it asked for are nudged.
  const committed = async <T>(run: (noteTransaction: (tx: unknown) => void) => Promise<T>): Promise<T> => {
    let transaction: unknown;
    const result = await run((tx) => (transaction = tx));
    const names = takeNudges(transaction as object);
    if (names) await database.nudgeJobs?.(names);
    return result;
  };
  const database: Database = {
    kind,
    distributed,
    driver,
    tenant(tenantId, work) {
      return committed((noteTransaction) =>
        db.tenant.transaction(async (tx) => {
          noteTransaction(tx);
          // The role is set even where the connection logs in as it: tenant work never runs as anyone else.
          // Both settings are transaction-local, never session-level. They go out with the work's first
          // statement (no round trip of their own): the server runs a connection's statements in the
          // order sent, and if the settings fail the transaction is aborted before any work runs.
          // Drizzle's queries are lazy: `.then` here sends this one before `work` can send anything.
          // Each `.then` is called here, not by Promise.all a microtask later: a statement built once
          // (core/db/built-once.ts) is sent as soon as the work calls it, and must go after these.
          const settings = distributed
            ? Promise.all(citusTenantSettings(APP_ROLE, tenantId).map((statement) => tx.execute(statement).then(() => undefined))).then(() => undefined)
            : tenantSettings(tx, tenantId);
          const [, result] = await Promise.all([settings, work(tx as unknown as Tx)]);
          return result;
        }),
      );
    },
    platform(work) {
      return committed((noteTransaction) => db.platform.transaction((tx) => (noteTransaction(tx), work(tx as unknown as Tx))));
    },
    async ping() {
      await db.platform.execute(sql`select 1`);
    },
    close,
  };
  return database;
}
