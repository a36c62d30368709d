import type { Database, Tx } from './database.ts';

/**
 * One city's unit of work, as a request's handlers see it: everything they run
 * shares one tenant transaction, begun when first needed.
 */
export interface TenantUnit {
  readonly tenantId: string;
  /** Runs work in the unit's transaction, beginning one if none is open; nested runs share it. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Commits what is done so far; the next `run` begins a fresh transaction. For
   * work that must not hold the transaction open: a call to an outside service
   * (a payment gateway), a slow password hash, or a step whose outcome must
   * stand even if the rest of the request fails.
   *
   * `last`: the work's last statement, sent but not waited for. COMMIT goes out right behind it instead of
   * after its answer: one round trip fewer, and a lock it took is held only while the server runs it and the
   * commit, never across a turn of this process's event loop. If it failed, nothing was committed and its
   * error is thrown.
   */
  commit(last?: PromiseLike<unknown>): Promise<void>;
}

/** The unit and what only its owner (the request) may do: end it. */
export type OwnedTenantUnit = {
  unit: TenantUnit;
  /**
   * Commits (`keep`) or rolls back what is open. From then on each `run` is a
   * short transaction of its own: what a streamed body reads after the answer left.
   */
  end(keep: boolean): Promise<void>;
};

type Open = { tx: Promise<Tx>; decide: (keep: boolean) => void; done: Promise<void> };

/** Thrown inside the held transaction to make the driver roll it back. */
class RollBack extends Error {}

/**
 * A unit of work on `db.tenant`: the transaction is the driver's own (PGlite's
 * transaction API, postgres.js's `begin`), held open until the unit commits or
 * rolls back, so concurrent units queue on PGlite's single connection and the
 * tenant settings stay transaction-local.
 */
export function openTenantUnit(db: Pick<Database, 'tenant'>, tenantId: string): OwnedTenantUnit {
  let open: Open | null = null;
  let running = 0;
  let ended = false;

  function begin(): Open {
    let decide!: (keep: boolean) => void;
    const decided = new Promise<boolean>((resolve) => (decide = resolve));
    let started!: (tx: Tx) => void;
    const begun = new Promise<Tx>((resolve) => (started = resolve));
    const done = db.tenant(tenantId, async (tx) => {
      started(tx);
      if (!(await decided)) throw new RollBack();
    });
    // A transaction that fails to begin gives its error to the runs waiting for it.
    const failed = done.then(() => Promise.reject(new Error('the tenant transaction ended before it began')));
    return { tx: Promise.race([begun, failed]), decide, done };
  }

  async function settle(keep: boolean, last?: PromiseLike<unknown>): Promise<void> {
    // Sent now (a lazy statement starts when asked for its answer), before the COMMIT queues behind it.
    const sent = last === undefined ? undefined : Promise.resolve(last);
    sent?.catch(() => {});
    const current = open;
    if (!current) {
      await sent;
      return;
    }
    // Committing under work still in flight would keep half of it; rolling back never waits.
    if (keep && running > 0) throw new Error('a unit of work cannot commit while work runs in it');
    open = null;
    current.decide(keep);
    try {
      await current.done;
    } catch (err) {
      if (keep) throw err;
    }
    // Both drivers fail the commit for a failed last statement (tests/unit-of-work.test.ts); its own error, too.
    await sent;
  }

  const unit: TenantUnit = {
    tenantId,
    async run(work) {
      if (ended) return db.tenant(tenantId, work);
      open ??= begin();
      const { tx } = open;
      running += 1;
      try {
        return await work(await tx);
      } finally {
        running -= 1;
      }
    },
    commit: (last) => settle(true, last),
  };

  return {
    unit,
    async end(keep) {
      ended = true;
      try {
        await settle(keep);
      } catch (err) {
        await settle(false);
        throw err;
      }
    },
  };
}
