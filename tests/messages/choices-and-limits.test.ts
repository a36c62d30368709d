import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/http/logger.ts';
import { createUser } from '../../core/identity/users.ts';
import { deliverDueMessages } from '../../core/messages/delivery.ts';
import type { MessageKind, MessageParams } from '../../core/messages/kinds.ts';
import { queueMessageAt, type Recipient } from '../../core/messages/outbox.ts';
import { saveChoices } from '../../core/messages/preferences.ts';
import { RATE_LIMIT } from '../../core/messages/schedule.ts';
import type { MessageTransport } from '../../core/messages/transports/transport.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { greeting, outboxRows, reminder, signInCode } from './fixtures.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const HOUR = 3_600_000;
const alpha = () => p.cities.alpha!.id;
const queue = <P extends MessageParams>(kind: MessageKind<P>, to: Recipient, params: P, key: string, at: Date) =>
  p.db.tenant(alpha(), (tx) => queueMessageAt(tx, alpha(), kind, to, params, key, at));

/** A transport that records what it was asked to send. */
function recorder() {
  const sent: string[] = [];
  const transport: MessageTransport = {
    async send(message) {
      sent.push(message.address);
      return { providerMessageId: message.id };
    },
  };
  return { sent, transport };
}

describe('quiet hours (22:00–08:00 China time) for SMS', () => {
  it('a reminder text queued at 22:30 waits for 08:00; the same reminder by email goes at once', async () => {
    const lateEvening = new Date('2026-06-01T14:30:00Z'); // 22:30 in China
    await queue(reminder, { mobile: '13900000001' }, { activity: 'Park clean-up' }, 'quiet-sms', lateEvening);
    await queue(reminder, { email: 'quiet@example.com' }, { activity: 'Park clean-up' }, 'quiet-email', lateEvening);
    expect((await outboxRows(p.db, '13900000001'))[0]!.notBefore).toEqual(new Date('2026-06-02T00:00:00Z'));
    expect((await outboxRows(p.db, 'quiet@example.com'))[0]!.notBefore).toEqual(lateEvening);

    const sms = recorder();
    const email = recorder();
    const deliver = (at: string) => deliverDueMessages({ db: p.db, logger: createLogger('silent'), transports: { sms: sms.transport, email: email.transport }, now: () => new Date(at) });
    await deliver('2026-06-01T14:30:00Z');
    await deliver('2026-06-01T23:59:59Z'); // 07:59:59 in China
    expect(email.sent).toEqual(['quiet@example.com']);
    expect(sms.sent).toEqual([]);
    await deliver('2026-06-02T00:00:00Z');
    expect(sms.sent).toEqual(['13900000001']);
  });

  it('at 03:00 a text due from the evening before still waits for 08:00', async () => {
    const at = new Date('2026-06-02T19:00:00Z'); // 03:00 on 3 June in China
    await queue(reminder, { mobile: '13900000002' }, { activity: 'Library' }, 'quiet-night', at);
    expect((await outboxRows(p.db, '13900000002'))[0]!.notBefore).toEqual(new Date('2026-06-03T00:00:00Z'));
  });

  it('a code the person has just asked for goes at once, even at night', async () => {
    const at = new Date('2026-06-01T15:00:00Z'); // 23:00 in China
    await queue(signInCode, { mobile: '13900000003' }, { code: '123456' }, 'quiet-code', at);
    expect((await outboxRows(p.db, '13900000003'))[0]!.notBefore).toEqual(at);
  });
});

describe('the per-recipient rate limit', () => {
  it(`past ${RATE_LIMIT.nonEssential} messages in an hour to one address, the next ones wait an hour; none is dropped`, async () => {
    const at = new Date('2026-06-05T02:00:00Z');
    for (let i = 0; i < RATE_LIMIT.nonEssential + 2; i++) {
      await queue(greeting, { email: 'busy@example.com' }, { name: `n${i}` }, `busy-${i}`, new Date(at.getTime() + i * 1000));
    }
    const rows = (await outboxRows(p.db, 'busy@example.com')).reverse();
    expect(rows).toHaveLength(RATE_LIMIT.nonEssential + 2);
    const offsets = rows.map((r) => r.notBefore.getTime() - at.getTime());
    expect(offsets.slice(0, RATE_LIMIT.nonEssential)).toEqual([0, 1, 2, 3, 4].map((s) => s * 1000));
    // The sixth waits until an hour after the first, the seventh until an hour after the second.
    expect(offsets.slice(RATE_LIMIT.nonEssential)).toEqual([HOUR, HOUR + 1000]);
  });

  it('counts messages already sent by when they went', async () => {
    const at = new Date('2026-06-09T02:00:00Z');
    for (let i = 0; i < RATE_LIMIT.nonEssential; i++) await queue(greeting, { email: 'sent@example.com' }, { name: 'x' }, `sent-${i}`, at);
    await deliverDueMessages({ db: p.db, logger: createLogger('silent'), transports: { email: recorder().transport }, now: () => at });
    await queue(greeting, { email: 'sent@example.com' }, { name: 'y' }, 'sent-next', new Date(at.getTime() + HOUR / 2));
    const [next] = await outboxRows(p.db, 'sent@example.com');
    expect(next!.notBefore).toEqual(new Date(at.getTime() + HOUR));
  });

  it(`essential messages have their own budget of ${RATE_LIMIT.essential} an hour, untouched by reminders`, async () => {
    const at = new Date('2026-06-06T02:00:00Z');
    for (let i = 0; i < RATE_LIMIT.nonEssential; i++) await queue(greeting, { email: 'codes@example.com' }, { name: 'x' }, `codes-r${i}`, at);
    for (let i = 0; i < RATE_LIMIT.essential + 1; i++) await queue(signInCode, { email: 'codes@example.com' }, { code: `${i}` }, `codes-c${i}`, at);
    const codes = (await outboxRows(p.db, 'codes@example.com')).filter((r) => r.kind === signInCode.id);
    const waiting = codes.filter((r) => r.notBefore.getTime() > at.getTime());
    expect(codes).toHaveLength(RATE_LIMIT.essential + 1);
    expect(waiting.map((r) => r.notBefore.getTime() - at.getTime())).toEqual([HOUR]);
  });

  it('another city counts its own messages to the same address', async () => {
    const at = new Date('2026-06-07T02:00:00Z');
    const beta = p.cities.beta!.id;
    for (let i = 0; i < RATE_LIMIT.nonEssential; i++) await queue(greeting, { email: 'two-cities@example.com' }, { name: 'x' }, `tc-${i}`, at);
    await p.db.tenant(beta, (tx) => queueMessageAt(tx, beta, greeting, { email: 'two-cities@example.com' }, { name: 'y' }, 'tc-beta', at));
    const inBeta = (await outboxRows(p.db, 'two-cities@example.com')).filter((r) => r.tenantId === beta);
    expect(inBeta.map((r) => r.notBefore)).toEqual([at]);
  });
});

describe("a person's choices", () => {
  it('an opted-out group is not sent; an essential message of any group is', async () => {
    const at = new Date('2026-06-08T02:00:00Z');
    const userId = await p.db.tenant(alpha(), (tx) => createUser(tx, alpha(), { name: 'Opt Out', email: 'optout@example.com', mobile: '13900000010', passwordHash: null }));
    await p.db.tenant(alpha(), (tx) => saveChoices(tx, alpha(), userId, { channels: { email: true, sms: true }, optedOut: ['volunteering', 'security'] }));
    await queue(reminder, { userId }, { activity: 'Choir' }, 'optout-reminder', at);
    await queue(signInCode, { userId }, { code: '777777' }, 'optout-code', at);
    const rows = [...(await outboxRows(p.db, 'optout@example.com')), ...(await outboxRows(p.db, '13900000010'))];
    expect(rows.map((r) => [r.kind, r.channel])).toEqual([['security.sign-in-code', 'sms']]);
  });

  it('a channel turned off is skipped for the next one the kind allows; essential messages ignore that choice', async () => {
    const at = new Date('2026-06-08T03:00:00Z');
    const userId = await p.db.tenant(alpha(), (tx) => createUser(tx, alpha(), { name: 'No Texts', email: 'notexts@example.com', mobile: '13900000011', passwordHash: null }));
    await p.db.tenant(alpha(), (tx) => saveChoices(tx, alpha(), userId, { channels: { email: true, sms: false }, optedOut: [] }));
    await queue(reminder, { userId }, { activity: 'Choir' }, 'notexts-reminder', at);
    await queue(signInCode, { userId }, { code: '888888' }, 'notexts-code', at);
    expect((await outboxRows(p.db, 'notexts@example.com')).map((r) => r.kind)).toEqual(['volunteering.reminder']);
    expect((await outboxRows(p.db, '13900000011')).map((r) => r.kind)).toEqual(['security.sign-in-code']);
  });

  it("a person's account gives the address and language when the sender names only the account", async () => {
    const userId = await p.db.tenant(alpha(), async (tx) => {
      const id = await createUser(tx, alpha(), { name: 'English', email: 'english@example.com', passwordHash: null });
      await tx.execute(sql`update users set locale = 'en' where tenant_id = ${alpha()} and id = ${id}`);
      return id;
    });
    await queue(greeting, { userId }, { name: 'Eve' }, 'by-account', new Date('2026-06-08T04:00:00Z'));
    expect((await outboxRows(p.db, 'english@example.com'))[0]).toMatchObject({ locale: 'en', userId, text: 'Hello Eve' });
  });
});
