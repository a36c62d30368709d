import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../core/db/schema/audit.ts';
import { passkeys, webauthnChallenges } from '../core/db/schema/identity.ts';
import { identityMessages } from '../core/identity/messages.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { SoftwareAuthenticator } from './support/software-authenticator.ts';
import { Visitor } from './support/visitor.ts';

const t = identityMessages['zh-CN'];
const ALPHA = 'http://alpha.localhost';
const BETA = 'http://beta.localhost';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ env: { TRUST_PROXY: '1' } });
});
afterAll(() => p.close());

async function signedIn(email: string, origin = ALPHA) {
  const v = new Visitor(p.app, origin);
  expect((await v.signIn(email)).status).toBe(303);
  return v;
}

async function registerPasskey(v: Visitor, authenticator: SoftwareAuthenticator, name?: string) {
  const options = (await (await v.postJson('/passkeys/register/options', {})).json()) as PublicKeyCredentialCreationOptionsJSON;
  return v.postJson('/passkeys/register/verify', { response: authenticator.create(options, v.origin), ...(name ? { name } : {}) });
}

async function signInOptions(v: Visitor) {
  const res = await v.postJson('/passkeys/sign-in/options', {});
  expect(res.status).toBe(200);
  return (await res.json()) as PublicKeyCredentialRequestOptionsJSON;
}

const challengeRows = (tenantId: string) =>
  p.db.tenant(tenantId, (tx) => tx.select().from(webauthnChallenges).where(eq(webauthnChallenges.tenantId, tenantId)));

describe('passkey registration options', () => {
  it('are refused without a signed-in user', async () => {
    const res = await new Visitor(p.app, ALPHA).postJson('/passkeys/register/options', {});
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: t.signInRequired });
  });

  it("name the city's own host as the relying party, whichever way the city is reached", async () => {
    for (const [origin, email, rpId] of [
      [ALPHA, 'vol@alpha.test', 'alpha.localhost'],
      ['http://volunteer.alpha.test', 'vol@alpha.test', 'volunteer.alpha.test'],
      [BETA, 'vol@beta.test', 'beta.localhost'],
    ] as const) {
      const v = await signedIn(email, origin);
      const res = await v.postJson('/passkeys/register/options', {});
      expect(res.status).toBe(200);
      const options = (await res.json()) as PublicKeyCredentialCreationOptionsJSON;
      expect(options.rp.id).toBe(rpId);
      expect(options.user.name).toBe(email);
      expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'preferred' });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('webauthn='))!;
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Strict/);
    }
  });

  it('are refused to a form post: the endpoints take JSON only', async () => {
    const v = await signedIn('vol@alpha.test');
    expect((await v.post('/passkeys/register/options', {})).status).toBe(415);
  });
});

describe('passkey ceremonies', () => {
  it('adds a passkey on the account page, then signs in with it after signing out', async () => {
    const authenticator = new SoftwareAuthenticator();
    const v = await signedIn('vol@alpha.test');
    const added = await registerPasskey(v, authenticator, '我的手机');
    expect(added.status).toBe(200);
    expect(await added.json()).toEqual({ redirect: '/account' });
    const account = await (await v.get('/account')).text();
    expect(account).toContain(t.passkeyAdded);
    expect(account).toContain('我的手机');
    expect(account).toContain(t.neverUsed);
    expect(account).toContain('id="add-passkey"');

    await v.post('/sign-out');
    expect((await v.get('/account')).status).toBe(303);
    const options = await signInOptions(v);
    expect(options.rpId).toBe('alpha.localhost');
    expect(options.userVerification).toBe('preferred');
    const res = await v.postJson('/passkeys/sign-in/verify', { response: authenticator.get(options, ALPHA), next: '/account' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ redirect: '/account' });
    const after = await v.get('/account');
    expect(after.status).toBe(200);
    const html = await after.text();
    expect(html).toContain(t.signedIn('甲志愿'));
    expect(html).not.toContain(t.neverUsed);

    const alpha = p.cities.alpha!.id;
    const [stored] = await p.db.tenant(alpha, (tx) => tx.select().from(passkeys).where(eq(passkeys.tenantId, alpha)));
    expect(stored).toMatchObject({ counter: 1, transports: ['internal'], deviceType: 'singleDevice', backedUp: false, name: '我的手机' });
    const signIns = await p.db.tenant(alpha, (tx) =>
      tx.select().from(auditLog).where(and(eq(auditLog.tenantId, alpha), eq(auditLog.action, 'user.signed_in'), eq(auditLog.target, `user:${stored!.userId}`))),
    );
    expect(signIns.map((a) => a.detail)).toContainEqual({ method: 'passkey' });
  });

  it('accepts an authenticator that cannot verify the user, since verification is only preferred', async () => {
    const authenticator = new SoftwareAuthenticator({ userVerified: false });
    const v = await signedIn('admin@alpha.test');
    expect((await registerPasskey(v, authenticator)).status).toBe(200);
    expect(await (await v.get('/account')).text()).toContain('通行密钥（');
    const fresh = new Visitor(p.app, ALPHA);
    const res = await fresh.postJson('/passkeys/sign-in/verify', { response: authenticator.get(await signInOptions(fresh), ALPHA) });
    expect(res.status).toBe(200);
    expect(await (await fresh.get('/account')).text()).toContain('甲管理');
  });

  it("does not let one city's passkey into another city", async () => {
    const authenticator = new SoftwareAuthenticator();
    expect((await registerPasskey(await signedIn('vol@alpha.test'), authenticator)).status).toBe(200);
    const [alphaCredential] = authenticator.credentials;
    const v = new Visitor(p.app, BETA);
    const res = await v.postJson('/passkeys/sign-in/verify', { response: authenticator.get(await signInOptions(v), BETA, alphaCredential) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: t.passkeyNotRecognised });
    expect((await v.get('/account')).status).toBe(303);
  });

  it('refuses an assertion made for another origin', async () => {
    const authenticator = new SoftwareAuthenticator();
    expect((await registerPasskey(await signedIn('vol@alpha.test'), authenticator)).status).toBe(200);
    const v = new Visitor(p.app, ALPHA);
    const res = await v.postJson('/passkeys/sign-in/verify', { response: authenticator.get(await signInOptions(v), 'http://evil.localhost') });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: t.passkeyFailed });
    expect((await v.get('/account')).status).toBe(303);
  });

  it("deletes one's own passkey, which then no longer signs in; another user's is a 404", async () => {
    const authenticator = new SoftwareAuthenticator();
    const owner = await signedIn('admin@beta.test', BETA);
    expect((await registerPasskey(owner, authenticator, '要删除的')).status).toBe(200);
    const html = await (await owner.get('/account')).text();
    const action = /action="(\/account\/passkeys\/[^"]+\/delete)"/.exec(html)![1]!;

    const other = await signedIn('vol@beta.test', BETA);
    expect((await other.post(action)).status).toBe(404);
    expect(await (await owner.get('/account')).text()).toContain('要删除的');

    const deleted = await owner.post(action);
    expect(deleted.status).toBe(303);
    const after = await (await owner.get('/account')).text();
    expect(after).toContain(t.passkeyDeleted);
    expect(after).not.toContain('要删除的');
    const v = new Visitor(p.app, BETA);
    const res = await v.postJson('/passkeys/sign-in/verify', { response: authenticator.get(await signInOptions(v), BETA) });
    expect(res.status).toBe(400);
  });
});

describe('passkey challenges', () => {
  it('refuse a verify without a challenge, with an unknown one or with one that is not an id', async () => {
    const authenticator = new SoftwareAuthenticator();
    expect((await registerPasskey(await signedIn('vol@alpha.test'), authenticator)).status).toBe(200);
    const options = await signInOptions(new Visitor(p.app, ALPHA));
    const response = authenticator.get(options, ALPHA);
    for (const cookie of [null, '0195f000-0000-7000-8000-000000000000', 'not-an-id']) {
      const v = new Visitor(p.app, ALPHA);
      if (cookie) v.setCookie('webauthn', cookie);
      const res = await v.postJson('/passkeys/sign-in/verify', { response });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: t.passkeyCeremonyExpired });
    }
  });

  it('refuse an expired challenge', async () => {
    const authenticator = new SoftwareAuthenticator();
    expect((await registerPasskey(await signedIn('vol@alpha.test'), authenticator)).status).toBe(200);
    const v = new Visitor(p.app, ALPHA);
    const options = await signInOptions(v);
    const alpha = p.cities.alpha!.id;
    await p.db.tenant(alpha, (tx) =>
      tx
        .update(webauthnChallenges)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(and(eq(webauthnChallenges.tenantId, alpha), eq(webauthnChallenges.challenge, options.challenge))),
    );
    const res = await v.postJson('/passkeys/sign-in/verify', { response: authenticator.get(options, ALPHA) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: t.passkeyCeremonyExpired });
    expect((await v.get('/account')).status).toBe(303);
  });

  it('are single use: a replayed verify is refused, and a failed one spends its challenge too', async () => {
    const authenticator = new SoftwareAuthenticator();
    expect((await registerPasskey(await signedIn('vol@alpha.test'), authenticator)).status).toBe(200);
    const alpha = p.cities.alpha!.id;
    const v = new Visitor(p.app, ALPHA);
    const options = await signInOptions(v);
    const challengeId = v.cookie('webauthn')!;
    const body = { response: authenticator.get(options, ALPHA) };
    expect((await v.postJson('/passkeys/sign-in/verify', body)).status).toBe(200);
    expect((await challengeRows(alpha)).map((r) => r.id)).not.toContain(challengeId);

    const replay = new Visitor(p.app, ALPHA);
    replay.setCookie('webauthn', challengeId);
    const res = await replay.postJson('/passkeys/sign-in/verify', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: t.passkeyCeremonyExpired });

    const failing = new Visitor(p.app, ALPHA);
    await signInOptions(failing);
    const failedId = failing.cookie('webauthn')!;
    expect((await challengeRows(alpha)).map((r) => r.id)).toContain(failedId);
    expect((await failing.postJson('/passkeys/sign-in/verify', { response: { id: 'forged', response: {} } })).status).toBe(400);
    expect((await challengeRows(alpha)).map((r) => r.id)).not.toContain(failedId);
  });

  it("of a registration are bound to the user who asked for them", async () => {
    const asker = await signedIn('vol@alpha.test');
    const options = (await (await asker.postJson('/passkeys/register/options', {})).json()) as PublicKeyCredentialCreationOptionsJSON;
    const other = await signedIn('admin@alpha.test');
    other.setCookie('webauthn', asker.cookie('webauthn')!);
    const res = await other.postJson('/passkeys/register/verify', { response: new SoftwareAuthenticator().create(options, ALPHA) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: t.passkeyCeremonyExpired });
  });
});

describe('passkey sign-in throttling', () => {
  it('counts each ceremony against the address limit it shares with password sign-in', async () => {
    const v = new Visitor(p.app, ALPHA);
    for (let i = 0; i < 10; i++) await signInOptions(v);
    const limited = await v.postJson('/passkeys/sign-in/options', {});
    expect(limited.status).toBe(429);
    const seconds = Number(limited.headers.get('retry-after'));
    expect(await limited.json()).toEqual({ error: t.addressThrottled(seconds) });
    expect((await v.signIn('vol@alpha.test')).status).toBe(429);
    expect((await signInOptions(new Visitor(p.app, ALPHA))).rpId).toBe('alpha.localhost');
  });
});
