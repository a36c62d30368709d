import type postgres from 'postgres';

/** The statements of one transaction scope (the transaction, or one savepoint in it): the first failure among them. */
type Scope = { failed: unknown; sql: postgres.TransactionSql };

/** The connection postgres.js hands `onexecute`: it calls `onclose` when the socket closes. */
type Connection = { onclose?: ((err?: unknown) => void) | null };

/**
 * postgres.js's `begin` as drizzle uses it, minus one round trip: its own `begin`
 * waits for BEGIN's answer before the work can send anything, so every
 * transaction paid a round trip for BEGIN alone. Here BEGIN goes out in the same
 * socket write as the work's first statements, on a reserved connection:
 * postgres.js sends a connection's statements in order and pipelines them, and
 * the server runs them in the order sent, so BEGIN still comes first. The rest is
 * postgres.js's own rules (pinned in tests/tenant-transaction.test.ts): a
 * statement that failed (even if the work caught its error) fails the
 * transaction with that error, since COMMIT on an aborted transaction only rolls
 * back; an error rolls back; savepoints as `s<n>`.
 *
 * A dead connection: everything the transaction waits on (the work, SAVEPOINT,
 * ROLLBACK, COMMIT) races the socket's close, so the close fails the transaction
 * at once even where postgres.js leaves a statement unanswered (after a socket
 * error it fails only what was pending then). Once any statement failed because
 * the connection is gone, nothing more is written to it (the server has rolled
 * the transaction back), and the connection never goes back to the pool.
 */
export async function pipelinedBegin<T>(client: postgres.Sql, options: string, work: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  const reserved = await client.reserve();
  let lost = false;
  let onClosed!: (err: unknown) => void;
  const closing = new Promise<never>((_, reject) => (onClosed = reject));
  closing.catch(() => {});
  const untilClosed = <R>(wait: PromiseLike<R>): Promise<R> => Promise.race([wait, closing]);
  // Set as COMMIT or ROLLBACK goes out: a statement sent after it would run outside the transaction, on a
  // connection soon back in the pool (another request's, with its city's settings), so it fails instead.
  let ended = false;
  const refuseAfterEnd = () => {
    if (ended) throw new Error('a statement after its transaction ended');
  };
  // `onexecute` hands us the connection (as postgres.js's `begin` does) and must answer true, or the
  // statements after BEGIN would wait for its answer.
  const onexecute = (connection: Connection) => {
    connection.onclose = (err) => {
      lost = true;
      onClosed(err ?? new Error('the database connection closed during the transaction'));
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
        if (connectionLost(err)) lost = true;
      });
      return q;
    };
    scope.sql = new Proxy(reserved, {
      get(target, prop) {
        if (prop === 'unsafe') return (...a: unknown[]) => (refuseAfterEnd(), track((target.unsafe as (...x: unknown[]) => unknown)(...a)));
        if (prop === 'savepoint') return savepoint;
        if (prop === 'release') return undefined;
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
      apply(target, self, a) {
        refuseAfterEnd();
        return track(Reflect.apply(target as unknown as (...x: unknown[]) => unknown, self, a));
      },
    }) as unknown as postgres.TransactionSql;
    return scope;
  };

  async function run<R>(scope: Scope, fn: (tx: postgres.TransactionSql) => Promise<R>, name?: string): Promise<R> {
    if (name) await untilClosed(scope.sql.unsafe(`savepoint ${name}`));
    let result: R;
    try {
      result = await untilClosed(fn(scope.sql));
      if (scope.failed !== undefined) throw scope.failed;
    } catch (err) {
      if (lost || connectionLost(err)) {
        lost = true;
        throw err;
      }
      ended ||= !name;
      await untilClosed(reserved.unsafe(name ? `rollback to ${name}` : 'rollback'));
      throw err;
    }
    if (!name) {
      ended = true;
      await untilClosed(reserved.unsafe('commit'));
      // A statement the work sent and did not wait for (the unit's last, sent with the commit) failed: the server
      // answered COMMIT on the aborted transaction by rolling it back, so nothing was committed.
      if (scope.failed !== undefined) throw scope.failed;
    }
    return result;
  }

  function savepoint<R>(fn: (tx: postgres.TransactionSql) => Promise<R>): Promise<R> {
    return run(scopeOf(), fn, `s${savepoints++}`);
  }

  const top = scopeOf();
  // BEGIN's failure is the transaction's: the work fails with it.
  begun.catch((err: unknown) => {
    top.failed ??= err;
    if (connectionLost(err)) lost = true;
  });
  try {
    return await run(top, work);
  } catch (err) {
    if (connectionLost(err)) lost = true;
    throw err;
  } finally {
    if (!lost) reserved.release();
  }
}

/**
 * Whether an error means the connection is gone, not just the statement: the server's FATAL (it
 * closes the connection after it, as `pg_terminate_backend` does), postgres.js's own connection
 * errors, or the socket's. Drizzle wraps a driver's error as its `cause`.
 */
function connectionLost(err: unknown): boolean {
  for (let e = err as { severity?: string; code?: unknown; syscall?: unknown; cause?: unknown } | undefined; e && typeof e === 'object'; e = e.cause as typeof e) {
    if (e.severity === 'FATAL' || e.severity === 'PANIC') return true;
    if (typeof e.code === 'string' && /^(CONNECTION_|CONNECT_TIMEOUT$)/.test(e.code)) return true;
    if (e.syscall !== undefined) return true;
  }
  return false;
}
