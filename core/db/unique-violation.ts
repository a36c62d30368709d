/**
 * True when `err` is PostgreSQL's unique_violation (23505) on the named index.
 * Drizzle wraps driver errors (the original is `cause`); postgres.js names the
 * index `constraint_name`, PGlite `constraint`.
 */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (pg.code === '23505') return pg.constraint_name === constraint || pg.constraint === constraint;
  }
  return false;
}
