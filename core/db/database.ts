import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { IS_CITUS } from './citus/distribute.ts';
import { citusTenantSettings } from './citus/tenant-settings.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, any>;
type Drizzle = PgDatabase<PgQueryResultHKT, Record<string, never>>;

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
   * The driver behind it, for migrations and tests: on a server `postgres` logs in as the
   * owner (platform work, migrations, the job queue) and `tenantPostgres` as the app role.
   */
  readonly driver: { pglite: PGlite } | { postgres: postgres.Sql; tenantPostgres: postgres.Sql };
}

let citusOpened = false;
/** Whether this process opened a Citus coordinator (the ledger posts in the client there: core/ledger/post-client.ts). */
export const citusDatabaseOpened = () => citusOpened;

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
    if (found?.citus === true) citusOpened = true;
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

/** The statements of one transaction scope (the transaction, or one savepoint in it): the first failure among them. */
type Scope = { failed: unknown; sql: postgres.TransactionSql };

/** Connection-level errors from postgres.js: the connection is gone, not just the statement. */
type Connection = { onclose?: ((err?: unknown) => void) | null };

/**
 * postgres.js's `begin` as drizzle uses it, minus one round trip: its own `begin`
 * waits for BEGIN's answer before the work can send anything, so every
 * transaction paid a round trip (a socket write, a wake-up of the server) for
 * BEGIN alone. Here BEGIN goes out in the same socket write as the work's first
 * statements, on a reserved connection: postgres.js sends a connection's
 * statements in order and pipelines them, and the server runs them in the order
 * sent, so BEGIN still comes first, and if it fails so does everything after
 * it. The rest is postgres.js's own rules: a statement that failed (even if the
 * work caught its error) fails the transaction with that error, since COMMIT on
 * an aborted transaction only rolls back; an error rolls back; savepoints as
 * `s<n>`; a connection that closes fails the work and is not handed back.
 */
async function pipelinedBegin<T>(client: postgres.Sql, options: string, work: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  const reserved = await client.reserve();
  let closed: { err: unknown } | null = null;
  let onClosed!: (err: unknown) => void;
  const closing = new Promise<never>((_, reject) => (onClosed = reject));
  closing.catch(() => {});
  // `onexecute` hands us the connection (as postgres.js's `begin` does) and must answer true, or the
  // statements after BEGIN would wait for its answer.
  const onexecute = (connection: Connection) => {
    connection.onclose = (err) => {
      closed = { err: err ?? new Error('the database connection closed during the transaction') };
      onClosed(closed.err);
    };
    return true;
  };
  const begun = reserved.unsafe(`begin ${options.replace(/[^a-z ]/gi, '')}`, [], { onexecute } as object).execute();
  let savepoints = 0;

  const scopeOf = (): Scope => {
    const scope: Scope = { failed: undefined, sql: undefined as unknown as postgres.TransactionSql };
    const track = <Q>(q: Q): Q => {
      (q as unknown as Promise<unknown>).catch((err: unknown) => {
        scope.failed ??= err;
      });
      return q;
    };
    scope.sql = new Proxy(reserved, {
      get(target, prop) {
        if (prop === 'unsafe') return (...a: unknown[]) => track((target.unsafe as (...x: unknown[]) => unknown)(...a));
        if (prop === 'savepoint') return savepoint;
        if (prop === 'release') return undefined;
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
      apply(target, self, a) {
        return track(Reflect.apply(target as unknown as (...x: unknown[]) => unknown, self, a));
      },
    }) as unknown as postgres.TransactionSql;
    return scope;
  };

  async function run<R>(scope: Scope, fn: (tx: postgres.TransactionSql) => Promise<R>, name?: string): Promise<R> {
    if (name) await scope.sql.unsafe(`savepoint ${name}`);
    let result: R;
    try {
      result = await Promise.race([fn(scope.sql), closing]);
      if (scope.failed !== undefined) throw scope.failed;
    } catch (err) {
      await reserved.unsafe(name ? `rollback to ${name}` : 'rollback');
      throw err;
    }
    if (!name) await reserved.unsafe('commit');
    return result;
  }

  function savepoint<R>(fn: (tx: postgres.TransactionSql) => Promise<R>): Promise<R> {
    return run(scopeOf(), fn, `s${savepoints++}`);
  }

  const top = scopeOf();
  // BEGIN's failure is the transaction's: the statements after it fail with it, and so does the work.
  begun.catch((err: unknown) => {
    top.failed ??= err;
  });
  try {
    return await run(top, work);
  } finally {
    if (!closed) reserved.release();
  }
}

function wrap(
  kind: Database['kind'],
  distributed: boolean,
  db: { platform: Drizzle; tenant: Drizzle },
  driver: Database['driver'],
  close: () => Promise<void>,
): Database {
  return {
    kind,
    distributed,
    driver,
    tenant(tenantId, work) {
      return db.tenant.transaction(async (tx) => {
        // The role is set even where the connection logs in as it: tenant work never runs as anyone else.
        // Both settings are transaction-local, never session-level. They go out with the work's first
        // statement (no round trip of their own): the server runs a connection's statements in the
        // order sent, and if the settings fail the transaction is aborted before any work runs.
        // Drizzle's queries are lazy: `.then` here sends this one before `work` can send anything.
        const settings = distributed
          ? Promise.all(citusTenantSettings(APP_ROLE, tenantId).map((statement) => tx.execute(statement))).then(() => undefined)
          : tx.execute(sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`).then(() => undefined);
        const [, result] = await Promise.all([settings, work(tx as unknown as Tx)]);
        return result;
      });
    },
    platform(work) {
      return db.platform.transaction((tx) => work(tx as unknown as Tx));
    },
    async ping() {
      await db.platform.execute(sql`select 1`);
    },
    close,
  };
}
