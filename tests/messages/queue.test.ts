import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineMessageKind } from '../../core/messages/kinds.ts';
import { queueMessage } from '../../core/messages/outbox.ts';
import { messagesTo } from '../support/outbox.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

const greeting = defineMessageKind<{ name: string }>({
  id: 'test.greeting',
  essential: false,
  sensitive: false,
  channels: ['email'],
  email: (p, locale, city) =>
    locale === 'en' ? { subject: `Hello from ${city.en}`, text: `Hello ${p.name}` } : { subject: `${city['zh-CN']}问候`, text: `你好，${p.name}` },
});

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

describe('queueing a message', () => {
  it('a rollback queues nothing', async () => {
    const alpha = p.cities.alpha!.id;
    await expect(
      p.db.tenant(alpha, async (tx) => {
        await queueMessage(tx, alpha, greeting, { email: 'rollback@example.com', locale: 'en' }, { name: 'Ann' }, 'rollback-1');
        throw new Error('the change that caused it failed');
      }),
    ).rejects.toThrow('the change that caused it failed');
    expect(await messagesTo(p, 'rollback@example.com')).toEqual([]);
  });

  it('the same idempotency key twice queues once, rendered under the city name in the recipient language', async () => {
    const alpha = p.cities.alpha!.id;
    for (let i = 0; i < 2; i++) {
      await p.db.tenant(alpha, (tx) => queueMessage(tx, alpha, greeting, { email: 'twice@example.com', locale: 'en' }, { name: 'Bo' }, 'twice-1'));
    }
    const got = await messagesTo(p, 'twice@example.com');
    expect(got).toEqual([{ kind: 'test.greeting', channel: 'email', subject: `Hello from ${p.cities.alpha!.names.en}`, text: 'Hello Bo', status: 'queued' }]);
  });
});
