/**
 * True when `err` is PostgreSQL's unique_violation (23505) on the named index.
 * Drizzle wraps driver errors (the original is `cause`); postgres.js names the
 * index `constraint_name`, PGlite `constraint`. A Citus coordinator relays a shard's
 * error by its message alone, which names the shard's index: `<index>_<shard id>`.
 */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown; message?: unknown };
    if (pg.code !== '23505') continue;
    if (pg.constraint_name !== undefined || pg.constraint !== undefined) return pg.constraint_name === constraint || pg.constraint === constraint;
    const onShard = typeof pg.message === 'string' ? /unique constraint "(.+)_\d+"$/.exec(pg.message)?.[1] : undefined;
    return onShard === constraint;
  }
  return false;
}
