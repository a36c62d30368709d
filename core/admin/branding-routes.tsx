import { Hono } from 'hono';
import { messagesFor, sitePath } from '../../views/context.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv } from '../http/env.ts';
import { setFlash } from '../http/flash.ts';
import { readForm } from '../http/handler-kit.ts';
import { requirePermission } from '../identity/guard.ts';
import type { TenantResolver } from '../tenancy/resolver.ts';
import { BRANDING_FIELDS, brandingForm, brandingValues, updateBranding, type BrandingErrorKey, type BrandingStore, type BrandingValues } from './branding.ts';
import { brandingMessages } from './branding-messages.ts';
import { BrandingPage } from './branding-view.tsx';

/** /admin/branding: the city admin edits the site details residents see on every page. */
export function brandingAdminRoutes(deps: { resolver: Pick<TenantResolver, 'invalidate'>; saveBranding: BrandingStore }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requirePermission('tenant.manage'));

  app.get('/', (c) => c.render(<BrandingPage values={brandingValues(c.var.tenant.branding)} errors={{}} />, { title: messagesFor(c, brandingMessages).title }));

  app.post('/', async (c) => {
    const t = messagesFor(c, brandingMessages);
    const values = (await readForm(c, BRANDING_FIELDS)) as BrandingValues;
    const parsed = brandingForm.safeParse(values);
    if (!parsed.success) {
      const errors: Partial<Record<keyof BrandingValues, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof BrandingValues;
        errors[field] ??= t[issue.message as BrandingErrorKey] ?? t.required;
      }
      c.status(400);
      return c.render(<BrandingPage values={values} errors={errors} />, { title: t.title });
    }
    await updateBranding(c.var.unit, deps.saveBranding, c.var.tenant, parsed.data, { actor: `user:${c.var.user!.id}`, address: clientAddress(c) });
    // The next page must show the new details, not the city as this process last cached it.
    deps.resolver.invalidate();
    setFlash(c, { kind: 'success', message: t.saved });
    return c.redirect(sitePath(c, '/admin/branding'), 303);
  });
  return app;
}
