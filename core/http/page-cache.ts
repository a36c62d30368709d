import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { renderedBody } from '../../views/renderer.tsx';
import { readSessionCookie } from '../identity/sessions.ts';
import type { CityChanges } from './city-changes.ts';
import type { AppEnv } from './env.ts';
import { FLASH_COOKIE } from './flash.ts';
import { parseRequestUrl } from './request-url.ts';

type Entry = { body: string; headers: Record<string, string>; nonce: string | undefined; generation: number; expires: number };

export type PageCacheOptions = {
  /** How long a page is served from memory; 0 turns the cache off. */
  seconds: number;
  changes: CityChanges;
  /** Pages kept at most, the oldest going first: 2,000 pages of 10–20 KB stay under 40 MB a process. */
  maxEntries?: number;
};

/**
 * Whole pages for visitors who are not signed in, kept a few seconds per city,
 * so a Monday-morning crowd on a city's front page costs the database one read
 * every few seconds instead of one a visit. Only pages a route offers
 * (`offerToPageCache`) are kept, only 200 answers without cookies, and only for
 * requests without a session or a flash message. A change to the city
 * (`CityChanges`) makes its kept pages stale at once; the time limit covers
 * what changes without a request (scheduled jobs, the clock): a page is then
 * at most `seconds` old, plus the time it takes to make it again.
 */
export function createPageCache({ seconds, changes, maxEntries = 2000 }: PageCacheOptions) {
  const ttlMs = seconds * 1000;
  const entries = new Map<string, Entry>();
  /** Pages being made afresh after their time ran out. */
  const refreshing = new Set<string>();

  function keyOf(c: Context<AppEnv>): string | null {
    if (c.req.method !== 'GET') return null;
    if (readSessionCookie(c) !== undefined || getCookie(c, FLASH_COOKIE) !== undefined) return null;
    const url = parseRequestUrl(c.req.url);
    // The host is part of the key: a page may carry its own absolute address (a certificate's QR code).
    return [url.authority, url.pathname, url.search, c.get('locale'), c.req.header('hx-request') ?? '', c.req.header('hx-target') ?? ''].join('\n');
  }

  function serve(c: Context<AppEnv>, entry: Entry): Response {
    // The page carries the nonce of the response it was made for; this response has its own.
    const nonce = c.get('secureHeadersNonce');
    const body = entry.nonce && nonce ? entry.body.replaceAll(entry.nonce, nonce) : entry.body;
    return c.body(body, 200, entry.headers);
  }

  /** For a city's site, after the city and the locale are known and before the visitor is read. */
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const key = ttlMs > 0 ? keyOf(c) : null;
    if (key === null) return next();
    const generation = changes.generationOf(c.get('tenant').id);
    const kept = entries.get(key);
    if (kept && kept.generation === generation) {
      // Out of time but not changed: while one request makes the page afresh, the others get the kept one
      // rather than all making it at once (every few seconds, on a busy page).
      if (kept.expires > Date.now() || refreshing.has(key)) return serve(c, kept);
      refreshing.add(key);
    }
    try {
      await next();
    } finally {
      refreshing.delete(key);
    }
    if (c.get('pageCacheOffer') !== true || c.res.status !== 200 || c.res.headers.has('set-cookie')) return;
    const answer = c.res;
    // A rendered page is kept as it was rendered: reading the answer back would build a web Response and a stream.
    let body = renderedBody(answer);
    if (body === undefined) {
      body = await answer.text();
      // Answered again as a plain string with the same status and headers. Cleared first: replacing an
      // answer, Hono would copy it through its body stream, which @hono/node-server then has to read back.
      c.res = undefined;
      c.res = new Response(body, { status: answer.status, headers: answer.headers });
    }
    if (kept) entries.delete(key);
    else if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(key, { body, headers: pageHeaders(answer.headers), nonce: c.get('secureHeadersNonce'), generation, expires: Date.now() + ttlMs });
  };

  return { middleware };
}

/** What a kept page answers with again: not its request id (each response has its own) nor a cookie. */
function pageHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of headers) if (name !== 'x-request-id' && name !== 'set-cookie') kept[name] = value;
  return kept;
}

export type PageCache = ReturnType<typeof createPageCache>;

/**
 * A route says its answer to a visitor who is not signed in is the same for
 * every such visitor of this city and language, so it may be kept a few seconds.
 */
export function offerToPageCache(c: Context<AppEnv>): void {
  c.set('pageCacheOffer', true);
}
