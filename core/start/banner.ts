import { tenantManifests } from '../../tenants/index.ts';
import type { Config } from '../config.ts';
import { DEMO_FOUNDATION } from '../platform/seed.ts';
import type { Tenant } from '../tenancy/tenant.ts';
import { slugPathFallback } from '../tenancy/resolver.ts';

/** Rows as indented columns, each as wide as its widest cell; the last is not padded, so a long role list pushes nothing. */
function alignColumns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`);
}

/** The banner's lines under its headline: the sites' addresses and, with the demo, its accounts. */
export function cityListing(cities: Tenant[], config: Config): string[] {
  const port = config.PORT === 80 ? '' : `:${config.PORT}`;
  const site = (host: string) => `${config.PUBLIC_SCHEME}://${host}${port}/`;
  // Under https the `/t/<slug>/` form is off unless asked for: never print a link that answers 404.
  const fallback = slugPathFallback(config);
  const lines = alignColumns([
    ['Platform console', site(config.PLATFORM_DOMAIN)],
    ...cities.map((c) => [c.names.en, site(`${c.slug}.${config.PLATFORM_DOMAIN}`) + (fallback ? `  (or ${site(config.PLATFORM_DOMAIN)}t/${c.slug}/)` : '')]),
  ]);
  if (config.SEED_DEMO === '1') {
    lines.push('Demo accounts (password after the slash):');
    lines.push(
      ...alignColumns([
        ['platform', `${config.PLATFORM_ADMIN_EMAIL} / ${config.PLATFORM_ADMIN_PASSWORD}`, 'platform operator'],
        ['platform', `${DEMO_FOUNDATION.email} / ${DEMO_FOUNDATION.password}`, 'foundation'],
        ...tenantManifests.flatMap((m) => (m.demoAccounts ?? []).map((a) => [m.slug, `${a.email} / ${a.password}`, a.roles.join(', ')])),
      ]),
    );
  }
  return lines;
}
