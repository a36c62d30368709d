import { Hono, type Context } from 'hono';
import { messagesFor } from '../../views/context.ts';
import { clientAddress } from '../http/address.ts';
import type { PlatformEnv } from '../http/env.ts';
import { notFoundPage } from '../http/error-pages.tsx';
import { setFlash } from '../http/flash.ts';
import { findTenantById, HostTakenError } from '../tenancy/service.ts';
import { inviteCityAdmin, onboardCity, setCityStatus, SlugTakenError } from './cities.ts';
import { cityIdParam, type ConsoleDeps } from './deps.ts';
import { fieldErrors, inviteSchema, onboardSchema, readForm } from './forms.ts';
import { accountOf, requireOperator } from './guard.ts';
import { consoleMessages } from './messages.ts';
import { cityOrigin } from './site-url.ts';
import { DEFAULT_PRIMARY_COLOR, InvitationLinkPage, InviteAdminPage, OnboardPage, type OnboardValues } from './views/onboard-page.tsx';

const FIELDS = ['nameZh', 'nameEn', 'slug', 'host', 'primaryColor', 'adminEmail'] as const;

function onboardForm(c: Context<PlatformEnv>, values: OnboardValues, errors: Record<string, string>) {
  if (Object.keys(errors).length) c.status(400);
  return c.render(<OnboardPage values={values} errors={errors} platformDomain={c.var.config.PLATFORM_DOMAIN} />, {
    title: messagesFor(c, consoleMessages).onboardTitle,
  });
}

/** Operators onboard, suspend and resume cities. */
export function cityRoutes(deps: ConsoleDeps): Hono<PlatformEnv> {
  const app = new Hono<PlatformEnv>();

  app.get('/cities/new', requireOperator, (c) =>
    onboardForm(c, { nameZh: '', nameEn: '', slug: '', host: '', primaryColor: DEFAULT_PRIMARY_COLOR, adminEmail: '' }, {}),
  );

  app.post('/cities/new', requireOperator, async (c) => {
    const t = messagesFor(c, consoleMessages);
    const values = await readForm(c, FIELDS);
    const input = onboardSchema(c.var.config.PLATFORM_DOMAIN).safeParse(values);
    if (!input.success) return onboardForm(c, values, fieldErrors(input.error, t));
    const { nameZh, nameEn, slug, host, primaryColor, adminEmail } = input.data;
    const actor = `platform:${accountOf(c).email}`;
    try {
      const { tenant, inviteUrl } = await onboardCity(
        c.var.db,
        { names: { 'zh-CN': nameZh, en: nameEn }, slug, host, primaryColor, adminEmail },
        { actor, address: clientAddress(c) },
        (citySlug) => cityOrigin(c, citySlug),
      );
      deps.resolver.invalidate();
      c.var.log.info({ tenantId: tenant.id, slug }, 'city onboarded');
      // The link holds a secret: keep the page out of every cache.
      c.header('cache-control', 'no-store');
      return c.render(
        <InvitationLinkPage
          title={t.onboardedTitle}
          body={t.onboardedBody(tenant.names[c.var.locale])}
          inviteUrl={inviteUrl}
          mailedTo={adminEmail}
        />,
        { title: t.onboardedTitle },
      );
    } catch (err) {
      if (err instanceof SlugTakenError) return onboardForm(c, values, { slug: t.slugTaken });
      if (err instanceof HostTakenError) return onboardForm(c, values, { host: t.hostTaken });
      throw err;
    }
  });

  app.get('/cities/:id/invite', requireOperator, async (c) => {
    const id = cityIdParam(c.req.param('id'));
    const tenant = id ? await c.var.db.platform((tx) => findTenantById(tx, id)) : null;
    if (!tenant) return notFoundPage(c);
    const name = tenant.names[c.var.locale];
    return c.render(<InviteAdminPage cityId={tenant.id} cityName={name} email="" />, { title: messagesFor(c, consoleMessages).inviteTitle(name) });
  });

  app.post('/cities/:id/invite', requireOperator, async (c) => {
    const t = messagesFor(c, consoleMessages);
    const id = cityIdParam(c.req.param('id'));
    const tenant = id ? await c.var.db.platform((tx) => findTenantById(tx, id)) : null;
    if (!tenant) return notFoundPage(c);
    const name = tenant.names[c.var.locale];
    const values = await readForm(c, ['email'] as const);
    const input = inviteSchema.safeParse(values);
    if (!input.success) {
      c.status(400);
      return c.render(<InviteAdminPage cityId={tenant.id} cityName={name} email={values.email} error={fieldErrors(input.error, t).email} />, {
        title: t.inviteTitle(name),
      });
    }
    const by = { actor: `platform:${accountOf(c).email}`, address: clientAddress(c) };
    const invited = await inviteCityAdmin(c.var.db, tenant.id, input.data.email, by, (slug) => cityOrigin(c, slug));
    if (!invited) return notFoundPage(c);
    c.header('cache-control', 'no-store');
    return c.render(
      <InvitationLinkPage
        title={t.invitedTitle}
        body={t.invitedBody(name, input.data.email)}
        inviteUrl={invited.inviteUrl}
        mailedTo={input.data.email}
      />,
      { title: t.invitedTitle },
    );
  });

  for (const [path, status] of [['suspend', 'suspended'], ['resume', 'active']] as const) {
    app.post(`/cities/:id/${path}`, requireOperator, async (c) => {
      const id = cityIdParam(c.req.param('id'));
      const by = { actor: `platform:${accountOf(c).email}`, address: clientAddress(c) };
      const tenant = id ? await setCityStatus(c.var.db, id, status, by) : null;
      if (!tenant) return notFoundPage(c);
      // The city's own site must see the change on its next request.
      deps.resolver.invalidate();
      const t = messagesFor(c, consoleMessages);
      const name = tenant.names[c.var.locale];
      setFlash(c, { kind: 'success', message: status === 'suspended' ? t.suspendedFlash(name) : t.resumedFlash(name) });
      return c.redirect('/', 303);
    });
  }

  return app;
}
