import { Hono } from 'hono';
import { z } from 'zod';
import { clientAddress, forbiddenPage, messagesFor, notFoundPage, type PluginEnv, requireUser, setFlash, SlidingWindowLimiter } from '../../core/plugin-api.ts';
import { findDonation } from './donations.ts';
import { fundMessages } from './messages.ts';
import { receiveCallback } from './payments/callbacks.ts';
import { providerSecret } from './payments/keys.ts';
import { sandboxCallback } from './payments/sandbox.ts';
import { type C, cityOf, idFrom, redirectTo, userId, work } from './route-kit.ts';
import { SandboxPayPage } from './views/donation-pages.tsx';

/** A gateway's server-to-server callback: its fields and the signature over them. */
const callbackBody = z.object({
  fields: z.record(z.string().max(40), z.string().max(200)).refine((f) => Object.keys(f).length <= 20),
  signature: z.string().max(200),
});

/** The donor's own pending sandbox donation, or the response to give instead. */
async function sandboxDonation(c: C) {
  const id = idFrom(c);
  const detail = id ? await work(c, (w) => findDonation(w, id)) : null;
  if (!detail || detail.donation.provider !== 'sandbox') return { response: notFoundPage(c) };
  if (detail.donation.donorUserId !== userId(c)) return { response: forbiddenPage(c) };
  if (detail.donation.status !== 'pending') return { response: redirectTo(c, `/donations/${detail.donation.id}`) };
  return { detail };
}

/** Refused callbacks an address may send: 20 in any 10 minutes. Accepted ones never count, so a busy gateway is never held up. */
const REFUSED_CALLBACKS = { limit: 20, windowMs: 10 * 60 * 1000 };

/**
 * Payments: the sandbox gateway's page, and the callback endpoint every gateway
 * provider uses. The callback takes JSON (gateways post it from their servers, so
 * there is no browser Origin to check); its HMAC signature is what authenticates it.
 * Refused callbacks are limited per address and counted in the log, never audited.
 */
export function paymentRoutes(app: Hono<PluginEnv>) {
  const refusedFrom = new SlidingWindowLimiter(REFUSED_CALLBACKS.limit, REFUSED_CALLBACKS.windowMs);
  const refusedInCity = new Map<string, number>();
  app.get('/sandbox/pay/:id', requireUser, async (c) => {
    const found = await sandboxDonation(c);
    if (!found.detail) return found.response;
    return c.render(<SandboxPayPage detail={found.detail} />, { title: messagesFor(c, fundMessages).sandboxTitle });
  });

  // Plays the gateway's server: signs what happened and delivers it to the same handler a real callback reaches.
  app.post('/sandbox/pay/:id', requireUser, async (c) => {
    const found = await sandboxDonation(c);
    if (!found.detail) return found.response;
    const outcome = (await c.req.parseBody()).outcome === 'paid' ? 'paid' : 'cancelled';
    const d = found.detail.donation;
    const result = await work(c, async (w) => receiveCallback(w, 'sandbox', sandboxCallback(d.id, d.amountFen, outcome, await providerSecret(w, 'sandbox')), clientAddress(c)));
    const t = messagesFor(c, fundMessages);
    if (!result.ok) setFlash(c, { kind: 'error', message: t.paymentRefused });
    else setFlash(c, result.outcome === 'paid' ? { kind: 'success', message: t.paid } : { kind: 'info', message: t.paymentCancelled });
    return redirectTo(c, `/donations/${d.id}`);
  });

  app.post('/payments/:provider/callback', async (c) => {
    const address = clientAddress(c);
    const wait = refusedFrom.retryAfter(address);
    if (wait) {
      c.header('Retry-After', String(wait));
      return c.json({ ok: false, reason: 'too_many_refused' }, 429);
    }
    const providerId = c.req.param('provider');
    // The operator's count of refused callbacks in this city since the process started, one log line each.
    const refused = (reason: string, status: 400 | 404) => {
      refusedFrom.hit(address);
      const count = (refusedInCity.get(cityOf(c).city.id) ?? 0) + 1;
      refusedInCity.set(cityOf(c).city.id, count);
      c.var.log.warn({ plugin: 'charity-fund', provider: providerId, reason, address, refusedSinceStart: count }, 'payment callback refused');
      return c.json({ ok: false, reason }, status);
    };
    const body = callbackBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return refused('malformed', 400);
    const result = await work(c, (w) => receiveCallback(w, providerId, body.data, address));
    if (!result.ok) return refused(result.reason, result.reason === 'unknown_provider' ? 404 : 400);
    return c.json({ ok: true, outcome: result.outcome });
  });
}
