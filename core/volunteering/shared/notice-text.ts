import type { Locale } from '../../i18n/messages.ts';
import type { CityName } from '../../messages/kinds.ts';

/**
 * The frame every volunteering message shares: the subject under the city's
 * name, and the closing line that says who wrote. An SMS starts with the city
 * in 【】, as Chinese SMS signatures do.
 */
export function subjectUnder(city: CityName, locale: Locale, text: string): string {
  return locale === 'zh-CN' ? `【${city['zh-CN']}】${text}` : `${city.en}: ${text}`;
}

export function signedBy(city: CityName, locale: Locale, lines: string[]): string {
  const closing = locale === 'zh-CN' ? `—— ${city['zh-CN']}志愿服务平台` : `— ${city.en} volunteer service`;
  return [...lines, '', closing].join('\n');
}

export function smsUnder(city: CityName, locale: Locale, text: string): string {
  return locale === 'zh-CN' ? `【${city['zh-CN']}】${text}` : `[${city.en}] ${text}`;
}
