import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/database.ts';
import { openTenantUnit } from '../db/tenant-unit.ts';
import type { AppEnv } from './env.ts';

/**
 * One tenant unit of work per request on a city's site: the visitor, their
 * permissions and the page's reads and writes share one transaction, begun
 * when first needed (a page from the cache opens none). It commits before the
 * answer leaves, so a redirect after a change shows the change; an error
 * (thrown, or answered by `onError`) rolls back everything not yet committed.
 */
export function unitOfWork(db: Database): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const owned = openTenantUnit(db, c.get('tenant').id);
    c.set('unit', owned.unit);
    try {
      await next();
    } catch (err) {
      await owned.end(false);
      throw err;
    }
    // Hono answers a handler's error with onError inside `next`, and leaves it in `c.error`.
    await owned.end(c.error === undefined);
  };
}
