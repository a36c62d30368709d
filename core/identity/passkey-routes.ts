import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/service.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv } from '../http/env.ts';
import { setFlash } from '../http/flash.ts';
import { safeRedirectPath } from '../http/safe-redirect.ts';
import { formatDate } from '../i18n/format.ts';
import { messagesFor, sitePath } from '../../views/context.ts';
import { listPasskeys } from './account.ts';
import { setChallengeCookie, takeChallengeCookie } from './challenge-cookie.ts';
import { consumeChallenge, storeChallenge, type Purpose } from './challenges.ts';
import { identityMessages } from './messages.ts';
import {
  authenticationOptions,
  findPasskey,
  markPasskeyUsed,
  registrationOptions,
  savePasskey,
  verifyAuthentication,
  verifyRegistration,
  type RelyingParty,
} from './passkeys.ts';
import type { SlidingWindowLimiter } from './rate-limit.ts';
import { createSession, invalidateSession, setSessionCookie } from './sessions.ts';

type C = Context<AppEnv>;

/** This city's own host and exact origin: a passkey made on one city never works on another. */
function relyingParty(c: C): RelyingParty {
  return { id: new URL(c.var.origin).hostname, name: c.var.tenant.names[c.var.locale], origin: c.var.origin };
}

function fail(c: C, status: 400 | 401 | 415 | 429, message: string) {
  return c.json({ error: message }, status);
}

/**
 * JSON only: a cross-site page cannot send JSON without a CORS preflight we never
 * answer, which is what keeps these endpoints out of other sites' reach.
 */
const jsonOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.req.header('content-type')?.startsWith('application/json')) return fail(c, 415, messagesFor(c, identityMessages).passkeyFailed);
  await next();
};

const signedInJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return fail(c, 401, messagesFor(c, identityMessages).signInRequired);
  await next();
};

/** The throttle shared with password sign-in. */
function throttle(limiter: SlidingWindowLimiter): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const wait = limiter.retryAfter(clientAddress(c));
    if (wait) {
      c.header('Retry-After', String(wait));
      return fail(c, 429, messagesFor(c, identityMessages).addressThrottled(wait));
    }
    await next();
  };
}

const credential = z.object({ id: z.string().min(1).max(1024), response: z.record(z.string(), z.unknown()) }).loose();
const registrationBody = z.object({ response: credential, name: z.string().trim().max(60).optional() });
const authenticationBody = z.object({ response: credential, next: z.string().optional() });

async function readJson(c: C): Promise<unknown> {
  return c.req.json().catch(() => null);
}

/** Takes this browser's challenge out of the store (whatever the outcome, it is spent). */
async function spendChallenge(c: C, purpose: Purpose) {
  const id = takeChallengeCookie(c);
  if (!id) return null;
  const tenantId = c.var.tenant.id;
  const challenge = await c.var.unit.run((tx) => consumeChallenge(tx, tenantId, id, purpose, new Date()));
  // Spent for good, even if the rest of the request fails.
  await c.var.unit.commit();
  return challenge;
}

/** JSON endpoints for the two passkey ceremonies, driven by views/passkeys.js. */
export function passkeyRoutes(limiter: SlidingWindowLimiter): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/passkeys/register/options', jsonOnly, signedInJson, async (c) => {
    const user = c.var.user!;
    const tenantId = c.var.tenant.id;
    const { options, challengeId } = await c.var.unit.run(async (tx) => {
      const options = await registrationOptions(relyingParty(c), user, await listPasskeys(tx, tenantId, user.id));
      const challengeId = await storeChallenge(tx, tenantId, { challenge: options.challenge, purpose: 'register', userId: user.id }, new Date());
      return { options, challengeId };
    });
    setChallengeCookie(c, challengeId);
    return c.json(options);
  });

  app.post('/passkeys/register/verify', jsonOnly, signedInJson, async (c) => {
    const t = messagesFor(c, identityMessages);
    const user = c.var.user!;
    const tenantId = c.var.tenant.id;
    const challenge = await spendChallenge(c, 'register');
    if (!challenge || challenge.userId !== user.id) return fail(c, 400, t.passkeyCeremonyExpired);
    const body = registrationBody.safeParse(await readJson(c));
    if (!body.success) return fail(c, 400, t.passkeyFailed);
    const passkey = await verifyRegistration(relyingParty(c), challenge.challenge, body.data.response as unknown as RegistrationResponseJSON);
    if (!passkey) return fail(c, 400, t.passkeyFailed);
    const name = body.data.name || t.passkeyDefaultName(formatDate(new Date(), c.var.locale));
    const saved = await c.var.unit.run(async (tx) => {
      if (!(await savePasskey(tx, tenantId, user.id, passkey, name))) return false;
      await recordAudit(tx, tenantId, { actor: `user:${user.id}`, action: 'passkey.registered', target: `user:${user.id}`, address: clientAddress(c), detail: { name } });
      return true;
    });
    if (!saved) return fail(c, 400, t.passkeyFailed);
    setFlash(c, { kind: 'success', message: t.passkeyAdded });
    return c.json({ redirect: sitePath(c, '/account') });
  });

  app.post('/passkeys/sign-in/options', jsonOnly, throttle(limiter), async (c) => {
    // Each ceremony started counts as an attempt: its outcome is only known later.
    limiter.hit(clientAddress(c));
    const tenantId = c.var.tenant.id;
    const options = await authenticationOptions(relyingParty(c));
    const challengeId = await c.var.unit.run((tx) =>
      storeChallenge(tx, tenantId, { challenge: options.challenge, purpose: 'authenticate', userId: null }, new Date()),
    );
    setChallengeCookie(c, challengeId);
    return c.json(options);
  });

  app.post('/passkeys/sign-in/verify', jsonOnly, throttle(limiter), async (c) => {
    const t = messagesFor(c, identityMessages);
    const tenantId = c.var.tenant.id;
    const address = clientAddress(c);
    const challenge = await spendChallenge(c, 'authenticate');
    if (!challenge) return fail(c, 400, t.passkeyCeremonyExpired);
    const body = authenticationBody.safeParse(await readJson(c));
    if (!body.success) return fail(c, 400, t.passkeyFailed);
    const found = await c.var.unit.run((tx) => findPasskey(tx, tenantId, body.data.response.id));
    const state = found && (await verifyAuthentication(relyingParty(c), challenge.challenge, body.data.response as unknown as AuthenticationResponseJSON, found.passkey));
    if (!found || !state) {
      await c.var.unit.run((tx) =>
        recordAudit(tx, tenantId, {
          actor: 'anonymous',
          action: 'user.sign_in_failed',
          target: found ? `user:${found.passkey.userId}` : '',
          address,
          detail: { method: 'passkey' },
        }),
      );
      return fail(c, 400, found ? t.passkeyFailed : t.passkeyNotRecognised);
    }
    const userId = found.passkey.userId;
    const { token, session } = await c.var.unit.run(async (tx) => {
      await markPasskeyUsed(tx, tenantId, found.passkey.id, state, new Date());
      if (c.var.sessionId) await invalidateSession(tx, tenantId, c.var.sessionId);
      await recordAudit(tx, tenantId, { actor: `user:${userId}`, action: 'user.signed_in', target: `user:${userId}`, address, detail: { method: 'passkey' } });
      return createSession(tx, tenantId, userId, { userAgent: c.req.header('user-agent'), address });
    });
    setSessionCookie(c, token, session.expiresAt);
    setFlash(c, { kind: 'success', message: t.signedIn(found.ownerName) });
    return c.json({ redirect: sitePath(c, safeRedirectPath(body.data.next)) });
  });

  return app;
}
