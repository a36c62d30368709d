import { describe, expect, it } from 'vitest';
import { addDays } from '../../../plugins/child-care-visits/visits.ts';

describe('addDays (the due dates of every visit rule)', () => {
  it('counts calendar days across months, years and leap days', () => {
    expect(addDays('2026-12-06', 30)).toBe('2027-01-05');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -366)).toBe('2024-12-31');
    expect(addDays('2026-07-15', 0)).toBe('2026-07-15');
  });

  it('refuses what is not a day', () => {
    expect(() => addDays('', 7)).toThrow(RangeError);
    expect(() => addDays('2026-7-15', 7)).toThrow(RangeError);
  });
});
