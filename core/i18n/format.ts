import type { Locale } from './messages.ts';

/** Every date and time a user sees is shown in China Standard Time. */
export const TIME_ZONE = 'Asia/Shanghai';

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

export function formatDateTime(value: Date, locale: Locale): string {
  let f = dateTimeFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
    });
    dateTimeFormats.set(locale, f);
  }
  return f.format(value);
}

export function formatDate(value: Date, locale: Locale): string {
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(locale, f);
  }
  return f.format(value);
}
