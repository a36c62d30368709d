import { randomFillSync } from 'node:crypto';
import type { Context } from 'hono';

// 256 nonces' worth of random bytes drawn at once: one getrandom call a request was 2% of a
// signed-in page's Node CPU. Each nonce is 16 bytes never handed out before, as unpredictable as its own call's.
const NONCE_BYTES = 16;
const pool = Buffer.alloc(NONCE_BYTES * 256);
let used = pool.length;

function nextNonce(): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += NONCE_BYTES;
  return pool.toString('base64', used - NONCE_BYTES, used);
}

/** hono's `NONCE` for the CSP's script and style sources, the nonce from the pool: one a response, kept where the views read it. */
export function cspNonce(c: Context): string {
  let nonce = c.get('secureHeadersNonce') as string | undefined;
  if (!nonce) {
    nonce = nextNonce();
    c.set('secureHeadersNonce', nonce);
  }
  return `'nonce-${nonce}'`;
}
