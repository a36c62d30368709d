import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/http/logger.ts';
import { createUser } from '../../core/identity/users.ts';
import { deliverDueMessages } from '../../core/messages/delivery.ts';
import type { Channel, MessageKind, MessageParams } from '../../core/messages/kinds.ts';
import { queueMessageAt, type Recipient } from '../../core/messages/outbox.ts';
import { saveChoices } from '../../core/messages/preferences.ts';
import type { MessageTransport, Transports } from '../../core/messages/transports/transport.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { notice, outboxRows, reminder, signInCode } from './fixtures.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const alpha = () => p.cities.alpha!.id;
// Noon in China: no quiet hours.
const NOON = new Date('2026-07-01T04:00:00Z');
let n = 0;

/** Transports for the given channels, each recording what it carried (address and text). */
function providers(channels: Channel[]) {
  const sent: { channel: Channel; address: string; subject: string | null; text: string }[] = [];
  const transports: Transports = {};
  for (const channel of channels) {
    const transport: MessageTransport = {
      async send(m) {
        sent.push({ channel: m.channel, address: m.address, subject: m.subject, text: m.text });
        return { providerMessageId: m.id };
      },
    };
    transports[channel] = transport;
  }
  return { sent, transports };
}

/** A person with these addresses (new ones each time), optionally with channels turned off. */
async function person(has: { email?: boolean; mobile?: boolean }, off: Channel[] = []) {
  n += 1;
  const email = has.email ? `chan-${n}@example.com` : undefined;
  const mobile = has.mobile ? `1370000${String(n).padStart(4, '0')}` : undefined;
  const userId = await p.db.tenant(alpha(), (tx) => createUser(tx, alpha(), { name: `Chan ${n}`, email, mobile, passwordHash: null }));
  if (off.length) {
    await p.db.tenant(alpha(), (tx) => saveChoices(tx, alpha(), userId, { channels: { email: !off.includes('email'), sms: !off.includes('sms') }, optedOut: [] }));
  }
  return { userId, email, mobile };
}

/** Queues `kind` to the person, runs a delivery with providers for `configured`, and says what happened. */
async function deliverTo<P extends MessageParams>(kind: MessageKind<P>, to: Recipient & { email?: string; mobile?: string }, params: P, configured: Channel[], at = NOON) {
  n += 1;
  await p.db.tenant(alpha(), (tx) => queueMessageAt(tx, alpha(), kind, { userId: to.userId }, params, `chan-${n}`, at));
  const { sent, transports } = providers(configured);
  await deliverDueMessages({ db: p.db, logger: createLogger('silent'), transports, now: () => at });
  const rows = [...(to.email ? await outboxRows(p.db, to.email) : []), ...(to.mobile ? await outboxRows(p.db, to.mobile) : [])];
  const row = rows.find((r) => r.idempotencyKey === `chan-${n}`);
  return { sent, row };
}

const city = () => p.cities.alpha!.names.en;

describe('the channel is chosen at delivery, from the providers configured then', () => {
  const both = { email: true, mobile: true };
  const cases: { name: string; kind: MessageKind<{ activity: string }> | MessageKind<{ what: string }>; has: { email?: boolean; mobile?: boolean }; off?: Channel[]; configured: Channel[]; goes: Channel | 'kept' }[] = [
    { name: 'text first, both addresses, both providers: a text', kind: reminder, has: both, configured: ['email', 'sms'], goes: 'sms' },
    { name: 'text first, both addresses, SMTP only: an email (it used to be kept)', kind: reminder, has: both, configured: ['email'], goes: 'email' },
    { name: 'text first, both addresses, SMS only: a text', kind: reminder, has: both, configured: ['sms'], goes: 'sms' },
    { name: 'text first, both addresses, no provider: kept', kind: reminder, has: both, configured: [], goes: 'kept' },
    { name: 'text first, a mobile only, SMTP only: kept (no channel can carry it)', kind: reminder, has: { mobile: true }, configured: ['email'], goes: 'kept' },
    { name: 'text first, an email only, SMTP only: an email', kind: reminder, has: { email: true }, configured: ['email'], goes: 'email' },
    { name: 'text first, an email only, SMS only: kept', kind: reminder, has: { email: true }, configured: ['sms'], goes: 'kept' },
    { name: 'email first, both addresses, both providers: an email', kind: notice, has: both, configured: ['email', 'sms'], goes: 'email' },
    { name: 'email first, both addresses, SMS only: a text', kind: notice, has: both, configured: ['sms'], goes: 'sms' },
    { name: 'email first, a mobile only, both providers: a text', kind: notice, has: { mobile: true }, configured: ['email', 'sms'], goes: 'sms' },
    { name: 'texts turned off, SMS only: kept (the person accepts email alone)', kind: reminder, has: both, off: ['sms'], configured: ['sms'], goes: 'kept' },
    { name: 'texts turned off, both providers: an email', kind: reminder, has: both, off: ['sms'], configured: ['email', 'sms'], goes: 'email' },
    { name: 'email turned off, SMTP only: kept', kind: notice, has: both, off: ['email'], configured: ['email'], goes: 'kept' },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const to = await person(c.has, c.off);
      const { sent, row } = await (c.kind === reminder
        ? deliverTo(reminder, to, { activity: 'Park clean-up' }, c.configured)
        : deliverTo(notice, to, { what: 'Park clean-up' }, c.configured));
      if (c.goes === 'kept') {
        expect(sent).toEqual([]);
        expect(row).toMatchObject({ status: 'kept' });
        return;
      }
      const address = c.goes === 'email' ? to.email : to.mobile;
      expect(sent.map((s) => [s.channel, s.address])).toEqual([[c.goes, address]]);
      // The outbox says how and where it went, and keeps the text that channel carried.
      expect(row).toMatchObject({ status: 'sent', channel: c.goes, address });
      const word = c.kind === reminder ? 'Tomorrow' : 'Notice';
      expect(sent[0]!.text).toBe(c.goes === 'email' ? `${word}: Park clean-up` : `[${city()}] ${word}: Park clean-up`);
      expect(sent[0]!.subject).toBe(c.goes === 'email' ? (c.kind === reminder ? `${city()}: tomorrow` : `${city()}: notice`) : null);
    });
  }

  it('an essential message ignores a channel turned off: a code goes by text with only SMS configured', async () => {
    const to = await person({ email: true, mobile: true }, ['sms']);
    const { sent, row } = await deliverTo(signInCode, to, { code: '246810' }, ['sms']);
    expect(sent.map((s) => [s.channel, s.address])).toEqual([['sms', to.mobile]]);
    // Sent, so the sensitive body is blanked in every rendering.
    expect(row).toMatchObject({ status: 'sent', text: null, smsText: null, smsParams: null });
  });

  it('a message kept while no provider could carry it stays kept, readable in the console', async () => {
    const to = await person({ mobile: true });
    const { row } = await deliverTo(reminder, to, { activity: 'Library' }, ['email']);
    expect(row).toMatchObject({ status: 'kept', channel: 'sms', address: to.mobile, smsText: `[${city()}] Tomorrow: Library` });
  });
});

describe('quiet hours follow the channel chosen at delivery', () => {
  const lateEvening = new Date('2026-07-01T14:30:00Z'); // 22:30 in China

  it('text first, both providers, at 22:30: it waits for 08:00 and goes by text', async () => {
    const to = await person({ email: true, mobile: true });
    const { sent, row } = await deliverTo(reminder, to, { activity: 'Choir' }, ['email', 'sms'], lateEvening);
    expect(sent).toEqual([]);
    expect(row).toMatchObject({ status: 'queued' });
    const morning = providers(['email', 'sms']);
    await deliverDueMessages({ db: p.db, logger: createLogger('silent'), transports: morning.transports, now: () => new Date('2026-07-02T00:00:00Z') });
    expect(morning.sent.map((s) => [s.channel, s.address])).toEqual([['sms', to.mobile]]);
  });

  it('text first, SMTP only, at 22:30: an email at once (no text to hold back)', async () => {
    const to = await person({ email: true, mobile: true });
    const { sent } = await deliverTo(reminder, to, { activity: 'Choir' }, ['email'], lateEvening);
    expect(sent.map((s) => [s.channel, s.address])).toEqual([['email', to.email]]);
  });
});
