/**
 * A sliding-window counter per key (a client address): at most `limit` hits in
 * any `windowMs`. It lives in this process's memory, so each app process counts
 * on its own; several processes behind a balancer each allow `limit`.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may try again; 0 when it may now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.limit]! + this.windowMs - this.now()) / 1000));
  }

  hit(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.sweep();
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.hits.get(key) ?? []).filter((t) => t > since);
  }

  /** Forgets keys with nothing left in the window, so memory stays bounded by recent clients. */
  private sweep(): void {
    for (const key of [...this.hits.keys()]) {
      if (this.recent(key).length === 0) this.hits.delete(key);
    }
  }
}

/**
 * Sign-in attempts per client address: failed passwords, started passkey
 * ceremonies and wrong current passwords, 10 in any 5 minutes. Successful
 * password sign-ins do not count: many citizens share one carrier-grade NAT address.
 */
export function createSignInLimiter(now?: () => number): SlidingWindowLimiter {
  return new SlidingWindowLimiter(10, 5 * 60 * 1000, now);
}

/**
 * Registrations per client address: 20 in any 10 minutes. A volunteer drive
 * registers many people at once on one venue's network, so it is not lower.
 */
export function createRegistrationAddressLimiter(now?: () => number): SlidingWindowLimiter {
  return new SlidingWindowLimiter(20, 10 * 60 * 1000, now);
}

/** Registrations of one login (an email or a mobile number), from anywhere: 5 in any hour. */
export function createRegistrationLoginLimiter(now?: () => number): SlidingWindowLimiter {
  return new SlidingWindowLimiter(5, 60 * 60 * 1000, now);
}

/** Password reset requests per client address: 20 in any 10 minutes (one venue's network, as for registrations). */
export function createResetAddressLimiter(now?: () => number): SlidingWindowLimiter {
  return new SlidingWindowLimiter(20, 10 * 60 * 1000, now);
}

/** Password reset requests for one login (an email or a mobile number), from anywhere: 5 in any hour. */
export function createResetLoginLimiter(now?: () => number): SlidingWindowLimiter {
  return new SlidingWindowLimiter(5, 60 * 60 * 1000, now);
}
