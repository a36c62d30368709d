import type { MiddlewareHandler } from 'hono';
import { clientAddress } from '../http/address.ts';
import { SlidingWindowLimiter } from '../identity/rate-limit.ts';
import type { ApiEnv } from './env.ts';
import { ApiProblem } from './problem.ts';

/** Routes anyone may call without a key: each client address gets the rate a key gets. */
export function limitByAddress(requestsPerMinute: number): MiddlewareHandler<ApiEnv> {
  const limiter = new SlidingWindowLimiter(requestsPerMinute, 60_000);
  return async (c, next) => {
    const address = clientAddress(c);
    const wait = limiter.retryAfter(address);
    if (wait > 0) throw new ApiProblem(429, 'rate-limited', 'Too many requests', `Each address may make ${requestsPerMinute} requests a minute here; try again in ${wait} s.`, undefined, { 'retry-after': String(wait) });
    limiter.hit(address);
    await next();
  };
}
