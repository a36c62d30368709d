import type { Database } from '../db/database.ts';

/** The one function pg-boss asks of a database it does not open itself. */
export type BossDatabase = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number }> };

/**
 * pg-boss on the platform's own connection: PGlite (one connection, in this process)
 * or the postgres.js pool. Its schema scripts are several statements in one text (with
 * their own BEGIN and COMMIT) and carry no parameters; those go through the simple
 * protocol, on postgres.js on a connection held for them alone.
 */
export function bossDatabase(database: Database): BossDatabase {
  if ('pglite' in database.driver) {
    const client = database.driver.pglite;
    return {
      async executeSql(text, values) {
        if (values?.length) {
          const result = await client.query(text, values.map(nullForUndefined));
          return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
        }
        const results = await client.exec(text);
        const last = results.at(-1);
        return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0 };
      },
    };
  }
  const client = database.driver.postgres;
  const script = async (text: string) => {
    const connection = await client.reserve();
    try {
      return await connection.unsafe(text).simple();
    } finally {
      connection.release();
    }
  };
  return {
    async executeSql(text, values) {
      const result = values?.length ? await client.unsafe(text, values.map(asNodePostgresSends) as never[]) : await script(text);
      // A multi-statement text answers one result per statement; pg-boss reads the last.
      const last = Array.isArray(result[0]) ? (result.at(-1) as unknown as typeof result) : result;
      return { rows: [...last], rowCount: last.count ?? last.length };
    },
  };
}

/** pg-boss leaves options it was not given undefined; node-postgres (its own driver) sends those as null. */
function nullForUndefined(value: unknown): unknown {
  return value === undefined ? null : value;
}

/** postgres.js serializes by the parameter's type and has none for an object sent as json or text; node-postgres sends it as JSON. */
function asNodePostgresSends(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value) && !Buffer.isBuffer(value)) {
    return JSON.stringify(value);
  }
  return value;
}
