import cronParser from 'cron-parser';

/** Scheduled jobs follow China time, whatever the server's own time zone. */
export const JOB_TIME_ZONE = 'Asia/Shanghai';

/**
 * A run missed while no process was up is still made up within this long (a restart
 * during a daily job's minute does not skip the day); an older one is let go.
 */
export const CATCH_UP_MS = 24 * 3600_000;

/** Throws on anything but a valid 5-field cron, so a bad schedule fails at start, not at its first run. */
export function assertCron(cron: string, owner: string): void {
  if (cron.trim().split(/\s+/).length !== 5) throw new Error(`${owner}: cron "${cron}" must have 5 fields (minute hour day month weekday)`);
  try {
    cronParser.parseExpression(cron, { tz: JOB_TIME_ZONE });
  } catch (err) {
    throw new Error(`${owner}: cron "${cron}" is not valid: ${(err as Error).message}`);
  }
}

/** Each cron's latest slot, and once asked again the slot after it: the latest slot stays the same until the next comes. */
const slots = new Map<string, { slot: Date; next?: Date }>();

/**
 * The latest moment at or before `now` that the cron names, in China time; null if that is longer ago than CATCH_UP_MS.
 * Every process asks for every job every 30 s, and cron-parser walks minute by minute in the time zone (10–20 ms a
 * daily job), so a slot is worked out once and kept while `now` lies between it and the next.
 */
export function dueSlot(cron: string, now: Date): Date | null {
  const slot = latestSlot(cron, now);
  return now.getTime() - slot.getTime() <= CATCH_UP_MS ? slot : null;
}

function latestSlot(cron: string, now: Date): Date {
  const known = slots.get(cron);
  if (known && now >= known.slot) {
    // The next slot is worked out on the second ask, not at start-up, where every job asks once.
    known.next ??= cronParser.parseExpression(cron, { tz: JOB_TIME_ZONE, currentDate: known.slot }).next().toDate();
    if (now < known.next) return known.slot;
  }
  // prev() is strictly before currentDate: start a millisecond later so a run due exactly now counts.
  const slot = cronParser.parseExpression(cron, { tz: JOB_TIME_ZONE, currentDate: new Date(now.getTime() + 1) }).prev().toDate();
  slots.set(cron, { slot });
  return slot;
}
