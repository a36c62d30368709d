import { Hono } from 'hono';
import { messagesFor } from '../../views/context.ts';
import { PAGE_SIZE, pageFromQuery } from '../../views/components/pagination.tsx';
import type { PlatformEnv } from '../http/env.ts';
import { foundationReportSections } from '../plugins/foundation-report.ts';
import { findTenantById } from '../tenancy/service.ts';
import type { Tenant } from '../tenancy/tenant.ts';
import type { ConsoleDeps } from './deps.ts';
import { accountOf, requireFoundation } from './guard.ts';
import { reportMessages } from './report-messages.ts';
import { cityOrigin } from './site-url.ts';
import { sponsoredCitiesPage } from './sponsorships.ts';
import { FoundationReportPage } from './views/foundation-report-page.tsx';

/** GET /report: a foundation's report, each city it sponsors with the sections of the modules it sponsors there. */
export function reportRoutes(deps: ConsoleDeps): Hono<PlatformEnv> {
  const app = new Hono<PlatformEnv>();
  app.get('/report', requireFoundation, async (c) => {
    const account = accountOf(c);
    const page = pageFromQuery(c.req.query('page'));
    const { tenants, total } = await c.var.db.platform(async (tx) => {
      const { rows, total } = await sponsoredCitiesPage(tx, account.id, page, PAGE_SIZE);
      const found = await Promise.all(rows.map((row) => findTenantById(tx, row.id)));
      return { tenants: found.filter((t): t is Tenant => t !== null), total };
    });
    // One transaction per city: no query ever spans two cities.
    const cities = await Promise.all(
      tenants.map(async (city) => {
        const origin = cityOrigin(c, city.slug);
        return { city, origin, sections: await foundationReportSections(c.var.db, deps.registry, { tenant: city, siteUrl: origin }, { foundationId: account.id, pluginIds: account.sponsoredPlugins }, c.var.locale) };
      }),
    );
    return c.render(<FoundationReportPage cities={cities} page={page} total={total} />, { title: messagesFor(c, reportMessages).title });
  });
  return app;
}
