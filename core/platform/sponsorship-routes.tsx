import { Hono, type Context } from 'hono';
import { messagesFor } from '../../views/context.ts';
import { PAGE_SIZE, pageFromQuery } from '../../views/components/pagination.tsx';
import { clientAddress } from '../http/address.ts';
import type { PlatformEnv } from '../http/env.ts';
import { notFoundPage } from '../http/error-pages.tsx';
import { setFlash } from '../http/flash.ts';
import { findTenantById, findTenantBySlug } from '../tenancy/service.ts';
import { SLUG_PATTERN } from '../tenancy/tenant.ts';
import { cityIdParam, type ConsoleDeps } from './deps.ts';
import { readForm } from './forms.ts';
import { accountOf, requireOperator } from './guard.ts';
import { consoleMessages } from './messages.ts';
import { cityOrigin } from './site-url.ts';
import { findFoundation, setSponsorship, sponsoredCitiesPage } from './sponsorships.ts';
import { FoundationPage, type FoundationView } from './views/foundation-page.tsx';

/** Operators name the cities each foundation sponsors (/foundations/<id>). */
export function sponsorshipRoutes(deps: ConsoleDeps): Hono<PlatformEnv> {
  const app = new Hono<PlatformEnv>();

  async function foundationOf(c: Context<PlatformEnv>): Promise<FoundationView | null> {
    const id = cityIdParam(c.req.param('id'));
    return id ? c.var.db.platform((tx) => findFoundation(tx, id)) : null;
  }

  async function page(c: Context<PlatformEnv>, foundation: FoundationView, form: { slug: string; error?: string }) {
    const page = pageFromQuery(c.req.query('page'));
    const { rows, total } = await c.var.db.platform((tx) => sponsoredCitiesPage(tx, foundation.id, page, PAGE_SIZE));
    const pluginNames = Object.fromEntries(deps.registry.all().map((p) => [p.id, p.name]));
    if (form.error) c.status(400);
    return c.render(
      <FoundationPage
        foundation={foundation}
        pluginNames={pluginNames}
        cities={rows.map((city) => ({ ...city, origin: cityOrigin(c, city.slug) }))}
        page={page}
        total={total}
        slug={form.slug}
        error={form.error}
      />,
      { title: messagesFor(c, consoleMessages).foundationTitle(foundation.name) },
    );
  }

  app.get('/foundations/:id', requireOperator, async (c) => {
    const foundation = await foundationOf(c);
    return foundation ? page(c, foundation, { slug: '' }) : notFoundPage(c);
  });

  app.post('/foundations/:id/cities', requireOperator, async (c) => {
    const foundation = await foundationOf(c);
    if (!foundation) return notFoundPage(c);
    const t = messagesFor(c, consoleMessages);
    const { slug } = await readForm(c, ['slug'] as const);
    const wanted = slug.trim().toLowerCase();
    if (!wanted) return page(c, foundation, { slug, error: t.required });
    const tenant = SLUG_PATTERN.test(wanted) ? await c.var.db.platform((tx) => findTenantBySlug(tx, wanted)) : null;
    if (!tenant) return page(c, foundation, { slug, error: t.unknownCitySlug });
    const by = { actor: `platform:${accountOf(c).email}`, address: clientAddress(c) };
    const granted = await setSponsorship(c.var.db, true, { foundation, tenant, by });
    const city = tenant.names[c.var.locale];
    setFlash(c, { kind: 'success', message: granted ? t.sponsorshipGranted(foundation.name, city) : t.sponsorshipUnchanged(foundation.name, city) });
    return c.redirect(`/foundations/${foundation.id}`, 303);
  });

  app.post('/foundations/:id/cities/:cityId/withdraw', requireOperator, async (c) => {
    const foundation = await foundationOf(c);
    const cityId = cityIdParam(c.req.param('cityId'));
    const tenant = foundation && cityId ? await c.var.db.platform((tx) => findTenantById(tx, cityId)) : null;
    if (!foundation || !tenant) return notFoundPage(c);
    const by = { actor: `platform:${accountOf(c).email}`, address: clientAddress(c) };
    await setSponsorship(c.var.db, false, { foundation, tenant, by });
    const t = messagesFor(c, consoleMessages);
    setFlash(c, { kind: 'success', message: t.sponsorshipWithdrawn(foundation.name, tenant.names[c.var.locale]) });
    return c.redirect(`/foundations/${foundation.id}`, 303);
  });

  return app;
}
