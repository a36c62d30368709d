import type { Channel } from './kinds.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// China has one time zone and no daylight saving: local time is UTC+8 all year.
const CHINA_OFFSET = 8 * HOUR;

/**
 * No SMS between 22:00 and 08:00 China time: a text due then waits for 08:00. Essential texts (a code
 * the person has just asked for) go at once: at 08:00 a reset code would have expired, unread.
 */
export function afterQuietHours(message: { channel: Channel; essential: boolean }, at: Date): Date {
  if (message.channel !== 'sms' || message.essential) return at;
  const local = at.getTime() + CHINA_OFFSET;
  const hour = new Date(local).getUTCHours();
  if (hour >= 8 && hour < 22) return at;
  const eightToday = Math.floor(local / DAY) * DAY + 8 * HOUR;
  return new Date((hour >= 22 ? eightToday + DAY : eightToday) - CHINA_OFFSET);
}

/**
 * Per recipient (address) and city, in any rolling hour: at most this many messages. Essential ones
 * (reset codes, sign-in codes) have their own, higher budget, so a burst of reminders never delays a
 * reset code; they are not exempt, because anyone can type a stranger's number into "forgot password",
 * and an unlimited budget would let them flood that phone (and the city's SMS bill).
 */
export const RATE_LIMIT = { window: HOUR, nonEssential: 5, essential: 10 } as const;

export function rateLimitFor(essential: boolean): number {
  return essential ? RATE_LIMIT.essential : RATE_LIMIT.nonEssential;
}

/**
 * The earliest time a message may go when the latest `limit` messages already scheduled to the same
 * recipient go at `scheduled` (newest first): an excess message waits, it is never dropped.
 */
export function afterRateLimit(at: Date, scheduled: Date[], limit: number): Date {
  const oldestOfLimit = scheduled[limit - 1];
  if (!oldestOfLimit) return at;
  const free = oldestOfLimit.getTime() + RATE_LIMIT.window;
  return free > at.getTime() ? new Date(free) : at;
}

/** Wait before attempt n+1 after n failed attempts: 1, 5, 25, 125 minutes; the fifth failure is final. */
export const MAX_ATTEMPTS = 5;
export function retryDelay(failedAttempts: number): number {
  return MINUTE * 5 ** (failedAttempts - 1);
}

/** How long a claimed message is someone's to send; after that (its sender died) it is due again. */
export const SENDING_LEASE = 5 * MINUTE;
