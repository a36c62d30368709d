import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../http/env.ts';
import { authenticateKey } from './authenticate.ts';
import { API_INFO } from './info.ts';
import type { ApiEnv } from './env.ts';
import { ApiProblem, problemResponse } from './problem.ts';
import { referencePage } from './reference-page.tsx';
import { catalogueRoutes } from './resources/catalogue.ts';
import { certificateRoutes } from './resources/certificates.ts';
import { ledgerRoutes } from './resources/ledger.ts';
import { publicLedgerRoutes } from './resources/public-ledger.ts';
import { limitByAddress } from './public-rate-limit.ts';
import { recordRoutes } from './resources/records.ts';
import { volunteerRoutes } from './resources/volunteers.ts';
import type { ApiRoute } from './route.ts';
import { pluginApiApp } from './plugin-resources.ts';
import type { PluginDefinition } from '../plugins/define-plugin.ts';

/** Every route of the core's API, in the order the document lists them. */
export const coreApiRoutes: readonly ApiRoute[] = [...catalogueRoutes, ...volunteerRoutes, ...recordRoutes, ...certificateRoutes, ...ledgerRoutes, ...publicLedgerRoutes];


/** Input that fails its schema: a 400 problem listing each field. */
const VALIDATION = {
  defaultHook: (result: { success: boolean; target: string; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => {
    if (result.success || !result.error) return;
    const errors = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || result.target, message: issue.message }));
    throw new ApiProblem(400, 'invalid-request', 'Invalid request', `The request's ${result.target} is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
  },
};

/**
 * The city's JSON API, mounted at `/api/v1` on the city's own host: routes declared
 * with zod schemas (which validate them and make `/api/v1/openapi.json`), a key of
 * this city on every keyed route, problem+json for every error.
 */
export function apiRoutes(options: { requestsPerMinute: number; plugins: readonly PluginDefinition[] }): Hono<AppEnv> {
  const app = new OpenAPIHono<ApiEnv>(VALIDATION);
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer', description: 'An API key of this city: `vck.<id>.<secret>`' });
  app.use(authenticateKey(options.requestsPerMinute));
  app.use('/ledger/public/*', limitByAddress(options.requestsPerMinute));
  for (const route of coreApiRoutes) route.mount(app);
  for (const plugin of options.plugins) if (plugin.api) app.route(`/p/${plugin.id}`, pluginApiApp(plugin, plugin.api, VALIDATION));
  app.doc31('/openapi.json', (c) => ({ openapi: '3.1.0', info: API_INFO, servers: [{ url: `${c.var.origin}${c.var.base}/api/v1` }] }));
  app.get('/', referencePage(app));
  app.all('*', () => {
    throw new ApiProblem(404, 'not-found', 'Not found', 'No such API route; the routes are listed at /api/v1/openapi.json.');
  });
  app.onError((err, c) => {
    if (err instanceof ApiProblem) return problemResponse(c, err);
    if (err instanceof HTTPException) return problemResponse(c, new ApiProblem(err.status as ContentfulStatusCode, 'http', err.message || 'Refused', err.message || 'The request was refused.'));
    c.var.log?.error({ err }, 'API request failed');
    return problemResponse(c, new ApiProblem(500, 'internal', 'Internal error', `Something went wrong on our side; the request changed nothing. Request id: ${c.var.requestId}.`));
  });
  return app as unknown as Hono<AppEnv>;
}
