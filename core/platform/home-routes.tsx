import { Hono, type Context } from 'hono';
import { messagesFor } from '../../views/context.ts';
import { PAGE_SIZE, pageFromQuery } from '../../views/components/pagination.tsx';
import type { PlatformAccount, PlatformEnv } from '../http/env.ts';
import { listEnablements, switchedOffByCity } from '../plugins/enablement.ts';
import { listFoundations } from './accounts.ts';
import { countUsers, listCitiesPage } from './cities.ts';
import type { ConsoleDeps } from './deps.ts';
import { accountOf, requireAccount } from './guard.ts';
import { consoleMessages } from './messages.ts';
import { cityOrigin } from './site-url.ts';
import { sponsoredCitiesPage, sponsoredCityCounts } from './sponsorships.ts';
import { CitiesPage } from './views/cities-page.tsx';
import { FoundationHomePage, type PluginState } from './views/foundation-home-page.tsx';

/** GET /: operators see the cities and foundations, foundations the modules they sponsor in each city they sponsor. */
export function homeRoutes(deps: ConsoleDeps): Hono<PlatformEnv> {
  const app = new Hono<PlatformEnv>();
  app.get('/', requireAccount, (c) => {
    const account = accountOf(c);
    return account.kind === 'operator' ? operatorHome(c, deps) : foundationHome(c, deps, account);
  });
  return app;
}

async function operatorHome(c: Context<PlatformEnv>, deps: ConsoleDeps) {
  const page = pageFromQuery(c.req.query('page'));
  const db = c.var.db;
  const { rows, total, foundations } = await db.platform(async (tx) => {
    const cityCounts = await sponsoredCityCounts(tx);
    return {
      ...(await listCitiesPage(tx, page, PAGE_SIZE)),
      foundations: (await listFoundations(tx)).map((f) => ({ ...f, cities: cityCounts.get(f.id) ?? 0 })),
    };
  });
  // One transaction per city: no query ever spans two cities.
  const cities = await Promise.all(
    rows.map(async (city) => ({
      ...city,
      users: await db.tenant(city.id, (tx) => countUsers(tx, city.id)),
      origin: cityOrigin(c, city.slug),
    })),
  );
  const pluginNames = Object.fromEntries(deps.registry.all().map((p) => [p.id, p.name]));
  return c.render(<CitiesPage cities={cities} page={page} total={total} foundations={foundations} pluginNames={pluginNames} />, {
    title: messagesFor(c, consoleMessages).citiesTitle,
  });
}

async function foundationHome(c: Context<PlatformEnv>, deps: ConsoleDeps, account: PlatformAccount) {
  const page = pageFromQuery(c.req.query('page'));
  const db = c.var.db;
  const plugins = account.sponsoredPlugins.flatMap((id) => {
    const plugin = deps.registry.get(id);
    return plugin ? [{ id: plugin.id, name: plugin.name }] : [];
  });
  const { rows, total } = plugins.length ? await db.platform((tx) => sponsoredCitiesPage(tx, account.id, page, PAGE_SIZE)) : { rows: [], total: 0 };
  const cities = await Promise.all(
    rows.map(async (city) => {
      const enablements = await db.tenant(city.id, (tx) => listEnablements(tx, city.id));
      const states = new Map<string, PluginState>(
        enablements.map((row) => [row.pluginId, row.enabled ? 'on' : switchedOffByCity(row) ? 'off-by-city' : 'off']),
      );
      return { ...city, origin: cityOrigin(c, city.slug), states };
    }),
  );
  return c.render(<FoundationHomePage cities={cities} plugins={plugins} page={page} total={total} />, {
    title: messagesFor(c, consoleMessages).foundationHomeTitle,
  });
}
