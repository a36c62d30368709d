import type { Locale } from './messages.ts';

/** Every date and time a user sees is shown in China Standard Time. */
export const TIME_ZONE = 'Asia/Shanghai';

/**
 * Chinese dates read year first (2026/12/06). English ones name the month
 * (6 Dec 2026): readers in China take the US 12/06/2026 for 12 June.
 */
const DATE_OPTIONS: Record<Locale, { intlLocale: string; options: Intl.DateTimeFormatOptions }> = {
  'zh-CN': { intlLocale: 'zh-CN', options: { year: 'numeric', month: '2-digit', day: '2-digit' } },
  en: { intlLocale: 'en-GB', options: { year: 'numeric', month: 'short', day: 'numeric' } },
};

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

export function formatDateTime(value: Date, locale: Locale): string {
  let f = dateTimeFormats.get(locale);
  if (!f) {
    const { intlLocale, options } = DATE_OPTIONS[locale];
    f = new Intl.DateTimeFormat(intlLocale, { timeZone: TIME_ZONE, ...options, hour: '2-digit', minute: '2-digit', hour12: false });
    dateTimeFormats.set(locale, f);
  }
  return f.format(value);
}

export function formatDate(value: Date, locale: Locale): string {
  let f = dateFormats.get(locale);
  if (!f) {
    const { intlLocale, options } = DATE_OPTIONS[locale];
    f = new Intl.DateTimeFormat(intlLocale, { timeZone: TIME_ZONE, ...options });
    dateFormats.set(locale, f);
  }
  return f.format(value);
}

/** A duration kept in whole minutes, as people say it: `2小时30分钟`, `2 h 30 min`. */
export function formatDuration(minutes: number, locale: Locale): string {
  const sign = minutes < 0 ? '-' : '';
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  if (locale === 'zh-CN') return sign + (h > 0 ? `${h}小时` : '') + (m > 0 || h === 0 ? `${m}分钟` : '');
  return sign + [h > 0 ? `${h} h` : '', m > 0 || h === 0 ? `${m} min` : ''].filter(Boolean).join(' ');
}

/** Whole minutes as decimal hours with two places (`150` → `2.50`), for tables and exports; exact, no float rounding. */
export function minutesAsHours(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  const hundredths = Math.round((abs * 100) / 60);
  return `${sign}${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}
