import type { Tx } from './database.ts';

/**
 * Jobs a transaction asks to have nudged once it has committed: it left them work (a message in the outbox, a
 * webhook delivery) they would otherwise find only at their next scheduled run. Kept by transaction, so no
 * request-wide AsyncLocalStorage is needed: with one, Node runs a hook for every promise, a tenth of a page's
 * instructions (bench/README.md, "Instructions a request"). And a nudge can never go out before the commit
 * that made the work visible, nor at all for a transaction that rolled back.
 */
const wanted = new WeakMap<object, Set<string>>();

function wantedBy(tx: object): Set<string> {
  let names = wanted.get(tx);
  if (!names) wanted.set(tx, (names = new Set()));
  return names;
}

/** Inside a transaction that left work for job `jobName`: nudge the job after the commit. */
export function nudgeAfterCommit(tx: Tx, jobName: string): void {
  wantedBy(tx).add(jobName);
}

/** A savepoint's work commits with its transaction: what the savepoint asks for is nudged after that commit. */
export function nudgesOfSavepoint(transaction: Tx, savepoint: Tx): void {
  wanted.set(savepoint, wantedBy(transaction));
}

/** The jobs `tx` asked for, taken once: the database calls this when `tx` has committed. */
export function takeNudges(tx: object): ReadonlySet<string> | undefined {
  const names = wanted.get(tx);
  wanted.delete(tx);
  return names && names.size > 0 ? names : undefined;
}
