import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { RequestTarget } from '../http/request-url.ts';
import { findTenantByHost, findTenantBySlug, listTenants } from './service.ts';
import type { Tenant } from './tenant.ts';

/** Where a city's site answers: the host with its port (its origin's), and the path within the site. */
type Reached = { authority: string; path: string };

export type Site =
  | { kind: 'platform' }
  | ({ kind: 'tenant'; base: string; slug?: string; host: string } & Reached)
  | ({ kind: 'unknown' } & Reached);

/** A site that is not the console: a city's, or a host no city could have (a 404 page). */
export type CitySite = Exclude<Site, { kind: 'platform' }>;

/**
 * The front door (core/app.ts) works a request's site out once and hands it to
 * a city's site with the request's bindings (node-server's socket among them).
 */
export function withSite(bindings: unknown, site: CitySite): { site: CitySite } {
  return { ...(bindings as object | undefined), site };
}

/** The site the front door worked out, in a city's site (its path, its tenant). */
export function siteFrom(bindings: unknown): CitySite {
  return (bindings as { site: CitySite }).site;
}

const FALLBACK_PREFIX = /^\/t\/([a-z0-9-]+)(?=\/|$)/;

function isIpLiteral(host: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[');
}

export type SiteConfig = Pick<Config, 'PLATFORM_DOMAIN' | 'PUBLIC_SCHEME' | 'SLUG_PATH_FALLBACK'>;

/**
 * Whether `/t/<slug>/` on the console's host reaches a city. Every city reached
 * that way shares the console's origin, so by default only plain-HTTP setups
 * (a laptop, the tests) have it; a public HTTPS deployment must ask for it.
 */
export function slugPathFallback(config: SiteConfig): boolean {
  return config.SLUG_PATH_FALLBACK ? config.SLUG_PATH_FALLBACK === '1' : config.PUBLIC_SCHEME === 'http';
}

/**
 * Which site a request belongs to, from its address alone: the bare platform host is the
 * console; `<slug>.<platform>` or a custom domain is a city; `/t/<slug>/` on the
 * platform host (or an IP address) is the fallback for tools and tests, where allowed.
 */
export function siteOf(target: RequestTarget, config: SiteConfig): Site {
  const platformDomain = config.PLATFORM_DOMAIN;
  const host = target.hostname.toLowerCase();
  const { authority, pathname } = target;
  if (host === platformDomain || isIpLiteral(host)) {
    const m = slugPathFallback(config) ? FALLBACK_PREFIX.exec(pathname) : null;
    if (m) return { kind: 'tenant', base: m[0], slug: m[1], host, authority, path: sitePath(pathname.slice(m[0].length)) };
    return { kind: 'platform' };
  }
  const path = sitePath(pathname);
  if (host.endsWith(`.${platformDomain}`)) {
    const slug = host.slice(0, -platformDomain.length - 1);
    return slug.includes('.') ? { kind: 'unknown', authority, path } : { kind: 'tenant', base: '', slug, host, authority, path };
  }
  return { kind: 'tenant', base: '', host, authority, path };
}

/** The path a city's routes see: `/p/<id>/` and `/p/<id>` are the same page (Hono's `strict: false` would replace the site's getPath). */
function sitePath(path: string): string {
  if (path === '') return '/';
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

const CACHE_MS = 30_000;

/** A city as another city's site may name it (a transfer's destination): public facts only. */
export type CityListing = Pick<Tenant, 'id' | 'slug' | 'names'>;

/** Looks cities up by slug or custom host, with a short cache; changes through the console clear it. */
export function createTenantResolver(db: Database) {
  const cache = new Map<string, { tenant: Tenant | null; until: number }>();
  let active: { cities: CityListing[]; until: number } | null = null;
  return {
    /** The platform's active cities, read as the owner outside any city's transaction (the city's role cannot read them). */
    async activeCities(): Promise<CityListing[]> {
      if (active && active.until > Date.now()) return active.cities;
      const cities = (await db.platform((tx) => listTenants(tx))).filter((t) => t.status === 'active').map(({ id, slug, names }) => ({ id, slug, names }));
      active = { cities, until: Date.now() + CACHE_MS };
      return cities;
    },
    async resolve(site: Extract<Site, { kind: 'tenant' }>): Promise<Tenant | null> {
      const key = site.slug ? `slug:${site.slug}` : `host:${site.host}`;
      const hit = cache.get(key);
      if (hit && hit.until > Date.now()) return hit.tenant;
      const tenant = await db.platform((tx) => (site.slug ? findTenantBySlug(tx, site.slug) : findTenantByHost(tx, site.host)));
      cache.set(key, { tenant, until: Date.now() + CACHE_MS });
      return tenant;
    },
    invalidate() {
      cache.clear();
      active = null;
    },
  };
}

export type TenantResolver = ReturnType<typeof createTenantResolver>;
