import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** Backoff after the n-th failed sign-in in a row: 1, 2, 4 ... seconds, never more than this. */
export const MAX_BACKOFF_SECONDS = 300;
/** Past 2^16 the cap has long applied; stopping there keeps `power()` small. */
const MAX_DOUBLINGS = 16;

/**
 * The moment an account may try again after one more failure, as SQL for an
 * UPDATE. `failures` is the counter column: the right-hand side of an UPDATE sees
 * it before the update, so the n-th failure waits 2^(n-1) s. Seconds since the epoch and
 * `to_timestamp` (immutable), not `timestamptz + interval` (stable): Citus refuses a stable
 * function over a column in an UPDATE of a distributed table.
 */
export function blockedUntilAfterFailure(now: Date, failures: AnyColumn): SQL {
  return sql`to_timestamp(${now.getTime() / 1000}::float8 + least(power(2, least(${failures}, ${MAX_DOUBLINGS})), ${MAX_BACKOFF_SECONDS}))`;
}

/** The same wait as `blockedUntilAfterFailure`, for a counter kept in memory: `failuresBefore` failures came first. */
export function backoffSeconds(failuresBefore: number): number {
  return Math.min(2 ** Math.min(failuresBefore, MAX_DOUBLINGS), MAX_BACKOFF_SECONDS);
}

/** Whole seconds until `blockedUntil`, at least 1. */
export function secondsUntil(blockedUntil: Date | null, now: Date): number {
  return Math.max(1, Math.ceil(((blockedUntil?.getTime() ?? now.getTime()) - now.getTime()) / 1000));
}
