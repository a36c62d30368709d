import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../core/db/database.ts';
import { createUser } from '../../core/identity/users.ts';
import { MESSAGES_A_CHUNK, queueMessageAt, queueMessagesAt } from '../../core/messages/outbox.ts';
import { saveChoices } from '../../core/messages/preferences.ts';
import { RATE_LIMIT } from '../../core/messages/schedule.ts';
import { messages } from '../../core/messages/schema.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { greeting, reminder } from './fixtures.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const HOUR = 3_600_000;
const alpha = () => p.cities.alpha!.id;

/** The transaction, counting the statements asked of it (each select, insert, update, delete or execute is one). */
function counting(tx: Tx) {
  const counter = { statements: 0 };
  const proxy = new Proxy(tx, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (['select', 'insert', 'update', 'delete', 'execute'].includes(String(prop))) counter.statements += 1;
        return value.apply(target, args);
      };
    },
  });
  return { tx: proxy, counter };
}

/** What the outbox holds under these keys, as the comparison needs it. */
async function rowsByKey(prefix: string) {
  const rows = await p.db.platform((tx) => tx.select().from(messages).where(eq(messages.tenantId, alpha())).orderBy(asc(messages.idempotencyKey)));
  return rows
    .filter((r) => r.idempotencyKey.startsWith(prefix))
    .map((r) => ({ key: r.idempotencyKey.slice(prefix.length), kind: r.kind, channels: r.channels, channel: r.channel, address: r.address, email: r.email, mobile: r.mobile, locale: r.locale, text: r.text, smsText: r.smsText, notBefore: r.notBefore }));
}

describe('queueing many messages in one call', () => {
  it('queues exactly what one call a message queues: addresses from the account, choices, opt-outs, duplicates once', async () => {
    const at = new Date('2026-08-01T02:00:00Z');
    const people = await p.db.tenant(alpha(), async (tx) => {
      const withBoth = await createUser(tx, alpha(), { name: 'Both', email: 'batch-both@example.com', mobile: '13600000001', passwordHash: null });
      const noTexts = await createUser(tx, alpha(), { name: 'No texts', email: 'batch-notexts@example.com', mobile: '13600000002', passwordHash: null });
      const optedOut = await createUser(tx, alpha(), { name: 'Opted out', email: 'batch-out@example.com', passwordHash: null });
      await saveChoices(tx, alpha(), noTexts, { channels: { email: true, sms: false }, optedOut: [] });
      await saveChoices(tx, alpha(), optedOut, { channels: { email: true, sms: true }, optedOut: ['volunteering'] });
      return { withBoth, noTexts, optedOut };
    });
    const batch = (prefix: string) => [
      { to: { userId: people.withBoth }, params: { activity: 'Choir' }, idempotencyKey: `${prefix}a` },
      { to: { userId: people.noTexts }, params: { activity: 'Choir' }, idempotencyKey: `${prefix}b` },
      { to: { userId: people.optedOut }, params: { activity: 'Choir' }, idempotencyKey: `${prefix}c` },
      { to: { mobile: '13600000003', locale: 'en' as const }, params: { activity: 'Library' }, idempotencyKey: `${prefix}d` },
      { to: { userId: people.withBoth }, params: { activity: 'Choir again' }, idempotencyKey: `${prefix}a` },
    ];
    await p.db.tenant(alpha(), async (tx) => {
      for (const m of batch('one-')) await queueMessageAt(tx, alpha(), reminder, m.to, m.params, m.idempotencyKey, at);
    });
    await p.db.tenant(alpha(), (tx) => queueMessagesAt(tx, alpha(), reminder, batch('many-'), at));
    const one = await rowsByKey('one-');
    expect(await rowsByKey('many-')).toEqual(one);
    expect(one.map((r) => [r.key, r.channels])).toEqual([
      ['a', ['sms', 'email']],
      ['b', ['email']],
      ['d', ['sms']],
    ]);
  });

  it(`counts the batch's own messages against the rate limit: past ${RATE_LIMIT.nonEssential} to one address, the rest wait an hour`, async () => {
    const at = new Date('2026-08-02T02:00:00Z');
    const batch = Array.from({ length: RATE_LIMIT.nonEssential + 2 }, (_, i) => ({ to: { email: 'batch-busy@example.com' }, params: { name: `n${i}` }, idempotencyKey: `busy-${i}` }));
    await p.db.tenant(alpha(), (tx) => queueMessagesAt(tx, alpha(), greeting, batch, at));
    const offsets = (await rowsByKey('busy-')).map((r) => r.notBefore.getTime() - at.getTime()).sort((a, b) => a - b);
    expect(offsets).toEqual([0, 0, 0, 0, 0, HOUR, HOUR]);
  });

  it(`costs a fixed number of statements a chunk of ${MESSAGES_A_CHUNK}, however many recipients`, async () => {
    const at = new Date('2026-08-03T02:00:00Z');
    const userIds = await p.db.tenant(alpha(), async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(await createUser(tx, alpha(), { name: `Many ${i}`, email: `batch-many-${i}@example.com`, passwordHash: null }));
      return ids;
    });
    const count = MESSAGES_A_CHUNK + 10;
    const batch = Array.from({ length: count }, (_, i) => ({
      to: i < userIds.length ? { userId: userIds[i]! } : { email: `batch-${i}@example.com`, locale: 'en' as const },
      params: { name: `${i}` },
      idempotencyKey: `chunk-${i}`,
    }));
    const statements = await p.db.tenant(alpha(), async (tx) => {
      const { tx: watched, counter } = counting(tx);
      await queueMessagesAt(watched, alpha(), greeting, batch, at);
      return counter.statements;
    });
    expect((await rowsByKey('chunk-')).length).toBe(count);
    // The city's names once; the first chunk: accounts, choices, locks, schedules, insert; the second names
    // no account, so locks, schedules, insert. One at a time, these would have been about six each.
    expect(statements).toBe(1 + 5 + 3);
  });
});
