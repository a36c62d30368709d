import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDueMessages, deliverDueMessages } from '../../core/messages/delivery.ts';
import type { MessageKind, MessageParams } from '../../core/messages/kinds.ts';
import { queueMessageAt, type Recipient } from '../../core/messages/outbox.ts';
import { SENDING_LEASE } from '../../core/messages/schedule.ts';
import { smtpTransport } from '../../core/messages/transports/email.ts';
import { httpSmsProvider } from '../../core/messages/transports/http-sms-provider.ts';
import { smsTransport } from '../../core/messages/transports/sms.ts';
import type { MessageTransport, Transports } from '../../core/messages/transports/transport.ts';
import { createLogger } from '../../core/http/logger.ts';
import { startFakeSmsProvider } from '../support/fake-sms-provider.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { greeting, outboxRows, signInCode } from './fixtures.ts';

let p: TestPlatform;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let sms: Awaited<ReturnType<typeof startFakeSmsProvider>>;
let transports: Transports;
const logger = createLogger('silent');
// Noon in China: no quiet hours.
const NOON = new Date('2026-06-01T04:00:00Z');

beforeAll(async () => {
  [p, smtp, sms] = await Promise.all([startTestPlatform(), startSmtpSink(), startFakeSmsProvider()]);
  transports = {
    email: smtpTransport({ url: smtp.url, from: 'Volunteer Commons <no-reply@city.example>' }),
    sms: smsTransport({ provider: httpSmsProvider({ url: sms.url, apiKey: 'test-key' }), signName: '志愿公益', templates: { 'sign-in-code': 'SMS_100001' } }),
  };
});
afterAll(async () => {
  transports.email?.close?.();
  await Promise.all([p.close(), smtp.close(), sms.close()]);
});

const alpha = () => p.cities.alpha!.id;
const queue = <P extends MessageParams>(kind: MessageKind<P>, to: Recipient, params: P, key: string, at: Date) =>
  p.db.tenant(alpha(), (tx) => queueMessageAt(tx, alpha(), kind, to, params, key, at));
const deliver = (at: Date, using: Transports = transports) => deliverDueMessages({ db: p.db, logger, transports: using, now: () => at });

describe('email over SMTP', () => {
  it('nodemailer delivers to a real SMTP server: recipient, subject, body and a Message-ID made of the message id', async () => {
    await queue(greeting, { email: 'ann@example.com', locale: 'en' }, { name: 'Ann' }, 'smtp-1', NOON);
    expect(await deliver(NOON)).toMatchObject({ sent: 1, failed: 0 });
    const [row] = await outboxRows(p.db, 'ann@example.com');
    const mail = smtp.received.find((m) => m.to.includes('ann@example.com'))!;
    expect(mail.from).toBe('no-reply@city.example');
    expect(mail.headers.get('subject')).toBe(`Hello from ${p.cities.alpha!.names.en}`);
    expect(mail.body).toBe('Hello Ann');
    expect(mail.headers.get('message-id')).toBe(`<${row!.id}@city.example>`);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: `<${row!.id}@city.example>`, sentAt: NOON });
  });

  it('a mail server that is down leaves the message queued for a later attempt, with the reason', async () => {
    const down = smtpTransport({ url: 'smtp://127.0.0.1:9', from: 'no-reply@city.example' });
    await queue(greeting, { email: 'later@example.com', locale: 'en' }, { name: 'Lee' }, 'smtp-down', NOON);
    expect(await deliver(NOON, { ...transports, email: down })).toMatchObject({ retrying: 1 });
    const [row] = await outboxRows(p.db, 'later@example.com');
    expect(row).toMatchObject({ status: 'queued', attempts: 1, notBefore: new Date(NOON.getTime() + 60_000) });
    expect(row!.lastError).toMatch(/ECONNREFUSED|connect/i);
    down.close?.();
    expect(await deliver(new Date(NOON.getTime() + 60_000))).toMatchObject({ sent: 1 });
    expect(smtp.received.filter((m) => m.to.includes('later@example.com'))).toHaveLength(1);
  });
});

describe('SMS through the provider adapter', () => {
  it('posts sign name, template id, JSON params and the message id as out-id to the provider', async () => {
    await queue(signInCode, { mobile: '13800000001', locale: 'zh-CN' }, { code: '482913' }, 'sms-1', NOON);
    expect(await deliver(NOON)).toMatchObject({ sent: 1 });
    const [row] = await outboxRows(p.db, '13800000001');
    const request = sms.requests.find((r) => r.body.PhoneNumbers === '13800000001')!;
    expect(request.headers.authorization).toBe('Bearer test-key');
    expect(request.body).toEqual({
      PhoneNumbers: '13800000001',
      SignName: '志愿公益',
      TemplateCode: 'SMS_100001',
      TemplateParam: JSON.stringify({ code: '482913' }),
      OutId: row!.id,
    });
    // The code went to the provider; the outbox keeps no copy of it once sent.
    expect(row).toMatchObject({ status: 'sent', providerMessageId: `biz-${row!.id}`, text: null, smsText: null, smsParams: null });
  });

  it('a refusal that will not change (a bad number) fails at once; flow control is retried', async () => {
    sms.answerWith((r) =>
      r.body.PhoneNumbers === '10000000000'
        ? { status: 200, body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: 'invalid number' } }
        : { status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: 'slow down' } },
    );
    await queue(signInCode, { mobile: '10000000000' }, { code: '1' }, 'sms-bad', NOON);
    await queue(signInCode, { mobile: '13800000002' }, { code: '2' }, 'sms-busy', NOON);
    expect(await deliver(NOON)).toMatchObject({ failed: 1, retrying: 1, sent: 0 });
    expect((await outboxRows(p.db, '10000000000'))[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: 'SMS provider refused: isv.MOBILE_NUMBER_ILLEGAL invalid number' });
    expect((await outboxRows(p.db, '13800000002'))[0]).toMatchObject({ status: 'queued', attempts: 1 });
  });

  it('after five failed attempts, with growing waits between them, a message is failed for good', async () => {
    sms.answerWith(() => ({ status: 503, body: {} }));
    await queue(signInCode, { mobile: '13800000003' }, { code: '3' }, 'sms-down', NOON);
    let at = NOON;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      await deliver(at);
      const [row] = await outboxRows(p.db, '13800000003');
      if (attempt < 5) waits.push(row!.notBefore.getTime() - at.getTime());
      at = row!.notBefore;
    }
    expect(waits).toEqual([1, 5, 25, 125].map((m) => m * 60_000));
    expect((await outboxRows(p.db, '13800000003'))[0]).toMatchObject({ status: 'failed', attempts: 5, lastError: 'SMS provider answered HTTP 503' });
  });
});

describe('a process that dies', () => {
  it('after the commit that queued a message and before any delivery: the next process sends it once', async () => {
    await queue(greeting, { email: 'restart@example.com', locale: 'en' }, { name: 'Rae' }, 'restart-1', NOON);
    // The first process is gone without delivering; a new one starts with its own transport.
    const fresh = smtpTransport({ url: smtp.url, from: 'no-reply@city.example' });
    expect(await deliver(NOON, { ...transports, email: fresh })).toMatchObject({ sent: 1 });
    expect(await deliver(NOON, { ...transports, email: fresh })).toMatchObject({ sent: 0 });
    fresh.close?.();
    expect(smtp.received.filter((m) => m.to.includes('restart@example.com'))).toHaveLength(1);
  });

  it('after claiming a message and before sending it: it is due again when the lease ends, and sent once, with the same Message-ID', async () => {
    await queue(greeting, { email: 'claimed@example.com', locale: 'en' }, { name: 'Cy' }, 'claimed-1', NOON);
    // The dying process committed its claim, then never sent.
    const { claimed } = await p.db.tenant(alpha(), (tx) => claimDueMessages(tx, alpha(), transports, NOON, 50));
    expect(claimed.map((m) => m.address)).toEqual(['claimed@example.com']);
    // Within the lease nobody else sends it...
    expect(await deliver(new Date(NOON.getTime() + SENDING_LEASE - 1000))).toMatchObject({ sent: 0 });
    expect(smtp.received.filter((m) => m.to.includes('claimed@example.com'))).toHaveLength(0);
    // ...after it, a new process does, once.
    const later = new Date(NOON.getTime() + SENDING_LEASE);
    expect(await deliver(later)).toMatchObject({ sent: 1 });
    expect(await deliver(new Date(later.getTime() + SENDING_LEASE))).toMatchObject({ sent: 0 });
    const mails = smtp.received.filter((m) => m.to.includes('claimed@example.com'));
    expect(mails.map((m) => m.headers.get('message-id'))).toEqual([`<${claimed[0]!.id}@city.example>`]);
    expect((await outboxRows(p.db, 'claimed@example.com'))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('after the provider accepted and before the row was marked: the resend carries the same idempotency key', async () => {
    const outIds: string[] = [];
    let dies = true;
    const dying: MessageTransport = {
      async send(message) {
        outIds.push(message.id);
        if (dies) await new Promise(() => {}); // accepted, then the process is gone before it records that
        return { providerMessageId: `biz-${message.id}` };
      },
    };
    await queue(greeting, { email: 'accepted@example.com', locale: 'en' }, { name: 'Al' }, 'accepted-1', NOON);
    void deliver(NOON, { email: dying });
    await waitFor(() => outIds.length === 1);
    dies = false;
    expect(await deliver(new Date(NOON.getTime() + SENDING_LEASE), { email: dying })).toMatchObject({ sent: 1 });
    expect(outIds).toHaveLength(2);
    expect(outIds[1]).toBe(outIds[0]);
  });
});

/** Polls (without a timed assertion) until `ready` holds. */
async function waitFor(ready: () => boolean) {
  while (!ready()) await new Promise((resolve) => setImmediate(resolve));
}
