import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { users } from '../core/db/schema/identity.ts';
import { identityMessages } from '../core/identity/messages.ts';
import { mobileRegistrationMessages } from '../core/identity/mobile-registration-messages.ts';
import { passwordResetMessages } from '../core/identity/password-reset-messages.ts';
import { messagesTo } from './support/outbox.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { Visitor } from './support/visitor.ts';

const t = mobileRegistrationMessages['zh-CN'];
const codes = passwordResetMessages['zh-CN'];

let p: TestPlatform;
let alpha: string;
beforeAll(async () => {
  p = await startTestPlatform({ env: { TRUST_PROXY: '1' } });
  alpha = p.cities.alpha!.id;
});
afterAll(() => p.close());
afterEach(() => vi.useRealTimers());

const visitor = () => new Visitor(p.app, 'http://alpha.localhost');
const fieldError = (html: string, field: string) => new RegExp(`id="f-${field}-error" class="error">([^<]*)<`).exec(html)?.[1];
const registrationOf = (html: string) => /name="registration" value="([^"]+)"/.exec(html)![1]!;

const usersWithMobile = (mobile: string) =>
  p.db.tenant(alpha, (tx) => tx.select().from(users).where(and(eq(users.tenantId, alpha), eq(users.mobile, mobile))));

async function newestCode(mobile: string): Promise<string> {
  const [sms] = await messagesTo(p, mobile);
  expect(sms).toMatchObject({ kind: 'identity.registration-code', channel: 'sms' });
  return /\d{6}/.exec(sms!.text)![0];
}

/** Step one: the form, answered by the page that asks for the code. */
async function start(v: Visitor, mobile: string, name = '王芳') {
  const res = await v.post('/register', { name, login: mobile, password: 'mobile-pass-1', password_confirm: 'mobile-pass-1' });
  expect(res.status).toBe(200);
  const html = await res.text();
  return { html, registration: registrationOf(html) };
}

const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');

describe('registering with a mobile number', () => {
  it('makes no account until the SMS code is entered; a wrong code is refused beside the field, the right one registers', async () => {
    const v = visitor();
    const { html, registration } = await start(v, '13700000001');
    expect(html).toContain(t.intro('13700000001', 10));
    expect(html).toContain(t.resendIn(60));
    expect(await usersWithMobile('13700000001')).toEqual([]);
    const code = await newestCode('13700000001');

    const wrong = await v.post('/register/code', { registration, code: otherThan(code) });
    expect(wrong.status).toBe(400);
    expect(fieldError(await wrong.text(), 'code')).toBe(codes.codeWrong(4));
    expect(await usersWithMobile('13700000001')).toEqual([]);

    const right = await v.post('/register/code', { registration, code });
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/sign-in');
    expect(await (await v.follow(right)).text()).toContain(identityMessages['zh-CN'].registrationReceived);
    expect((await usersWithMobile('13700000001')).map((u) => u.name)).toEqual(['王芳']);
    expect((await visitor().signIn('13700000001', 'mobile-pass-1')).status).toBe(303);

    const again = await v.post('/register/code', { registration, code });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/register');
    expect(await usersWithMobile('13700000001')).toHaveLength(1);
  });

  it('refuses an expired code with a clear message (injected clock); a new code after the cooldown works', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const v = visitor();
    const { registration } = await start(v, '13700000002');
    const oldCode = await newestCode('13700000002');
    vi.setSystemTime(Date.now() + 10 * 60_000 + 1000);
    const late = await v.post('/register/code', { registration, code: oldCode });
    expect(late.status).toBe(400);
    expect(fieldError(await late.text(), 'code')).toBe(codes.codeExpired(10));
    expect(await usersWithMobile('13700000002')).toEqual([]);

    const resent = await v.post('/register/resend', { registration });
    expect(resent.status).toBe(200);
    expect(await resent.text()).toContain(t.resent);
    const newCode = await newestCode('13700000002');
    expect((await messagesTo(p, '13700000002')).length).toBe(2);
    if (newCode !== oldCode) expect(fieldError(await (await v.post('/register/code', { registration, code: oldCode })).text(), 'code')).toBe(codes.codeWrong(4));
    expect((await v.post('/register/code', { registration, code: newCode })).status).toBe(303);
    expect(await usersWithMobile('13700000002')).toHaveLength(1);
  });

  it('sends a new code only after the cooldown, and says how long to wait on the page', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const v = visitor();
    const { registration } = await start(v, '13700000003');
    vi.setSystemTime(Date.now() + 20_000);
    const early = await v.post('/register/resend', { registration });
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('40');
    const html = await early.text();
    expect(fieldError(html, 'code')).toBe(t.resendWait(40));
    expect(html).toContain(t.resendIn(40));
    expect(await messagesTo(p, '13700000003')).toHaveLength(1);
    vi.setSystemTime(Date.now() + 40_000);
    expect((await v.post('/register/resend', { registration })).status).toBe(200);
    expect(await messagesTo(p, '13700000003')).toHaveLength(2);
  });

  it('burns the code after five wrong tries', async () => {
    const v = visitor();
    const { registration } = await start(v, '13700000004');
    const code = await newestCode('13700000004');
    for (let i = 0; i < 5; i++) await v.post('/register/code', { registration, code: otherThan(code) });
    const right = await v.post('/register/code', { registration, code });
    expect(fieldError(await right.text(), 'code')).toBe(codes.codeBurned);
    expect(await usersWithMobile('13700000004')).toEqual([]);
  });

  it('answers a number that already has an account as a new one; its owner, with the code, is told to sign in', async () => {
    const owner = visitor();
    const first = await start(owner, '13700000005', '机主');
    await owner.post('/register/code', { registration: first.registration, code: await newestCode('13700000005') });

    const taken = await start(visitor(), '13700000005', '冒名者');
    const fresh = await start(visitor(), '13700000006', '冒名者');
    const same = (html: string) => html.replace(/name="registration" value="[^"]+"/g, '').replace(/1370000000[56]/g, 'MOBILE').replace(/nonce="[^"]*"/g, '');
    expect(same(taken.html)).toBe(same(fresh.html));

    const res = await owner.post('/register/code', { registration: taken.registration, code: await newestCode('13700000005') });
    expect(res.status).toBe(303);
    expect(await (await owner.follow(res)).text()).toContain(t.alreadyRegistered);
    expect((await usersWithMobile('13700000005')).map((u) => u.name)).toEqual(['机主']);
  });

  it('keeps two tries for one number apart: a second registration cannot set the password of the first', async () => {
    const owner = await start(visitor(), '13700000007', '本人');
    const ownerCode = await newestCode('13700000007');
    const other = visitor();
    const res = await other.post('/register', { name: '他人', login: '13700000007', password: 'other-pass-1', password_confirm: 'other-pass-1' });
    expect(res.status).toBe(200);
    expect((await visitor().post('/register/code', { registration: owner.registration, code: ownerCode })).status).toBe(303);
    expect((await usersWithMobile('13700000007')).map((u) => u.name)).toEqual(['本人']);
    expect((await visitor().signIn('13700000007', 'mobile-pass-1')).status).toBe(303);
  });

  it('refuses a code that is not six digits without counting it, and a made-up registration', async () => {
    const v = visitor();
    const { registration } = await start(v, '13700000008');
    const res = await v.post('/register/code', { registration, code: '12ab' });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'code')).toBe(codes.codeInvalid);
    const madeUp = await v.post('/register/code', { registration: '01900000-0000-7000-8000-000000000000', code: '123456' });
    expect(madeUp.headers.get('location')).toBe('/register');
  });
});
