import { describe, expect, it } from 'vitest';
import { dueSlot } from '../../core/jobs/cron-slot.ts';

/** A moment given in China time (UTC+8, no daylight saving). */
const china = (iso: string) => new Date(`${iso}+08:00`);

describe('the due slot of a scheduled job, kept between ticks', () => {
  it('stays the same slot until the next one comes, then moves on, however often it is asked', () => {
    const daily = '0 8 * * *';
    expect(dueSlot(daily, china('2026-12-07T07:59:30'))).toEqual(china('2026-12-06T08:00:00'));
    // Asked again before the next slot: the same one (the next slot is worked out now, and kept).
    expect(dueSlot(daily, china('2026-12-07T07:59:59.999'))).toEqual(china('2026-12-06T08:00:00'));
    expect(dueSlot(daily, china('2026-12-07T08:00:00'))).toEqual(china('2026-12-07T08:00:00'));
    expect(dueSlot(daily, china('2026-12-07T08:00:30'))).toEqual(china('2026-12-07T08:00:00'));
    expect(dueSlot(daily, china('2026-12-08T07:59:30'))).toEqual(china('2026-12-07T08:00:00'));
  });

  it('answers a moment before the slot it keeps (a test clock, a clock set back) as if asked afresh', () => {
    const hourly = '0 * * * *';
    expect(dueSlot(hourly, china('2026-12-07T10:20:00'))).toEqual(china('2026-12-07T10:00:00'));
    expect(dueSlot(hourly, china('2026-12-07T10:40:00'))).toEqual(china('2026-12-07T10:00:00'));
    expect(dueSlot(hourly, china('2026-12-07T09:59:00'))).toEqual(china('2026-12-07T09:00:00'));
    expect(dueSlot(hourly, china('2026-12-07T11:00:00'))).toEqual(china('2026-12-07T11:00:00'));
  });

  it('lets a slot older than a day go, kept or not', () => {
    const monthly = '0 3 1 * *';
    expect(dueSlot(monthly, china('2026-12-01T03:10:00'))).toEqual(china('2026-12-01T03:00:00'));
    expect(dueSlot(monthly, china('2026-12-01T20:00:00'))).toEqual(china('2026-12-01T03:00:00'));
    expect(dueSlot(monthly, china('2026-12-02T03:00:01'))).toBeNull();
    expect(dueSlot(monthly, china('2026-12-15T00:00:00'))).toBeNull();
  });
});
