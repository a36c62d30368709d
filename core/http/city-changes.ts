import type { MiddlewareHandler } from 'hono';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import type { AppEnv } from './env.ts';

/** Other processes of the platform hear of a city's change on this PostgreSQL channel. */
const CHANNEL = 'vc_city_changes';
/** The payload that means "every city" (a change made in the platform console). */
const EVERY_CITY = '*';

/**
 * Counts changes per city, so what a process keeps in memory about a city (its
 * public pages, its modules) can tell it is out of date: anything kept at an
 * older generation is stale. Every change request to a city's site (any
 * non-GET) counts as a change of that city, every change request to the
 * console as a change of every city; other processes hear of them through
 * PostgreSQL NOTIFY.
 */
export function createCityChanges(options: { onEveryCity?: () => void } = {}) {
  const generations = new Map<string, number>();
  let everyCity = 0;
  let broadcast: (tenantId: string) => void = () => {};

  function changed(tenantId: string) {
    if (tenantId === EVERY_CITY) {
      everyCity += 1;
      options.onEveryCity?.();
    } else generations.set(tenantId, (generations.get(tenantId) ?? 0) + 1);
  }

  /** Counts the change after the request, whatever its outcome: a failed request may have changed something first. */
  const afterChange =
    (tenantOf: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => string): MiddlewareHandler<AppEnv> =>
    async (c, next) => {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
      try {
        await next();
      } finally {
        const tenantId = tenantOf(c);
        changed(tenantId);
        broadcast(tenantId);
      }
    };

  return {
    generationOf: (tenantId: string) => everyCity + (generations.get(tenantId) ?? 0),
    /** For a city's site, after the city is known. */
    cityMiddleware: afterChange((c) => c.get('tenant').id),
    /** For the platform console: its changes (a city's settings, status, modules) may show on every city's pages. */
    consoleMiddleware: afterChange(() => EVERY_CITY) as MiddlewareHandler,

    /**
     * Tells the platform's other processes about changes and listens to theirs.
     * While the listening connection is down, notices are lost: each
     * (re)connection counts as a change of every city.
     */
    async connect(db: Database, logger: Logger): Promise<void> {
      if (!('postgres' in db.driver)) return; // PGlite lives in one process
      const client = db.driver.postgres;
      const me = randomUUID();
      broadcast = (tenantId) => {
        client.notify(CHANNEL, `${me} ${tenantId}`).catch((error: unknown) => logger.warn({ err: error }, 'city change notice not sent'));
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

export type CityChanges = ReturnType<typeof createCityChanges>;
