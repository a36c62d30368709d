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

/** Moments kept per locale before they are all dropped and formatted afresh (a few hundred KB at most). */
const MAX_KEPT = 5000;

/**
 * A way of showing a moment, each moment formatted once per locale: a list page shows the same
 * dates on every request, and `Intl` takes about a microsecond a date.
 */
function keptFormat(make: (locale: Locale) => Intl.DateTimeFormat): (value: Date, locale: Locale) => string {
  const byLocale = new Map<Locale, { format: Intl.DateTimeFormat; kept: Map<number, string> }>();
  return (value, locale) => {
    let entry = byLocale.get(locale);
    if (!entry) {
      entry = { format: make(locale), kept: new Map() };
      byLocale.set(locale, entry);
    }
    const time = value.getTime();
    let text = entry.kept.get(time);
    if (text === undefined) {
      text = entry.format.format(value);
      if (entry.kept.size >= MAX_KEPT) entry.kept.clear();
      entry.kept.set(time, text);
    }
    return text;
  };
}

export const formatDateTime = keptFormat((locale) => {
  const { intlLocale, options } = DATE_OPTIONS[locale];
  return new Intl.DateTimeFormat(intlLocale, { timeZone: TIME_ZONE, ...options, hour: '2-digit', minute: '2-digit', hour12: false });
});

export const formatDate = keptFormat((locale) => {
  const { intlLocale, options } = DATE_OPTIONS[locale];
  return new Intl.DateTimeFormat(intlLocale, { timeZone: TIME_ZONE, ...options });
});

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
