import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { BaseVariables } from './env.ts';

/** The client's address for audit and rate limits; X-Forwarded-For only when TRUST_PROXY=1. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function clientAddress(c: Context<any>): string {
  if ((c.var as BaseVariables).config?.TRUST_PROXY === '1') {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}
