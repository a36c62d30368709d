import { parseLocalDate, toLocalDateInput } from '../../core/plugin-api.ts';

/**
 * Working days in China: Monday to Friday, minus the public holidays, plus the
 * weekend days the State Council moves work to (调休上班). The city keeps both lists,
 * since they are announced each year. Plain arithmetic on `YYYY-MM-DD` dates in
 * China time: no time zone changes there, so no date library is needed.
 */
export type WorkCalendar = { holidays: ReadonlySet<string>; makeUpWorkdays: ReadonlySet<string> };

const DATE = /\d{4}-\d{2}-\d{2}/g;

/** Dates typed in a setting, separated by anything (`2026-10-01, 2026-10-02`); what is not a real date is left out. */
export function parseDates(text: string): string[] {
  return [...new Set((text.match(DATE) ?? []).filter((d) => parseLocalDate(d) !== null))].sort();
}

export function calendarOf(settings: { holidays: string; makeUpWorkdays: string }): WorkCalendar {
  return { holidays: new Set(parseDates(settings.holidays)), makeUpWorkdays: new Set(parseDates(settings.makeUpWorkdays)) };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  if (calendar.makeUpWorkdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The end of the `days`-th working day after the day of `from` (China time): asked on
 * Friday with one working day, due at the end of Monday, or of the first working day after a holiday.
 */
export function workingDaysLater(from: Date, days: number, calendar: WorkCalendar): Date {
  let day = toLocalDateInput(from);
  for (let left = days; left > 0; ) {
    day = nextDay(day);
    if (isWorkingDay(day, calendar)) left--;
  }
  return parseLocalDate(nextDay(day))!;
}
