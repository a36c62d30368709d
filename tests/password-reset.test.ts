import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { passkeys, sessions } from '../core/db/schema/identity.ts';
import { identityMessages } from '../core/identity/messages.ts';
import { messages } from '../core/messages/schema.ts';
import { passwordResetMessages } from '../core/identity/password-reset-messages.ts';
import { hashPassword } from '../core/identity/passwords.ts';
import { createUser } from '../core/identity/users.ts';
import { messagesTo } from './support/outbox.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { Visitor } from './support/visitor.ts';

const t = passwordResetMessages['zh-CN'];
const ALPHA = 'http://alpha.localhost';

let p: TestPlatform;
let alpha: string;
beforeAll(async () => {
  p = await startTestPlatform({ env: { TRUST_PROXY: '1' } });
  alpha = p.cities.alpha!.id;
});
afterAll(() => p.close());
afterEach(() => vi.useRealTimers());

const visitor = () => new Visitor(p.app, ALPHA);

/** The message shown beside a field (views/components/field.tsx). */
const fieldError = (html: string, field: string) => new RegExp(`id="f-${field}-error" class="error">([^<]*)<`).exec(html)?.[1];

let people = 0;
/** A fresh account in alpha with this email or mobile and password `old-password-1`. */
async function account(login: { email?: string; mobile?: string }) {
  const passwordHash = await hashPassword('old-password-1');
  const id = await p.db.tenant(alpha, (tx) => createUser(tx, alpha, { name: `重置${++people}`, ...login, passwordHash }));
  return id;
}

async function newestTo(address: string) {
  const [message] = await messagesTo(p, address);
  if (!message) throw new Error(`nothing sent to ${address}`);
  return message;
}

/** The path of the reset link in the newest email to `email`, as a person would click it. */
async function resetLinkTo(email: string): Promise<string> {
  const { text } = await newestTo(email);
  const link = /https?:\/\/[^\s]+\/reset-password\/[a-z2-7]{24}/.exec(text)?.[0];
  if (!link) throw new Error(`no reset link in: ${text}`);
  return new URL(link).pathname;
}

const codeTo = async (mobile: string) => /\d{6}/.exec((await newestTo(mobile)).text)![0];
const resetIdOf = (html: string) => /name="reset" value="([^"]+)"/.exec(html)![1]!;

const signsIn = async (login: string, password: string) => (await visitor().signIn(login, password)).status === 303;

describe('forgot password', () => {
  it('is offered on the sign-in page', async () => {
    const html = await (await visitor().get('/sign-in')).text();
    expect(html).toContain('href="/forgot-password"');
    expect(html).toContain(t.forgotLink);
  });

  it('answers a known and an unknown email alike, and mails only the account', async () => {
    await account({ email: 'known-email@alpha.test' });
    const known = await visitor().post('/forgot-password', { login: 'Known-Email@alpha.test' });
    const unknown = await visitor().post('/forgot-password', { login: 'nobody-email@alpha.test' });
    expect([known.status, unknown.status]).toEqual([200, 200]);
    const same = (html: string, email: string) => html.replaceAll(email, 'EMAIL').replace(/nonce="[^"]*"/g, '');
    expect(same(await known.text(), 'known-email@alpha.test')).toBe(same(await unknown.text(), 'nobody-email@alpha.test'));
    expect(await messagesTo(p, 'nobody-email@alpha.test')).toEqual([]);
    const [mail] = await messagesTo(p, 'known-email@alpha.test');
    expect(mail).toMatchObject({ kind: 'identity.password-reset-link', channel: 'email' });
    expect(mail!.subject).toContain('甲市');
    // Nobody can opt out of it, and no admin reads the link in it.
    const [row] = await p.db.tenant(alpha, (tx) => tx.select().from(messages).where(and(eq(messages.tenantId, alpha), eq(messages.address, 'known-email@alpha.test'))));
    expect(row).toMatchObject({ essential: true, sensitive: true });
  });

  it('refuses what is neither an email nor a mobile number beside the field, sending nothing', async () => {
    const res = await visitor().post('/forgot-password', { login: 'not an address' });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'login')).toBe(identityMessages['zh-CN'].loginInvalid);
  });
});

describe('a reset link', () => {
  it('sets a new password once: the old one stops working, and the link then says it was used', async () => {
    await account({ email: 'once@alpha.test' });
    await visitor().post('/forgot-password', { login: 'once@alpha.test' });
    const link = await resetLinkTo('once@alpha.test');
    const v = visitor();
    expect((await v.get(link)).status).toBe(200);
    const res = await v.post(link, { password: 'new-password-1', password_confirm: 'new-password-1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in');
    expect(await (await v.follow(res)).text()).toContain(t.passwordReset);
    expect(await signsIn('once@alpha.test', 'new-password-1')).toBe(true);

    const again = await visitor().post(link, { password: 'third-password-1', password_confirm: 'third-password-1' });
    expect(again.status).toBe(410);
    expect(fieldError(await again.text(), 'password')).toBe(t.linkUsed);
    expect(fieldError(await (await visitor().get(link)).text(), 'password')).toBe(t.linkUsed);
    expect(await signsIn('once@alpha.test', 'new-password-1')).toBe(true);
    expect(await signsIn('once@alpha.test', 'old-password-1')).toBe(false);
  });

  it('ends every session of the account and keeps its passkeys', async () => {
    const userId = await account({ email: 'sessions@alpha.test' });
    const laptop = visitor();
    const phone = visitor();
    await laptop.signIn('sessions@alpha.test', 'old-password-1');
    await phone.signIn('sessions@alpha.test', 'old-password-1');
    expect((await phone.get('/account')).status).toBe(200);
    await p.db.tenant(alpha, (tx) =>
      tx.insert(passkeys).values({ tenantId: alpha, id: 'reset-kept-passkey', userId, publicKey: new Uint8Array([1]), counter: 0, deviceType: 'singleDevice', backedUp: false, name: '手机' }),
    );
    await visitor().post('/forgot-password', { login: 'sessions@alpha.test' });
    const link = await resetLinkTo('sessions@alpha.test');
    expect((await laptop.post(link, { password: 'new-password-1', password_confirm: 'new-password-1' })).status).toBe(303);

    for (const device of [laptop, phone]) expect((await device.get('/account')).status).toBe(303);
    const left = await p.db.tenant(alpha, (tx) => tx.select().from(sessions).where(and(eq(sessions.tenantId, alpha), eq(sessions.userId, userId))));
    expect(left).toEqual([]);
    const kept = await p.db.tenant(alpha, (tx) => tx.select().from(passkeys).where(and(eq(passkeys.tenantId, alpha), eq(passkeys.userId, userId))));
    expect(kept.map((k) => k.id)).toEqual(['reset-kept-passkey']);
  });

  it('is refused with a clear message beside the field once its 30 minutes are over, changing nothing', async () => {
    await account({ email: 'late-link@alpha.test' });
    vi.useFakeTimers({ toFake: ['Date'] });
    await visitor().post('/forgot-password', { login: 'late-link@alpha.test' });
    const link = await resetLinkTo('late-link@alpha.test');
    vi.setSystemTime(Date.now() + 30 * 60_000 + 1000);
    const page = await visitor().get(link);
    expect(page.status).toBe(410);
    expect(fieldError(await page.text(), 'password')).toBe(t.linkExpired(30));
    const res = await visitor().post(link, { password: 'new-password-1', password_confirm: 'new-password-1' });
    expect(res.status).toBe(410);
    expect(fieldError(await res.text(), 'password')).toBe(t.linkExpired(30));
    vi.useRealTimers();
    expect(await signsIn('late-link@alpha.test', 'old-password-1')).toBe(true);
  });

  it('refuses a mistyped new password beside the field and keeps the link usable', async () => {
    await account({ email: 'typo@alpha.test' });
    await visitor().post('/forgot-password', { login: 'typo@alpha.test' });
    const link = await resetLinkTo('typo@alpha.test');
    const res = await visitor().post(link, { password: 'new-password-1', password_confirm: 'new-password-2' });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'password_confirm')).toBe(identityMessages['zh-CN'].passwordMismatch);
    expect((await visitor().post(link, { password: 'new-password-1', password_confirm: 'new-password-1' })).status).toBe(303);
  });

  it('from another city is not valid here', async () => {
    await account({ email: 'other-city@alpha.test' });
    await visitor().post('/forgot-password', { login: 'other-city@alpha.test' });
    const link = await resetLinkTo('other-city@alpha.test');
    const res = await new Visitor(p.app, 'http://beta.localhost').post(link, { password: 'new-password-1', password_confirm: 'new-password-1' });
    expect(res.status).toBe(404);
    expect(fieldError(await res.text(), 'password')).toBe(t.linkUnknown);
    expect(await signsIn('other-city@alpha.test', 'old-password-1')).toBe(true);
  });
});

describe('an SMS code', () => {
  const withCode = (resetId: string, code: string, password = 'new-password-1') => ({ reset: resetId, mobile: '', code, password, password_confirm: password });

  it('sets a new password with the right code, after a wrong one was refused beside the field', async () => {
    await account({ mobile: '13900000001' });
    const v = visitor();
    const page = await v.post('/forgot-password', { login: '139 0000 0001' });
    expect(page.status).toBe(200);
    const resetId = resetIdOf(await page.text());
    const code = await codeTo('13900000001');
    expect(await newestTo('13900000001')).toMatchObject({ kind: 'identity.password-reset-code', channel: 'sms' });

    const wrong = await v.post('/reset-password/code', withCode(resetId, code === '000000' ? '111111' : '000000'));
    expect(wrong.status).toBe(400);
    expect(fieldError(await wrong.text(), 'code')).toBe(t.codeWrong(4));
    expect(await signsIn('13900000001', 'old-password-1')).toBe(true);

    const right = await v.post('/reset-password/code', withCode(resetId, code));
    expect(right.status).toBe(303);
    expect(await signsIn('13900000001', 'new-password-1')).toBe(true);
    const reused = await v.post('/reset-password/code', withCode(resetId, code, 'third-password-1'));
    expect(fieldError(await reused.text(), 'code')).toBe(t.codeUsed);
  });

  it('is refused with a clear message once its 10 minutes are over (injected clock), changing nothing', async () => {
    await account({ mobile: '13900000002' });
    vi.useFakeTimers({ toFake: ['Date'] });
    const resetId = resetIdOf(await (await visitor().post('/forgot-password', { login: '13900000002' })).text());
    const code = await codeTo('13900000002');
    vi.setSystemTime(Date.now() + 10 * 60_000 + 1000);
    const res = await visitor().post('/reset-password/code', withCode(resetId, code));
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'code')).toBe(t.codeExpired(10));
    vi.useRealTimers();
    expect(await signsIn('13900000002', 'old-password-1')).toBe(true);
  });

  it('is burnt by five wrong tries: then even the right code is refused', async () => {
    await account({ mobile: '13900000003' });
    const v = visitor();
    const resetId = resetIdOf(await (await v.post('/forgot-password', { login: '13900000003' })).text());
    const code = await codeTo('13900000003');
    const wrongCode = code === '000000' ? '111111' : '000000';
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) answers.push(fieldError(await (await v.post('/reset-password/code', withCode(resetId, wrongCode))).text(), 'code'));
    expect(answers).toEqual([t.codeWrong(4), t.codeWrong(3), t.codeWrong(2), t.codeWrong(1), t.codeBurned]);
    const right = await v.post('/reset-password/code', withCode(resetId, code));
    expect(fieldError(await right.text(), 'code')).toBe(t.codeBurned);
    expect(await signsIn('13900000003', 'old-password-1')).toBe(true);
  });

  it('answers a number without an account exactly as one with an account, and sends it nothing', async () => {
    await account({ mobile: '13900000004' });
    const known = await visitor().post('/forgot-password', { login: '13900000004' });
    const unknown = await visitor().post('/forgot-password', { login: '13900000005' });
    const same = (html: string) => html.replace(/name="reset" value="[^"]+"/, '').replace(/1390000000[45]/g, 'MOBILE').replace(/nonce="[^"]*"/g, '');
    const [knownHtml, unknownHtml] = [await known.text(), await unknown.text()];
    expect([known.status, unknown.status]).toEqual([200, 200]);
    expect(same(knownHtml)).toBe(same(unknownHtml));
    expect(await messagesTo(p, '13900000005')).toEqual([]);
    const v = visitor();
    const tries = async (html: string) => fieldError(await (await v.post('/reset-password/code', withCode(resetIdOf(html), '000000'))).text(), 'code');
    const knownCode = await codeTo('13900000004');
    if (knownCode !== '000000') expect(await tries(knownHtml)).toBe(await tries(unknownHtml));
  });
});

describe('limits', () => {
  const withCodeFor = (resetId: string) => ({ reset: resetId, mobile: '', code: '000000', password: 'new-password-1', password_confirm: 'new-password-1' });

  it('allows five requests an hour for one login, known or not, then answers 429 beside the field', async () => {
    await account({ email: 'limited@alpha.test' });
    for (const login of ['limited@alpha.test', 'limited-unknown@alpha.test']) {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await visitor().post('/forgot-password', { login })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      const res = await visitor().post('/forgot-password', { login });
      expect(res.status).toBe(429);
      expect(fieldError(await res.text(), 'login')).toMatch(/^请求过于频繁，请 \d+ 秒后再试。$/);
    }
    expect(await messagesTo(p, 'limited@alpha.test')).toHaveLength(5);
  });

  it('allows twenty requests from one client address in ten minutes', async () => {
    const v = visitor();
    for (let i = 0; i < 20; i++) expect((await v.post('/forgot-password', { login: `many-${i}@alpha.test` })).status).toBe(200);
    expect((await v.post('/forgot-password', { login: 'many-20@alpha.test' })).status).toBe(429);
    expect((await visitor().post('/forgot-password', { login: 'many-20@alpha.test' })).status).toBe(200);
  });

  it('counts wrong codes against the client address as failed sign-ins', async () => {
    const v = visitor();
    const resetIds: string[] = [];
    for (let i = 0; i < 3; i++) resetIds.push(resetIdOf(await (await v.post('/forgot-password', { login: `1380000000${i}` })).text()));
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await v.post('/reset-password/code', withCodeFor(resetIds[i % 3]!))).status);
    expect(statuses.every((s) => s === 400)).toBe(true);
    const blocked = await v.post('/reset-password/code', withCodeFor(resetIds[0]!));
    expect(blocked.status).toBe(429);
    expect((await v.signIn('vol@alpha.test', 'password-123')).status).toBe(429);
  });
});

