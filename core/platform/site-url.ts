import type { Context } from 'hono';
import type { PlatformEnv } from '../http/env.ts';

/** A city's own origin, `<scheme>://<slug>.<platform domain>[:port]`, with the port this request came in on. */
export function cityOrigin(c: Context<PlatformEnv>, slug: string): string {
  const { PUBLIC_SCHEME, PLATFORM_DOMAIN } = c.var.config;
  const port = new URL(c.req.url).port;
  return `${PUBLIC_SCHEME}://${slug}.${PLATFORM_DOMAIN}${port ? `:${port}` : ''}`;
}
