import type { MiddlewareHandler } from 'hono';
import pino, { type Logger } from 'pino';
import type { BaseVariables } from './env.ts';
import { parseRequestUrl } from './request-url.ts';

export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}

/** One structured line per request, with its request id; handlers log through `c.var.log`. */
export function requestLogger(root: Logger): MiddlewareHandler<{ Variables: BaseVariables }> {
  return async (c, next) => {
    const start = performance.now();
    const log = root.child({ requestId: c.get('requestId') });
    c.set('log', log);
    await next();
    const ms = Math.round((performance.now() - start) * 10) / 10;
    const line = { method: c.req.method, host: parseRequestUrl(c.req.url).authority, path: c.req.path, status: c.res.status, ms };
    if (c.res.status >= 500) log.error(line, 'request failed');
    else log.info(line, 'request');
  };
}
