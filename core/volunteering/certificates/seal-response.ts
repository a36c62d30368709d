import type { Context } from 'hono';
import type { Seal } from './seals.ts';

/**
 * A seal image as a response: the type sniffed at upload (never SVG), `nosniff` so
 * no browser guesses another; the site's CSP (core/http/security-headers.ts) applies as on every response.
 */
export function sealResponse(c: Context, seal: Seal, cacheControl: string): Response {
  const extension = seal.contentType.slice('image/'.length);
  return c.body(new Uint8Array(seal.image), 200, {
    'content-type': seal.contentType,
    'content-length': String(seal.image.length),
    'content-disposition': `inline; filename="seal.${extension}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': cacheControl,
  });
}
