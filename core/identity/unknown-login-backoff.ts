import { backoffSeconds, MAX_BACKOFF_SECONDS, secondsUntil } from './backoff.ts';

type Failures = { count: number; blockedUntil: number };

/**
 * The backoff of logins that have no account, so that guessing at one answers
 * exactly as guessing at a real account does (same waits, same 429): otherwise
 * the second quick try tells who is registered. It lives in this process's
 * memory: an account's own backoff is in its row, an unknown login has no row.
 */
export class UnknownLoginBackoff {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly maxLogins = 10_000) {}

  /**
   * Takes the login's turn as `claimSignInAttempt` does for an account: charged
   * as a failure up front. Returns 0 when it may try now, else the seconds to wait.
   */
  claim(key: string, now: Date): number {
    const entry = this.failures.get(key);
    if (entry && entry.blockedUntil > now.getTime()) return secondsUntil(new Date(entry.blockedUntil), now);
    const count = entry?.count ?? 0;
    this.failures.delete(key); // re-inserted last: the map's order is then oldest activity first
    this.failures.set(key, { count: count + 1, blockedUntil: now.getTime() + backoffSeconds(count) * 1000 });
    if (this.failures.size > this.maxLogins) this.forgetIdle(now);
    return 0;
  }

  /** Frees memory: logins idle for longer than the longest wait first, then the least recently tried. */
  private forgetIdle(now: Date): void {
    const idleSince = now.getTime() - MAX_BACKOFF_SECONDS * 1000;
    for (const [key, entry] of this.failures) if (entry.blockedUntil < idleSince) this.failures.delete(key);
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.maxLogins) break;
      this.failures.delete(key);
    }
  }
}
