import type { Context } from 'hono';
import type { Config } from '../config.ts';
import type { PlatformEnv } from '../http/env.ts';

/** A city's own origin, `<scheme>://<slug>.<platform domain>[:port]`, with the port this request came in on. */
export function cityOrigin(c: Context<PlatformEnv>, slug: string): string {
  const { PUBLIC_SCHEME, PLATFORM_DOMAIN } = c.var.config;
  const port = new URL(c.req.url).port;
  return `${PUBLIC_SCHEME}://${slug}.${PLATFORM_DOMAIN}${port ? `:${port}` : ''}`;
}

/** What a city's address is made of where no request tells it. */
export type SiteAddress = Pick<Config, 'PUBLIC_SCHEME' | 'PLATFORM_DOMAIN' | 'PORT'>;

/**
 * A city's site where no request tells it (a job's message, a seed): its first own host,
 * else `<slug>.<platform domain>`. On the demo's `localhost` domain the own hosts do not
 * resolve, so it is `<slug>.localhost` with the port served.
 */
export function citySiteUrl(city: { slug: string; hosts: readonly string[] }, site: SiteAddress): string {
  if (site.PLATFORM_DOMAIN === 'localhost') return `${site.PUBLIC_SCHEME}://${city.slug}.localhost:${site.PORT}`;
  return `${site.PUBLIC_SCHEME}://${city.hosts[0] ?? `${city.slug}.${site.PLATFORM_DOMAIN}`}`;
}
