import { existsSync } from 'node:fs';
import type { PluginDefinition, RouteIdKind } from '../../core/plugins/define-plugin.ts';
import { setPluginEnablement } from '../../core/plugins/enablement.ts';
import type { TestPlatform } from './platform.ts';
import { PluginKit } from './plugin-kit/index.ts';
import { paramsOf, type Route } from './routes.ts';

/**
 * What each route parameter of the attack suites names. The core's routes are
 * listed here; a plugin's routes take the kinds the plugin declares in its
 * definition (`routeIds`), so a new plugin is attacked without editing the suites.
 */
export const CORE_ID_KINDS: Record<string, RouteIdKind> = {
  'organisations/:id': 'organisation',
  'projects/:id': 'project',
  'activities/:id': 'activity',
  'records/:id': 'record',
  'service-records/:id': 'record',
  'api-keys/:id': 'apiKey',
  'webhooks/:id': 'webhookEndpoint',
  'deliveries/:deliveryId': 'webhookDelivery',
  'items/:recordId': 'record',
  'certificates/:id': 'certificate',
  'verify/:code': 'certificateCode',
  'spot-checks/:id': 'spotCheck',
  'imports/:id': 'serviceRecordImport',
  'transfers/:id': 'volunteerTransfer',
  'transfer/:id': 'volunteerTransfer',
  'needs/:id': 'need',
  'members/:userId': 'user',
  'volunteers/:userId': 'user',
  'signups/:userId': 'user',
  'attendance/:userId': 'user',
  'sessions/:id': 'session',
  'passkeys/:id': 'passkey',
  'invite/:token': 'invitationToken',
  'reset-password/:token': 'passwordResetToken',
  'plugins/:id': { notACityRow: 'a plugin id names code shared by every city; the route acts on the caller’s own city' },
};

/** What each route parameter of the platform console names: rows of the global tables, or installed code. */
export const CONSOLE_ID_KINDS: Record<string, string> = {
  'cities/:id': 'city',
  'cities/:cityId': 'city',
  'foundations/:id': 'foundation',
  'plugins/:pluginId': 'plugin',
};

export type RouteParam = { name: string; after: string };

const pluginOf = (plugins: readonly PluginDefinition[], route: Route) => {
  // A plugin's pages are under /p/<id>/, its API resources under /api/v1/p/<id>/.
  const id = /^(?:\/api\/v1)?\/p\/([^/]+)\//.exec(route.path)?.[1];
  return id ? plugins.find((plugin) => plugin.id === id) : undefined;
};

/** The declared kind of a route's parameter: the plugin's when the route is a plugin's, else the core's. */
export function idKindOf(plugins: readonly PluginDefinition[], route: Route, param: RouteParam): RouteIdKind | undefined {
  const key = `${param.after}/:${param.name}`;
  const plugin = pluginOf(plugins, route);
  return plugin ? plugin.routeIds?.[key] : CORE_ID_KINDS[key];
}

/** Declarations no route parameter matches any more: a stale one hides a renamed route from the suites. */
export function unusedDeclarations(plugins: readonly PluginDefinition[], routes: Route[]): string[] {
  const used = new Set(routes.flatMap((route) => paramsOf(route.path).map((q) => `${pluginOf(plugins, route)?.id} ${q.after}/:${q.name}`)));
  return plugins.flatMap((plugin) => Object.keys(plugin.routeIds ?? {}).map((key) => `${plugin.id} ${key}`)).filter((key) => !used.has(key));
}

/** Every plugin of the platform switched on, with its default settings, in each of these cities. */
export async function enableEveryPlugin(p: TestPlatform, slugs: string[]): Promise<void> {
  for (const slug of slugs) {
    const tenantId = p.cities[slug]!.id;
    for (const plugin of p.registry.all()) {
      await p.db.tenant(tenantId, (tx) => setPluginEnablement(tx, tenantId, plugin, { enabled: true, settings: {}, changedBy: 'test' }));
    }
  }
}

type RowsOfEachKind = (kit: PluginKit, slug: string, adminId: string) => Promise<Record<string, string>>;

/**
 * A real row of each kind every plugin declares, made in the city by the
 * plugin's own test fixture `tests/plugins/<id>/route-ids.ts` (`rowsOfEachKind`),
 * each on a page the city's admin can open.
 */
export async function pluginRowsOfEachKind(p: TestPlatform, slug: string, adminId: string): Promise<Record<string, string>> {
  const rows: Record<string, string> = {};
  for (const plugin of p.registry.all()) {
    // Core kinds (`'user'`) a plugin's route may take come from the suite's own set-up.
    const kinds = new Set(Object.values(plugin.routeIds ?? {}).filter((k): k is string => typeof k === 'string' && k.startsWith(`${plugin.id}.`)));
    if (kinds.size === 0) continue;
    const file = new URL(`../plugins/${plugin.id}/route-ids.ts`, import.meta.url);
    const fixture = existsSync(file) ? ((await import(file.href)) as { rowsOfEachKind?: RowsOfEachKind }) : {};
    if (!fixture.rowsOfEachKind) throw new Error(`${plugin.id} declares id kinds: tests/plugins/${plugin.id}/route-ids.ts must export rowsOfEachKind(kit, slug, adminId)`);
    const made = await fixture.rowsOfEachKind(new PluginKit(p), slug, adminId);
    const missing = [...kinds].filter((k) => !made[k]);
    if (missing.length > 0) throw new Error(`tests/plugins/${plugin.id}/route-ids.ts made no row of ${missing.join(', ')}`);
    Object.assign(rows, made);
  }
  return rows;
}
