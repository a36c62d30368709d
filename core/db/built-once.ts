import type { Tx } from './database.ts';

/**
 * A drizzle select whose SQL is built once per call site, with `sql.placeholder(...)`s for what
 * changes: building a statement (drizzle's `is` checks, `buildSelection`, the SQL chunks) cost
 * more Node CPU than sending it. Each call runs it in the caller's transaction through that
 * transaction's own session, so the result is mapped exactly as the builder's would be (nested
 * objects of joins, column decoders). Drizzle's own `.prepare()` binds the statement to the
 * session it was built on, and every transaction is a session of its own.
 * Values go to the driver as they are: drizzle does not encode a placeholder compared with a
 * column (a time must be passed as its ISO string, as the column would have sent it).
 */
export function selectBuiltOnce<Q extends PromiseLike<unknown>>(
  build: (tx: Tx) => Q,
): (tx: Tx, values: Record<string, unknown>) => Promise<Awaited<Q>> {
  let built: Built | undefined;
  return (tx, values) => {
    built ??= buildOnce(build(tx) as unknown as SelectInternals);
    const query = (tx as unknown as { session: Session }).session.prepareQuery(built.query, built.fields, undefined, true);
    query.joinsNotNullableMap = built.joinsNotNullableMap;
    return query.execute(values) as Promise<Awaited<Q>>;
  };
}

/**
 * A statement written by hand once (no drizzle building at all), run in the caller's transaction through its
 * session as `tx.execute` runs it: for a statement every transaction sends.
 */
export function executeWritten(tx: Tx, query: { sql: string; params: unknown[] }): Promise<unknown> {
  return (tx as unknown as { session: Session }).session.prepareQuery(query, undefined, undefined, false).execute({});
}

/** What drizzle's `PgSelectBase._prepare` hands over (drizzle-orm 0.45: the same fields on postgres-js's and PGlite's prepared queries). */
type SelectInternals = {
  _prepare(): { queryString: string; params: unknown[]; fields: unknown; joinsNotNullableMap?: Record<string, boolean> };
};
type Built = { query: { sql: string; params: unknown[] }; fields: unknown; joinsNotNullableMap: Record<string, boolean> | undefined };
type Session = {
  prepareQuery(
    query: Built['query'],
    fields: unknown,
    name: undefined,
    isResponseInArrayMode: boolean,
  ): { joinsNotNullableMap?: Record<string, boolean>; execute(values: Record<string, unknown>): Promise<unknown> };
};

function buildOnce(select: SelectInternals): Built {
  const prepared = select._prepare();
  return { query: { sql: prepared.queryString, params: prepared.params }, fields: prepared.fields, joinsNotNullableMap: prepared.joinsNotNullableMap };
}
