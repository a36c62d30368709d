import { describe, expect, it } from 'vitest';
import { parseLocalDateTime, toLocalDateTimeInput } from '../../../core/plugin-api.ts';
import { answerDueAt } from '../../../plugins/legal-aid-card/consultations.ts';
import { calendarOf, parseDates, workingDaysLater } from '../../../plugins/legal-aid-card/working-days.ts';

// The 2026 National Day holiday: 10-01 to 10-07 off, Sunday 09-20 and Saturday 10-10 worked instead.
const settings = { holidays: '2026-10-01, 2026-10-02, 2026-10-03, 2026-10-04, 2026-10-05, 2026-10-06, 2026-10-07', makeUpWorkdays: '2026-09-20 2026-10-10' };
const calendar = calendarOf(settings);
const at = (local: string) => parseLocalDateTime(local)!;
const due = (asked: string, days = 1) => toLocalDateTimeInput(workingDaysLater(at(asked), days, calendar));

describe('working days', () => {
  it('end the answer target at the close of the next working day', () => {
    expect(due('2026-09-14T10:00')).toBe('2026-09-16T00:00'); // Monday → end of Tuesday
    expect(due('2026-09-11T16:30')).toBe('2026-09-15T00:00'); // Friday → end of Monday
    expect(due('2026-09-14T10:00', 3)).toBe('2026-09-18T00:00');
  });

  it('skip public holidays and count the weekend days worked instead', () => {
    expect(due('2026-09-18T16:30')).toBe('2026-09-21T00:00'); // Friday → Sunday 09-20 is worked
    expect(due('2026-09-30T09:00')).toBe('2026-10-09T00:00'); // the eve of the holiday → Thursday 10-08
    expect(due('2026-10-09T09:00')).toBe('2026-10-11T00:00'); // → Saturday 10-10 is worked
  });

  it('reads only real dates from the setting', () => {
    expect(parseDates('2026-02-30, 2026-10-01；2026-10-01 and 2026-10-02')).toEqual(['2026-10-01', '2026-10-02']);
  });

  it('applies to normal questions in working-day mode; urgent ones stay in hours', () => {
    const targets = { responseHours: 24, urgentResponseHours: 4, responseTargetMode: 'working_days' as const, responseWorkingDays: 1, ...settings };
    expect(toLocalDateTimeInput(answerDueAt(targets, 'normal', at('2026-09-30T09:00')))).toBe('2026-10-09T00:00');
    expect(toLocalDateTimeInput(answerDueAt(targets, 'urgent', at('2026-09-30T09:00')))).toBe('2026-09-30T13:00');
    expect(toLocalDateTimeInput(answerDueAt({ ...targets, responseTargetMode: 'hours' }, 'normal', at('2026-09-30T09:00')))).toBe('2026-10-01T09:00');
  });
});
