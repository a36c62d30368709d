import type { Context, MiddlewareHandler } from 'hono';
import { recordAudit } from '../audit/service.ts';
import { clientAddress } from '../http/address.ts';
import { SlidingWindowLimiter } from '../identity/rate-limit.ts';
import type { ApiEnv } from './env.ts';
import { authenticateApiKey } from './keys.ts';
import { ApiProblem } from './problem.ts';

const unauthorized = (detail: string) =>
  new ApiProblem(401, 'unauthorized', 'Unauthorized', detail, undefined, { 'www-authenticate': 'Bearer realm="api"' });

/**
 * Reads `Authorization: Bearer <key>` when a request carries one: a key of this city,
 * live, within its rate limit. Every answered use (status below 400) goes into the
 * audit log in the request's transaction; a refused one changes nothing. Routes that
 * need a key say so with `requireScope`.
 */
export function authenticateKey(requestsPerMinute: number): MiddlewareHandler<ApiEnv> {
  const limiter = new SlidingWindowLimiter(requestsPerMinute, 60_000);
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined) return next();
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw unauthorized('The Authorization header must be "Bearer <API key>".');
    const key = await c.var.unit.run((tx) => authenticateApiKey(tx, c.var.tenant.id, token));
    if (!key) throw unauthorized('This API key is not valid for this city: unknown, revoked or expired.');
    const wait = limiter.retryAfter(key.id);
    if (wait > 0) throw new ApiProblem(429, 'rate-limited', 'Too many requests', `This key may make ${requestsPerMinute} requests a minute; try again in ${wait} s.`, undefined, { 'retry-after': String(wait) });
    limiter.hit(key.id);
    c.set('apiKey', key);
    await next();
    if (c.res.status < 400) await auditUse(c);
  };
}

async function auditUse(c: Context<ApiEnv>) {
  const key = c.var.apiKey;
  await c.var.unit.run((tx) =>
    recordAudit(tx, key.tenantId, {
      actor: `api_key:${key.id}`,
      action: 'api.request',
      target: `api_key:${key.id}`,
      address: clientAddress(c),
      detail: { method: c.req.method, path: new URL(c.req.url).pathname, status: c.res.status },
    }),
  );
}

/** The key this route needs, holding `scope`: 401 without a key, 403 without the scope. */
export function requireScope(scope: string): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const key = c.get('apiKey') as ApiEnv['Variables']['apiKey'] | undefined;
    if (!key) throw unauthorized('This route needs an API key: send "Authorization: Bearer <API key>".');
    if (!key.scopes.includes(scope)) throw new ApiProblem(403, 'forbidden', 'Forbidden', `This API key lacks the scope "${scope}".`);
    await next();
  };
}
