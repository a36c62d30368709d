import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { messagesFor, sitePath } from '../../views/context.ts';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey, rotateApiKey } from '../api/keys.ts';
import { scopesOf } from '../api/plugin-resources.ts';
import { API_SCOPES } from '../api/scopes.ts';
import { sitePlugins } from '../plugins/site-plugins.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv } from '../http/env.ts';
import { notFoundPage } from '../http/error-pages.tsx';
import { setFlash } from '../http/flash.ts';
import { idFrom, readForm } from '../http/handler-kit.ts';
import { requirePermission } from '../identity/guard.ts';
import { DAY_MS, parseLocalDate, toLocalDateInput } from '../volunteering/shared/time.ts';
import { apiKeyMessages } from './api-key-messages.ts';
import { ApiKeyShownPage, ApiKeysPage, type ApiKeyErrors, type ApiKeyForm } from './api-key-views.tsx';

type C = Context<AppEnv>;
const MAX_DAYS = 2 * 366;

/** The core's scopes and those of every installed plugin. */
const scopesFor = (c: C) => scopesOf(API_SCOPES, sitePlugins(c).registry.all());

async function keysPage(c: C, status: 200 | 400 | 409, form: ApiKeyForm, errors: ApiKeyErrors, notice?: string) {
  const keys = await c.var.unit.run((tx) => listApiKeys(tx, c.var.tenant.id));
  c.status(status);
  return c.render(<ApiKeysPage keys={keys} scopes={scopesFor(c)} form={form} errors={errors} notice={notice} />, { title: messagesFor(c, apiKeyMessages).title });
}

function shown(c: C, name: string, token: string) {
  // The page holds a secret: keep it out of every cache.
  c.header('cache-control', 'no-store');
  return c.render(<ApiKeyShownPage name={name} token={token} />, { title: messagesFor(c, apiKeyMessages).shownTitle });
}

const actorOf = (c: C) => ({ userId: c.var.user!.id, address: clientAddress(c) });

/** /admin/api-keys: a city admin makes keys with scopes and an expiry, sees each once, rotates and revokes them. */
export function apiKeyAdminRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requirePermission('api_keys.manage'));

  app.get('/', (c) => keysPage(c, 200, { name: '', scopes: [], expires: toLocalDateInput(new Date(Date.now() + 365 * DAY_MS)) }, {}));

  app.post('/', async (c) => {
    const t = messagesFor(c, apiKeyMessages);
    const values = await readForm(c, ['name', 'expires'], ['scopes']);
    const form = { name: String(values.name).slice(0, 200), expires: String(values.expires).slice(0, 20), scopes: (values.scopes as string[]).slice(0, 50) };
    const now = Date.now();
    const parsed = z
      .object({
        name: z.string().trim().min(1, t.nameRequired).max(60, t.nameRequired),
        scopes: z.array(z.enum(Object.keys(scopesFor(c)) as [string, ...string[]], t.scopesRequired)).min(1, t.scopesRequired),
        expires: z.string().transform((v, ctx) => {
          const day = parseLocalDate(v);
          // The key works through the whole of its last day (China time).
          const end = day && new Date(day.getTime() + DAY_MS);
          if (!end || end.getTime() <= now + DAY_MS || end.getTime() > now + MAX_DAYS * DAY_MS) return (ctx.addIssue({ code: 'custom', message: t.expiresInvalid }), z.NEVER);
          return end;
        }),
      })
      .safeParse(form);
    if (!parsed.success) {
      const errors: ApiKeyErrors = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as keyof ApiKeyErrors] ??= issue.message;
      return keysPage(c, 400, form, errors);
    }
    const { name, scopes, expires } = parsed.data;
    const { token } = await c.var.unit.run((tx) => createApiKey(tx, c.var.tenant.id, { name, scopes: [...new Set(scopes)], expiresAt: expires }, actorOf(c)));
    return shown(c, name, token);
  });

  app.post('/:id/rotate', async (c) => {
    const id = idFrom(c);
    const key = id && (await c.var.unit.run((tx) => findApiKey(tx, c.var.tenant.id, id)));
    if (!id || !key) return notFoundPage(c);
    const rotated = await c.var.unit.run((tx) => rotateApiKey(tx, c.var.tenant.id, id, actorOf(c)));
    if (!rotated) return keysPage(c, 409, { name: '', scopes: [], expires: '' }, {}, messagesFor(c, apiKeyMessages).cannotChange);
    return shown(c, key.name, rotated.token);
  });

  app.post('/:id/revoke', async (c) => {
    const id = idFrom(c);
    const key = id && (await c.var.unit.run((tx) => findApiKey(tx, c.var.tenant.id, id)));
    if (!id || !key) return notFoundPage(c);
    await c.var.unit.run((tx) => revokeApiKey(tx, c.var.tenant.id, id, actorOf(c)));
    setFlash(c, { kind: 'success', message: messagesFor(c, apiKeyMessages).revokedFlash(key.name) });
    return c.redirect(sitePath(c, '/admin/api-keys'), 303);
  });

  return app;
}
