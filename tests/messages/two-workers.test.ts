import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../core/db/database.ts';
import { createLogger } from '../../core/http/logger.ts';
import { deliverDueMessages } from '../../core/messages/delivery.ts';
import { queueMessageAt } from '../../core/messages/outbox.ts';
import type { MessageTransport } from '../../core/messages/transports/transport.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { greeting } from './fixtures.ts';

/**
 * Two delivery workers, each with its own connection pool as two processes would have, run at
 * the same time over the same outbox: every message is sent exactly once. On PostgreSQL the two
 * really overlap (FOR UPDATE SKIP LOCKED decides); on PGlite they take turns on its one connection.
 */
const MESSAGES = 60;
let p: TestPlatform;
let second: Database;
beforeAll(async () => {
  p = await startTestPlatform();
  second = p.url ? await openDatabase({ url: p.url, maxConnections: 4 }) : p.db;
});
afterAll(async () => {
  if (second !== p.db) await second.close();
  await p.close();
});

describe(`two delivery workers (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('never send the same message twice', async () => {
    const at = new Date('2026-06-01T04:00:00Z');
    const alpha = p.cities.alpha!.id;
    await p.db.tenant(alpha, async (tx) => {
      for (let i = 0; i < MESSAGES; i++) await queueMessageAt(tx, alpha, greeting, { email: `w${i}@example.com` }, { name: `${i}` }, `w-${i}`, at);
    });
    const sends: { worker: string; id: string }[] = [];
    const transport = (worker: string): MessageTransport => ({
      async send(message) {
        sends.push({ worker, id: message.id });
        // Give the other worker a turn while this one "talks to the provider".
        await new Promise((resolve) => setImmediate(resolve));
        return { providerMessageId: message.id };
      },
    });
    const logger = createLogger('silent');
    const [a, b] = await Promise.all([
      deliverDueMessages({ db: p.db, logger, transports: { email: transport('a') }, now: () => at }),
      deliverDueMessages({ db: second, logger, transports: { email: transport('b') }, now: () => at }),
    ]);
    expect(a.sent + b.sent).toBe(MESSAGES);
    expect(new Set(sends.map((s) => s.id)).size).toBe(MESSAGES);
    expect(sends).toHaveLength(MESSAGES);
  });
});
