import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { PAGE_SIZE, pageFromQuery } from '../../views/components/pagination.tsx';
import { messagesFor, sitePath } from '../../views/context.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv } from '../http/env.ts';
import { notFoundPage } from '../http/error-pages.tsx';
import { setFlash } from '../http/flash.ts';
import { idFrom, readForm } from '../http/handler-kit.ts';
import { requirePermission } from '../identity/guard.ts';
import { sitePlugins } from '../plugins/site-plugins.ts';
import { addressPolicy, urlProblem } from './address-policy.ts';
import { endpointDeliveries, findDelivery, replayDelivery } from './deliveries.ts';
import { createEndpoint, deleteEndpoint, findEndpoint, listEndpoints, rotateEndpointSecret, setEndpointEnabled, type WebhookEndpoint } from './endpoints.ts';
import { webhookEventTypes } from './event-types.ts';
import { webhookMessages } from './messages.ts';
import { DeliveryLogPage, SecretShownPage, WebhooksPage, type EndpointErrors, type EndpointForm } from './views.tsx';

type C = Context<AppEnv>;

const eventTypesFor = (c: C) => webhookEventTypes(sitePlugins(c).registry.all());
const actorOf = (c: C) => ({ userId: c.var.user!.id, address: clientAddress(c) });
const emptyForm: EndpointForm = { url: '', description: '', events: [] };

async function endpointsPage(c: C, status: 200 | 400, form: EndpointForm, errors: EndpointErrors) {
  const endpoints = await c.var.unit.run((tx) => listEndpoints(tx, c.var.tenant.id));
  c.status(status);
  return c.render(<WebhooksPage endpoints={endpoints} eventTypes={eventTypesFor(c)} form={form} errors={errors} />, { title: messagesFor(c, webhookMessages).title });
}

async function logPage(c: C, status: 200 | 409, endpoint: WebhookEndpoint, notice?: string) {
  const page = pageFromQuery(c.req.query('page'));
  const { rows, total } = await c.var.unit.run((tx) => endpointDeliveries(tx, c.var.tenant.id, endpoint.id, page, PAGE_SIZE));
  c.status(status);
  return c.render(<DeliveryLogPage endpoint={endpoint} rows={rows} total={total} page={page} eventTypes={eventTypesFor(c)} notice={notice} />, { title: messagesFor(c, webhookMessages).logTitle });
}

function secretShown(c: C, url: string, secret: string, oldSecretUntil?: Date | null) {
  // The page holds a secret: keep it out of every cache.
  c.header('cache-control', 'no-store');
  return c.render(<SecretShownPage url={url} secret={secret} oldSecretUntil={oldSecretUntil} />, { title: messagesFor(c, webhookMessages).secretTitle });
}

/** The endpoint the route's `:id` names in this city, or null (→ 404). */
async function endpointOf(c: C): Promise<WebhookEndpoint | null> {
  const id = idFrom(c);
  return id ? c.var.unit.run((tx) => findEndpoint(tx, c.var.tenant.id, id)) : null;
}

function endpointSchema(c: C) {
  const t = messagesFor(c, webhookMessages);
  const urlMessage = { invalid: t.urlInvalid, https: t.urlHttps, address: t.urlAddress };
  return z.object({
    url: z
      .string()
      .trim()
      .max(2000, t.urlInvalid)
      .superRefine((v, ctx) => {
        const problem = urlProblem(v, addressPolicy());
        if (problem) ctx.addIssue({ code: 'custom', message: urlMessage[problem] });
      }),
    description: z.string().trim().max(100, t.descriptionTooLong),
    events: z.array(z.enum(Object.keys(eventTypesFor(c)) as [string, ...string[]], t.eventsRequired)).min(1, t.eventsRequired),
  });
}

/**
 * /admin/webhooks: a city admin registers endpoints for chosen events, sees each signing
 * secret once, rotates it, disables, enables and deletes endpoints, reads each one's
 * delivery log and sends a delivery again.
 */
export function webhookAdminRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requirePermission('webhooks.manage'));

  app.get('/', (c) => endpointsPage(c, 200, emptyForm, {}));

  app.post('/', async (c) => {
    const values = await readForm(c, ['url', 'description'], ['events']);
    const form = { url: String(values.url).slice(0, 2100), description: String(values.description).slice(0, 200), events: (values.events as string[]).slice(0, 50) };
    const parsed = endpointSchema(c).safeParse(form);
    if (!parsed.success) {
      const errors: EndpointErrors = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as keyof EndpointErrors] ??= issue.message;
      return endpointsPage(c, 400, form, errors);
    }
    const input = { ...parsed.data, events: [...new Set(parsed.data.events)] };
    const { secret } = await c.var.unit.run((tx) => createEndpoint(tx, c.var.tenant.id, input, actorOf(c)));
    return secretShown(c, input.url, secret);
  });

  app.get('/:id', async (c) => {
    const endpoint = await endpointOf(c);
    return endpoint ? logPage(c, 200, endpoint) : notFoundPage(c);
  });

  app.post('/:id/rotate', async (c) => {
    const endpoint = await endpointOf(c);
    if (!endpoint) return notFoundPage(c);
    const keepOld = (await readForm(c, ['keepOld'])).keepOld === '1';
    const { secret, oldSecretUntil } = await c.var.unit.run((tx) => rotateEndpointSecret(tx, c.var.tenant.id, endpoint, keepOld, actorOf(c)));
    return secretShown(c, endpoint.url, secret, oldSecretUntil);
  });

  for (const [action, enabled] of [['enable', true], ['disable', false]] as const) {
    app.post(`/:id/${action}`, async (c) => {
      const endpoint = await endpointOf(c);
      if (!endpoint) return notFoundPage(c);
      await c.var.unit.run((tx) => setEndpointEnabled(tx, c.var.tenant.id, endpoint.id, enabled, actorOf(c)));
      const t = messagesFor(c, webhookMessages);
      setFlash(c, { kind: 'success', message: enabled ? t.enabledFlash : t.disabledFlash });
      return c.redirect(sitePath(c, '/admin/webhooks'), 303);
    });
  }

  app.post('/:id/delete', async (c) => {
    const endpoint = await endpointOf(c);
    if (!endpoint) return notFoundPage(c);
    await c.var.unit.run((tx) => deleteEndpoint(tx, c.var.tenant.id, endpoint.id, actorOf(c)));
    setFlash(c, { kind: 'success', message: messagesFor(c, webhookMessages).deletedFlash });
    return c.redirect(sitePath(c, '/admin/webhooks'), 303);
  });

  app.post('/:id/deliveries/:deliveryId/replay', async (c) => {
    const endpoint = await endpointOf(c);
    const deliveryId = idFrom(c, 'deliveryId');
    const delivery = endpoint && deliveryId && (await c.var.unit.run((tx) => findDelivery(tx, c.var.tenant.id, endpoint.id, deliveryId)));
    if (!endpoint || !delivery) return notFoundPage(c);
    const t = messagesFor(c, webhookMessages);
    if (!endpoint.enabled) return logPage(c, 409, endpoint, t.cannotReplay);
    await c.var.unit.run((tx) => replayDelivery(tx, c.var.tenant.id, delivery, actorOf(c)));
    setFlash(c, { kind: 'success', message: t.replayedFlash });
    return c.redirect(sitePath(c, `/admin/webhooks/${endpoint.id}`), 303);
  });

  return app;
}
