import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { auditLog } from '../core/db/schema/audit.ts';
import { sessions, users } from '../core/db/schema/identity.ts';
import { identityMessages } from '../core/identity/messages.ts';
import { createSignInLimiter } from '../core/identity/rate-limit.ts';
import { UnknownLoginBackoff } from '../core/identity/unknown-login-backoff.ts';
import { definePlugin } from '../core/plugin-api.ts';
import { setPluginEnablement } from '../core/plugins/enablement.ts';
import { messagesTo } from './support/outbox.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { Visitor } from './support/visitor.ts';

const t = identityMessages['zh-CN'];
const ALPHA = 'http://alpha.localhost';
const BETA = 'http://beta.localhost';
type City = 'alpha' | 'beta';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ env: { TRUST_PROXY: '1' } });
});
afterAll(() => p.close());

const visitor = (origin = ALPHA) => new Visitor(p.app, origin);

function register(v: Visitor, form: Record<string, string> = {}) {
  return v.post('/register', { name: '李雷', login: 'lilei@example.cn', password: 'secret-pass-1', password_confirm: 'secret-pass-1', ...form });
}

/** Registration never signs in: the citizen signs in afterwards, as the notice asks. */
async function registerAndSignIn(v: Visitor, form: Record<string, string> = {}) {
  const { login, password } = { login: 'lilei@example.cn', password: 'secret-pass-1', ...form };
  expect((await register(v, form)).status).toBe(303);
  expect((await v.signIn(login, password)).status).toBe(303);
}

/** The one message a form shows for the whole form (wrong credentials, throttling). */
const problemOf = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1];

/** The message shown beside a field (views/components/field.tsx). */
function fieldError(html: string, field: string): string | undefined {
  return new RegExp(`id="f-${field}-error" class="error">([^<]*)<`).exec(html)?.[1];
}

function inCity<T>(city: City, work: (tx: Parameters<Parameters<TestPlatform['db']['tenant']>[1]>[0], tenantId: string) => Promise<T>) {
  const id = p.cities[city]!.id;
  return p.db.tenant(id, (tx) => work(tx, id));
}

const userByEmail = (city: City, email: string) =>
  inCity(city, async (tx, id) => (await tx.select().from(users).where(and(eq(users.tenantId, id), eq(users.email, email))))[0]);

const countUsers = (city: City) => inCity(city, async (tx, id) => (await tx.select().from(users).where(eq(users.tenantId, id))).length);

const auditOf = (city: City, action: string, target: string) =>
  inCity(city, (tx, id) =>
    tx.select().from(auditLog).where(and(eq(auditLog.tenantId, id), eq(auditLog.action, action), eq(auditLog.target, target))),
  );

/** Lets the account's backoff run out without sleeping. */
const endBackoff = (city: City, email: string) =>
  inCity(city, (tx, id) =>
    tx.update(users).set({ signInBlockedUntil: new Date(Date.now() - 1000) }).where(and(eq(users.tenantId, id), eq(users.email, email))),
  );

describe('registration', () => {
  it('creates the account without signing in, and sends the citizen to sign in with a notice; signing in shows their name', async () => {
    const v = visitor();
    const res = await register(v, { name: '韩梅梅', login: 'HanMeimei@Example.cn' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in');
    expect(v.cookie('session')).toBeUndefined();
    expect(await (await v.follow(res)).text()).toContain(t.registrationReceived);
    expect((await v.signIn('hanmeimei@example.cn', 'secret-pass-1')).status).toBe(303);
    const account = await v.get('/account');
    expect(account.status).toBe(200);
    const html = await account.text();
    expect(html).toContain('韩梅梅');
    expect(html).toContain('hanmeimei@example.cn');
    const user = await userByEmail('alpha', 'hanmeimei@example.cn');
    expect(await auditOf('alpha', 'user.registered', `user:${user!.id}`)).toHaveLength(1);
  });

  it('keeps the page the citizen came for through registration and sign-in', async () => {
    const v = visitor();
    const res = await register(v, { login: 'next@alpha.test', next: '/volunteer/hours' });
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Fvolunteer%2Fhours');
    expect(await (await v.follow(res)).text()).toContain('name="next" value="/volunteer/hours"');
    expect((await v.signIn('next@alpha.test', 'secret-pass-1', '/volunteer/hours')).headers.get('location')).toBe('/volunteer/hours');
  });

  it('takes a mainland mobile number typed with spaces and +86, and signs in with the bare number once its SMS code is entered', async () => {
    const page = await register(visitor(), { login: '+86 139 1234 5678' });
    expect(page.status).toBe(200);
    const registration = /name="registration" value="([^"]+)"/.exec(await page.text())![1]!;
    const [sms] = await messagesTo(p, '13912345678');
    expect((await visitor().post('/register/code', { registration, code: /\d{6}/.exec(sms!.text)![0] })).status).toBe(303);
    const v = visitor();
    expect((await v.signIn('13912345678', 'secret-pass-1')).status).toBe(303);
    expect(await (await v.get('/account')).text()).toContain('13912345678');
  });

  it('answers a login already registered exactly as a new one, and changes nothing of that account', async () => {
    const before = await countUsers('alpha');
    const taken = visitor();
    const takenRes = await register(taken, { name: '重名者', login: 'vol@alpha.test', password: 'attacker-pass-1', password_confirm: 'attacker-pass-1' });
    const fresh = visitor();
    const freshRes = await register(fresh, { name: '新来者', login: 'fresh-one@alpha.test' });
    expect(takenRes.status).toBe(freshRes.status);
    expect(takenRes.headers.get('location')).toBe(freshRes.headers.get('location'));
    const [takenPage, freshPage] = [await (await taken.follow(takenRes)).text(), await (await fresh.follow(freshRes)).text()];
    expect(takenPage).toContain(t.registrationReceived);
    expect(freshPage).toContain(t.registrationReceived);
    expect(taken.cookie('session')).toBeUndefined();
    expect(await countUsers('alpha')).toBe(before + 1);
    expect((await userByEmail('alpha', 'vol@alpha.test'))!.name).toBe('甲志愿');
    expect((await visitor().signIn('vol@alpha.test', 'attacker-pass-1')).status).toBe(401);
    await endBackoff('alpha', 'vol@alpha.test');
    expect((await visitor().signIn('vol@alpha.test', 'password-123')).status).toBe(303);
  });

  it('limits registrations from one address: 20 in 10 minutes, then 429 with the wait, other addresses unaffected', async () => {
    const v = visitor();
    for (let i = 0; i < 20; i++) expect((await register(v, { login: `burst${i}@alpha.test` })).status).toBe(303);
    const before = await countUsers('alpha');
    const limited = await register(v, { login: 'burst-extra@alpha.test' });
    expect(limited.status).toBe(429);
    const seconds = Number(limited.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(500);
    const html = await limited.text();
    expect(problemOf(html)).toBe(t.registerThrottled(seconds));
    expect(html).toContain('value="burst-extra@alpha.test"');
    expect(await countUsers('alpha')).toBe(before);
    expect((await register(visitor(), { login: 'burst-extra@alpha.test' })).status).toBe(303);
  });

  it('limits registrations of one login from anywhere: 5 an hour', async () => {
    for (let i = 0; i < 5; i++) expect((await register(visitor(), { login: 'popular@alpha.test' })).status).toBe(303);
    const limited = await register(visitor(), { login: 'popular@alpha.test' });
    expect(limited.status).toBe(429);
    expect(problemOf(await limited.text())).toBe(t.registerThrottled(Number(limited.headers.get('retry-after'))));
    expect((await register(visitor(), { login: 'another@alpha.test' })).status).toBe(303);
  });

  it('keeps accounts per city: the same email on beta is another account, and each password works only in its city', async () => {
    const email = 'both@cities.test';
    expect((await register(visitor(ALPHA), { login: email, password: 'alpha-pass-1', password_confirm: 'alpha-pass-1' })).status).toBe(303);
    expect((await register(visitor(BETA), { login: email, password: 'beta-pass-1', password_confirm: 'beta-pass-1' })).status).toBe(303);
    const [a, b] = [await userByEmail('alpha', email), await userByEmail('beta', email)];
    expect(a && b && a.id !== b.id).toBe(true);

    expect((await visitor(ALPHA).signIn(email, 'alpha-pass-1')).status).toBe(303);
    expect((await visitor(ALPHA).signIn(email, 'beta-pass-1')).status).toBe(401);
    expect((await visitor(BETA).signIn(email, 'beta-pass-1')).status).toBe(303);
    expect((await visitor(BETA).signIn(email, 'alpha-pass-1')).status).toBe(401);
  });

  it('refuses bad input with a message beside each field and writes nothing', async () => {
    const before = await countUsers('alpha');
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ name: '', login: '', password: '', password_confirm: '' }, { name: t.nameRequired, login: t.loginRequired, password: t.passwordRequired }],
      [{ login: 'not-an-email' }, { login: t.loginInvalid }],
      [{ login: '12345678901' }, { login: t.loginInvalid }],
      [{ password: 'short', password_confirm: 'short' }, { password: t.passwordTooShort }],
      [{ password_confirm: 'secret-pass-2' }, { password_confirm: t.passwordMismatch }],
    ];
    for (const [form, expected] of cases) {
      const v = visitor();
      const res = await register(v, { login: 'bad-input@example.cn', ...form });
      expect(res.status).toBe(400);
      const html = await res.text();
      for (const [field, message] of Object.entries(expected)) expect(fieldError(html, field)).toBe(message);
      expect(v.cookie('session')).toBeUndefined();
    }
    expect(await countUsers('alpha')).toBe(before);
  });
});

describe('sign-in', () => {
  it('sends a signed-out visitor to sign in and back to the page they wanted, never off the site', async () => {
    const v = visitor();
    const gate = await v.get('/account');
    expect(gate.status).toBe(303);
    expect(gate.headers.get('location')).toBe('/sign-in?next=%2Faccount');
    expect(await (await v.follow(gate)).text()).toContain('name="next" value="/account"');
    const res = await v.signIn('vol@alpha.test', 'password-123', '/account');
    expect(res.headers.get('location')).toBe('/account');
    expect(await (await v.follow(res)).text()).toContain(t.signedIn('甲志愿'));
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      expect((await visitor().signIn('vol@alpha.test', 'password-123', next)).headers.get('location')).toBe('/');
    }
  });

  it('answers wrong credentials with one generic 401 message, keeping the login but not the password', async () => {
    await register(visitor(), { login: 'wrong@alpha.test' });
    const known = await visitor().signIn('wrong@alpha.test', 'not-the-password-9');
    const unknown = await visitor().signIn('nobody@alpha.test', 'not-the-password-9');
    for (const [res, login] of [[known, 'wrong@alpha.test'], [unknown, 'nobody@alpha.test']] as const) {
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain(t.wrongCredentials);
      expect(html).toContain(`value="${login}"`);
      expect(html).not.toContain('not-the-password-9');
    }
    const user = await userByEmail('alpha', 'wrong@alpha.test');
    expect(await auditOf('alpha', 'user.sign_in_failed', `user:${user!.id}`)).toHaveLength(1);
  });

  describe('at a frozen moment', () => {
    // The backoff is measured in seconds: a stopped clock keeps a busy machine from ending it between two tries.
    afterEach(() => vi.useRealTimers());

    it('answers quick wrong guesses at a real account and at an unknown login alike: 401, then the same 429 and wait', async () => {
      await register(visitor(), { login: 'alike@alpha.test', password: 'alike-pass-1', password_confirm: 'alike-pass-1' });
      vi.useFakeTimers({ toFake: ['Date'] });
      const answers = [];
      for (const login of ['alike@alpha.test', 'nobody-alike@alpha.test']) {
        const seen = [];
        for (let i = 0; i < 3; i++) {
          const res = await visitor().signIn(login, 'wrong-guess-1');
          seen.push({ status: res.status, retryAfter: res.headers.get('retry-after'), problem: problemOf(await res.text()) });
        }
        answers.push(seen);
      }
      expect(answers[0]).toEqual(answers[1]);
      expect(answers[0]!.map((a) => a.status)).toEqual([401, 429, 429]);
      expect(answers[0]![1]!.problem).toBe(t.accountThrottled(1));
    });

    it('keeps doubling the wait for an unknown login as it does for an account', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const waits = [];
      for (let i = 0; i < 4; i++) {
        expect((await visitor().signIn('ghost-doubling@alpha.test', 'wrong-guess-1')).status).toBe(401);
        const blocked = await visitor().signIn('ghost-doubling@alpha.test', 'wrong-guess-1');
        waits.push(Number(blocked.headers.get('retry-after')));
        vi.setSystemTime(Date.now() + waits.at(-1)! * 1000);
      }
      expect(waits).toEqual([1, 2, 4, 8]);
    });
  });

  it('backs an account off after a failure: 429 even with the right password, then lets it in after the wait', async () => {
    const email = 'backoff@alpha.test';
    await register(visitor(), { login: email, password: 'right-pass-1', password_confirm: 'right-pass-1' });
    // A stopped clock: on a busy machine the one-second wait could end between the two tries.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    expect((await visitor().signIn(email, 'bad-pass-1')).status).toBe(401);

    // Another address: the backoff belongs to the account.
    const retry = await visitor().signIn(email, 'right-pass-1');
    expect(retry.status).toBe(429);
    expect(Number(retry.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await retry.text()).toContain(t.accountThrottled(Number(retry.headers.get('retry-after'))));

    await endBackoff('alpha', email);
    const v = visitor();
    expect((await v.signIn(email, 'right-pass-1')).status).toBe(303);
    const user = await userByEmail('alpha', email);
    expect(user).toMatchObject({ failedSignIns: 0, signInBlockedUntil: null });
    expect(await auditOf('alpha', 'user.signed_in', `user:${user!.id}`)).toHaveLength(1);
  });

  it('doubles the wait with each failure in a row, up to 300 seconds', async () => {
    const email = 'doubling@alpha.test';
    await register(visitor(), { login: email });
    // A stopped clock, so the wait read back is the wait set, however slow the machine.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const waitAfterFailure = async () => {
      await endBackoff('alpha', email);
      expect((await visitor().signIn(email, 'bad-pass-1')).status).toBe(401);
      const user = await userByEmail('alpha', email);
      return (user!.signInBlockedUntil!.getTime() - Date.now()) / 1000;
    };
    for (const expected of [1, 2, 4, 8]) {
      const wait = await waitAfterFailure();
      expect(wait).toBeGreaterThan(expected - 1);
      expect(wait).toBeLessThanOrEqual(expected);
    }
    await inCity('alpha', (tx, id) => tx.update(users).set({ failedSignIns: 30 }).where(and(eq(users.tenantId, id), eq(users.email, email))));
    const wait = await waitAfterFailure();
    expect(wait).toBeGreaterThan(295);
    expect(wait).toBeLessThanOrEqual(300);
    const blocked = await visitor().signIn(email, 'secret-pass-1');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(295);
  });

  it('limits failed attempts per address whatever the account, and leaves other addresses alone', async () => {
    const v = visitor();
    for (let i = 0; i < 10; i++) expect((await v.signIn(`ghost${i}@alpha.test`, 'guess-pass-1')).status).toBe(401);
    const limited = await v.signIn('vol@alpha.test', 'password-123');
    expect(limited.status).toBe(429);
    const seconds = Number(limited.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(200);
    expect(await limited.text()).toContain(t.addressThrottled(seconds));
    expect((await visitor().signIn('vol@alpha.test', 'password-123')).status).toBe(303);
  });

  it('does not count successful sign-ins against the address', async () => {
    const v = visitor();
    for (let i = 0; i < 12; i++) expect((await v.signIn('admin@alpha.test')).status).toBe(303);
  });

  it('signs out: the session ends and the old cookie no longer works', async () => {
    const v = visitor();
    await v.signIn('vol@alpha.test');
    const token = v.cookie('session')!;
    expect(token).toBeTruthy();
    const out = await v.post('/sign-out');
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/');
    expect(v.cookie('session')).toBeUndefined();
    const replay = await p.app.request(`${ALPHA}/account`, { headers: { cookie: `session=${token}` } });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toContain('/sign-in');
    const sessionId = token.split('.')[0]!;
    expect(await inCity('alpha', (tx, id) => tx.select().from(sessions).where(and(eq(sessions.tenantId, id), eq(sessions.id, sessionId))))).toEqual([]);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax and Path=/ over http, scoped to the city on /t/<slug>', async () => {
    const res = await visitor().signIn('vol@alpha.test');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\/;/);
    expect(cookie).not.toMatch(/Secure/);

    const fallback = new Visitor(p.app, 'http://localhost');
    const viaPath = await fallback.post('/t/beta/sign-in', { login: 'vol@beta.test', password: 'password-123' });
    expect(viaPath.headers.get('location')).toBe('/t/beta/');
    expect(viaPath.headers.getSetCookie().find((c) => c.startsWith('session='))).toMatch(/; Path=\/t\/beta;/);
    expect(await (await fallback.get('/t/beta/account')).text()).toContain('乙志愿');
    expect((await fallback.get('/t/alpha/account')).status).toBe(303);
  });
});

describe('account', () => {
  it('changes the password: a wrong current one is refused beside the field; success signs other devices out', async () => {
    const email = 'change@alpha.test';
    const a = visitor();
    await registerAndSignIn(a, { login: email, password: 'first-pass-1', password_confirm: 'first-pass-1' });
    const b = visitor();
    expect((await b.signIn(email, 'first-pass-1')).status).toBe(303);

    const wrong = await a.post('/account/password', { current_password: 'not-it-123', new_password: 'second-pass-2', new_password_confirm: 'second-pass-2' });
    expect(wrong.status).toBe(400);
    expect(fieldError(await wrong.text(), 'current_password')).toBe(t.currentPasswordWrong);
    const mismatch = await a.post('/account/password', { current_password: 'first-pass-1', new_password: 'second-pass-2', new_password_confirm: 'second-pass-3' });
    expect(mismatch.status).toBe(400);
    expect(fieldError(await mismatch.text(), 'new_password_confirm')).toBe(t.passwordMismatch);
    expect((await b.get('/account')).status).toBe(200);

    const done = await a.post('/account/password', { current_password: 'first-pass-1', new_password: 'second-pass-2', new_password_confirm: 'second-pass-2' });
    expect(done.status).toBe(303);
    expect(await (await a.follow(done)).text()).toContain(t.passwordChanged);
    expect((await a.get('/account')).status).toBe(200);
    expect((await b.get('/account')).status).toBe(303);

    expect((await visitor().signIn(email, 'second-pass-2')).status).toBe(303);
    expect((await visitor().signIn(email, 'first-pass-1')).status).toBe(401);
  });

  it('lists the signed-in devices and signs another one out', async () => {
    const email = 'devices@alpha.test';
    const a = visitor();
    await registerAndSignIn(a, { login: email });
    const b = visitor();
    await b.post('/sign-in', { login: email, password: 'secret-pass-1' }, { 'user-agent': 'PhoneBrowser/1.0' });
    const html = await (await a.get('/account')).text();
    expect(html).toContain(t.thisDevice);
    expect(html).toContain('PhoneBrowser/1.0');
    expect(html).toContain(b.address);
    const revokeUrls = [...html.matchAll(/action="(\/account\/sessions\/[^"]+\/revoke)"/g)].map((m) => m[1]!);
    expect(revokeUrls).toHaveLength(1);

    const res = await a.post(revokeUrls[0]!);
    expect(res.status).toBe(303);
    expect(await (await a.follow(res)).text()).toContain(t.sessionRevoked);
    expect((await b.get('/account')).status).toBe(303);
    expect((await a.get('/account')).status).toBe(200);
  });

  it("answers 404 to revoking another user's session, in this city or another", async () => {
    const owner = visitor();
    await owner.signIn('admin@alpha.test');
    const sessionId = owner.cookie('session')!.split('.')[0]!;
    const other = visitor();
    await registerAndSignIn(other, { login: 'nosy@alpha.test' });
    expect((await other.post(`/account/sessions/${sessionId}/revoke`)).status).toBe(404);
    const elsewhere = visitor(BETA);
    await elsewhere.signIn('admin@beta.test');
    expect((await elsewhere.post(`/account/sessions/${sessionId}/revoke`)).status).toBe(404);
    expect((await owner.get('/account')).status).toBe(200);
  });
});

describe('a plugin whose user.registered handler fails', () => {
  const failing = definePlugin({
    id: 'failing-welcome',
    version: '1.0.0',
    name: { 'zh-CN': '失败的欢迎', en: 'Failing welcome' },
    settings: z.object({}),
    on: {
      'user.registered': async () => {
        throw new Error('welcome handler failed');
      },
    },
  });
  let q: TestPlatform;
  beforeAll(async () => {
    q = await startTestPlatform({ plugins: [failing], env: { TRUST_PROXY: '1' } });
    const alpha = q.cities.alpha!.id;
    await q.db.tenant(alpha, (tx) => setPluginEnablement(tx, alpha, failing, { enabled: true, changedBy: 'test' }));
  });
  afterAll(() => q.close());

  it('rolls the registration back: the user sees the error page and the account does not exist', async () => {
    const v = new Visitor(q.app, ALPHA);
    const res = await register(v, { login: 'rollback@alpha.test' });
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('出错了');
    expect(v.cookie('session')).toBeUndefined();
    const alpha = q.cities.alpha!.id;
    const rows = await q.db.tenant(alpha, (tx) => tx.select().from(users).where(and(eq(users.tenantId, alpha), eq(users.email, 'rollback@alpha.test'))));
    expect(rows).toEqual([]);
    expect((await v.signIn('rollback@alpha.test', 'secret-pass-1')).status).toBe(401);
    // Beta has not enabled the plugin and registers as usual.
    expect((await register(new Visitor(q.app, BETA), { login: 'rollback@alpha.test' })).status).toBe(303);
  });
});

describe('under HTTPS', () => {
  let q: TestPlatform;
  beforeAll(async () => {
    q = await startTestPlatform({ env: { PUBLIC_SCHEME: 'https' } });
  });
  afterAll(() => q.close());

  it('names the session cookie __Host-session and marks it Secure, HttpOnly, SameSite=Lax, Path=/', async () => {
    const v = new Visitor(q.app, 'https://alpha.localhost');
    const res = await v.signIn('vol@alpha.test');
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-session='))!;
    expect(cookie).toBeTruthy();
    for (const attribute of [/; Secure/, /; HttpOnly/, /; SameSite=Lax/, /; Path=\/;/]) expect(cookie).toMatch(attribute);
    expect(await (await v.get('/account')).text()).toContain('甲志愿');
  });
});

describe('the per-address limiter', () => {
  it('allows 10 attempts in any 5 minutes and frees each slot as its attempt leaves the window', () => {
    let now = 0;
    const limiter = createSignInLimiter(() => now);
    for (let i = 0; i < 10; i++) {
      expect(limiter.retryAfter('a')).toBe(0);
      limiter.hit('a');
      now += 10_000;
    }
    expect(limiter.retryAfter('a')).toBe(200);
    expect(limiter.retryAfter('b')).toBe(0);
    now = 300_001;
    expect(limiter.retryAfter('a')).toBe(0);
    limiter.hit('a');
    expect(limiter.retryAfter('a')).toBe(10);
  });
});

describe('the unknown logins\' backoff', () => {
  it('waits 1, 2, 4 ... seconds as an account does, and past its size forgets the longest idle logins first', () => {
    const backoff = new UnknownLoginBackoff(2);
    const at = (seconds: number) => new Date(seconds * 1000);
    expect(backoff.claim('a', at(0))).toBe(0);
    expect(backoff.claim('a', at(0))).toBe(1);
    expect(backoff.claim('a', at(1))).toBe(0);
    expect(backoff.claim('a', at(1))).toBe(2);
    expect(backoff.claim('b', at(2))).toBe(0);
    // A third login over a size of two: 'a', tried longest ago, is forgotten and starts again at 1 s.
    expect(backoff.claim('c', at(2.5))).toBe(0);
    expect(backoff.claim('b', at(2.5))).toBe(1);
    expect(backoff.claim('a', at(4))).toBe(0);
    expect(backoff.claim('a', at(4))).toBe(1);
  });
});
