import type { MiddlewareHandler } from 'hono';
import type { OpenAPIHono, RouteConfig, RouteHandler } from '@hono/zod-openapi';
import { requireScope } from './authenticate.ts';
import type { ApiEnv } from './env.ts';
import { idempotent } from './idempotency.ts';

/** One route of the API: its OpenAPI description (what the document lists and tests check) and how to mount it. */
export type ApiRoute = { config: RouteConfig; mount: (app: OpenAPIHono<ApiEnv>) => void };

export function apiRoute<R extends RouteConfig>(config: R, handler: RouteHandler<R, ApiEnv>): ApiRoute {
  return { config, mount: (app) => void app.openapi(config, handler as never) };
}

/** A route that needs a key with `scope`; a write also takes an Idempotency-Key. */
export function keyed(scope: string, kind: 'read' | 'write' = 'read'): { middleware: MiddlewareHandler<ApiEnv>[]; security: { apiKey: string[] }[] } {
  return {
    middleware: kind === 'write' ? [requireScope(scope), idempotent] : [requireScope(scope)],
    security: [{ apiKey: [scope] }],
  };
}
