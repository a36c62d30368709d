import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import { pageRenderer } from '../../views/renderer.tsx';
import { staticAsset } from '../../views/static.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { BaseVariables } from './env.ts';
import { readFlash } from './flash.ts';
import { requestLogger } from './logger.ts';
import { refuseNul } from './refuse-nul.ts';
import { securityHeaders } from './security-headers.ts';

export type PlumbingDeps = { db: Database; config: Config; logger: Logger; jobs: JobQueue };

/**
 * What every site (a city's, the platform console) has in front of its routes:
 * request id, log line, security headers, body limit, health checks, static
 * assets, flash messages and the page renderer.
 */
export function applyPlumbing<E extends { Variables: BaseVariables }>(app: Hono<E>, deps: PlumbingDeps): void {
  const base = app as unknown as Hono<{ Variables: BaseVariables }>;
  base.use(requestId());
  base.use(requestLogger(deps.logger));
  base.use(securityHeaders());
  base.use(async (c, next) => {
    c.set('config', deps.config);
    c.set('jobs', deps.jobs);
    c.set('nav', []);
    c.set('flash', null);
    c.set('base', '');
    c.set('locale', 'zh-CN');
    await next();
  });
  base.get('/healthz', (c) => c.json({ status: 'ok' }));
  base.get('/readyz', async (c) => {
    try {
      await deps.db.ping();
      return c.json({ status: 'ready' });
    } catch {
      return c.json({ status: 'database unreachable' }, 503);
    }
  });
  base.get('/static/*', (c) => {
    const asset = staticAsset(c.req.path);
    if (!asset) return c.text('Not found', 404);
    return c.body(asset.body, 200, {
      'content-type': `${asset.type}; charset=utf-8`,
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });
  const limitBody = bodyLimit({
    maxSize: deps.config.BODY_LIMIT_BYTES,
    onError: () => {
      throw new HTTPException(413, { message: 'body too large' });
    },
  });
  // Only requests that may carry a body we read: looking for one makes node-server build a full Request
  // (an AbortController and undici's headers), a tenth of a cached page's CPU.
  base.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  base.use(readFlash());
  base.use(pageRenderer());
  base.use(refuseNul);
}
