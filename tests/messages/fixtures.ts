import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import { defineMessageKind } from '../../core/messages/kinds.ts';
import { messages } from '../../core/messages/schema.ts';

/** Message kinds of an imaginary feature, one of each sort the outbox treats differently. */
export const greeting = defineMessageKind<{ name: string }>({
  id: 'test.greeting',
  essential: false,
  sensitive: false,
  channels: ['email'],
  email: (p, locale, city) =>
    locale === 'en' ? { subject: `Hello from ${city.en}`, text: `Hello ${p.name}` } : { subject: `${city['zh-CN']}问候`, text: `你好，${p.name}` },
});

export const signInCode = defineMessageKind<{ code: string }>({
  id: 'security.sign-in-code',
  essential: true,
  sensitive: true,
  channels: ['sms', 'email'],
  email: (p, _locale, city) => ({ subject: `${city.en} code`, text: `Your code is ${p.code}` }),
  sms: {
    template: 'sign-in-code',
    params: (p) => ({ code: p.code }),
    text: (p, locale, city) => (locale === 'en' ? `[${city.en}] Your code is ${p.code}` : `【${city['zh-CN']}】验证码 ${p.code}`),
  },
});

export const reminder = defineMessageKind<{ activity: string }>({
  id: 'volunteering.reminder',
  essential: false,
  sensitive: false,
  channels: ['sms', 'email'],
  email: (p, _locale, city) => ({ subject: `${city.en}: tomorrow`, text: `Tomorrow: ${p.activity}` }),
  sms: {
    template: 'activity-reminder',
    params: (p) => ({ activity: p.activity }),
    text: (p, _locale, city) => `[${city.en}] Tomorrow: ${p.activity}`,
  },
});

/** Every outbox row to an address, newest first, as stored. */
export function outboxRows(db: Database, address: string) {
  return db.platform((tx) => tx.select().from(messages).where(eq(messages.address, address)).orderBy(desc(messages.createdAt), desc(messages.id)));
}

/** A notice that prefers email and may also go by text. */
export const notice = defineMessageKind<{ what: string }>({
  id: 'test.notice',
  essential: false,
  sensitive: false,
  channels: ['email', 'sms'],
  email: (p, _locale, city) => ({ subject: `${city.en}: notice`, text: `Notice: ${p.what}` }),
  sms: {
    template: 'notice',
    params: (p) => ({ what: p.what }),
    text: (p, _locale, city) => `[${city.en}] Notice: ${p.what}`,
  },
});
