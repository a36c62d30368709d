import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { readSessionCookie } from '../identity/sessions.ts';
import type { AppEnv } from './env.ts';
import { FLASH_COOKIE } from './flash.ts';

/** Other processes of the platform hear of a city's change on this PostgreSQL channel. */
const CHANNEL = 'vc_page_cache';
/** The payload that means "every city" (a change made in the platform console). */
const EVERY_CITY = '*';

type Entry = { body: string; headers: Record<string, string>; nonce: string | undefined; generation: number; expires: number };

export type PageCacheOptions = {
  /** How long a page is served from memory; 0 turns the cache off. */
  seconds: number;
  /** Pages kept at most; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
};

/**
 * Whole pages for visitors who are not signed in, kept a few seconds per city,
 * so a Monday-morning crowd on a city's front page costs the database one read
 * every few seconds instead of one a visit. Only pages a route offers
 * (`offerToPageCache`) are kept, only 200 answers without cookies, and only for
 * requests without a session or a flash message. Any change sent to a city's
 * site (every non-GET request) makes its kept pages stale at once in this
 * process and, through PostgreSQL NOTIFY, in the others; the time limit covers
 * what changes without a request (scheduled jobs, the clock).
 */
export function createPageCache(options: PageCacheOptions) {
  const ttlMs = options.seconds * 1000;
  const maxEntries = options.maxEntries ?? 5000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  /** Bumped on every change to a city; a page made at an older generation is stale. */
  const generations = new Map<string, number>();
  let everyCity = 0;
  let broadcast: (tenantId: string) => void = () => {};

  const generationOf = (tenantId: string) => everyCity + (generations.get(tenantId) ?? 0);

  function changed(tenantId: string) {
    if (tenantId === EVERY_CITY) everyCity += 1;
    else generations.set(tenantId, (generations.get(tenantId) ?? 0) + 1);
  }

  function keyOf(c: Context<AppEnv>): string | null {
    if (c.req.method !== 'GET') return null;
    if (readSessionCookie(c) !== undefined || getCookie(c, FLASH_COOKIE) !== undefined) return null;
    const url = new URL(c.req.url);
    // The host is part of the key: a page may carry its own absolute address (a certificate's QR code).
    return [url.host, url.pathname, url.search, c.var.locale, c.req.header('hx-request') ?? '', c.req.header('hx-target') ?? ''].join('\n');
  }

  function serve(c: Context<AppEnv>, entry: Entry): Response {
    // The page carries the nonce of the response it was made for; this response has its own.
    const nonce = c.get('secureHeadersNonce');
    const body = entry.nonce && nonce ? entry.body.replaceAll(entry.nonce, nonce) : entry.body;
    return c.body(body, 200, entry.headers);
  }

  /** For a city's site, after the city and the locale are known and before the visitor is read. */
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const tenantId = c.var.tenant.id;
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      try {
        await next();
      } finally {
        changed(tenantId);
        broadcast(tenantId);
      }
      return;
    }
    const key = ttlMs > 0 ? keyOf(c) : null;
    if (key === null) return next();
    const generation = generationOf(tenantId);
    const kept = entries.get(key);
    if (kept && kept.generation === generation && kept.expires > now()) return serve(c, kept);

    await next();
    if (c.get('pageCacheOffer') !== true || c.res.status !== 200 || c.res.headers.has('set-cookie')) return;
    const body = await c.res.text();
    c.res = new Response(body, c.res);
    if (kept) entries.delete(key);
    else if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(key, { body, headers: pageHeaders(c.res.headers), nonce: c.get('secureHeadersNonce'), generation, expires: now() + ttlMs });
  };

  /** For the platform console: a change there (a city's settings, its modules) may show on every city's pages. */
  const everyCityMiddleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    try {
      await next();
    } finally {
      changed(EVERY_CITY);
      broadcast(EVERY_CITY);
    }
  };

  return {
    middleware,
    everyCityMiddleware,
    /** Pages kept now, for tests and the logs. */
    get size() {
      return entries.size;
    },

    /**
     * Tells the platform's other processes about changes and listens to theirs.
     * While the listening connection is down, notices are lost: each reconnection
     * forgets every kept page.
     */
    async connect(db: Database, logger: Logger): Promise<void> {
      if (ttlMs <= 0 || !('postgres' in db.driver)) return; // PGlite lives in one process
      const client = db.driver.postgres;
      const me = randomUUID();
      broadcast = (tenantId) => {
        client.notify(CHANNEL, `${me} ${tenantId}`).catch((error: unknown) => logger.warn({ err: error }, 'page cache notice not sent'));
      };
      await client.listen(
        CHANNEL,
        (payload) => {
          const [from, tenantId] = payload.split(' ');
          if (from !== me && tenantId) changed(tenantId);
        },
        () => changed(EVERY_CITY),
      );
    },
  };
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
