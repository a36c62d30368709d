export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

type Message = string | ((...args: never[]) => string);

/**
 * A typed catalogue: the English side must have every key of the Chinese side,
 * with the same type (a function message takes the same arguments).
 * Each area (core/identity, a plugin, ...) keeps its own `messages.ts`.
 */
export function defineMessages<const Z extends Record<string, Message>>(catalog: {
  'zh-CN': Z;
  en: { [K in keyof Z]: Z[K] extends string ? string : Z[K] };
}): Record<Locale, Z> {
  return catalog as Record<Locale, Z>;
}

export function isLocale(value: string | undefined | null): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/** Cookie first, then Accept-Language, then the city's default. */
export function negotiateLocale(cookie: string | undefined, acceptLanguage: string | undefined, fallback: Locale): Locale {
  if (isLocale(cookie)) return cookie;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
      })
      .filter((x) => x.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const { tag } of ranked) {
      if (tag.startsWith('zh')) return 'zh-CN';
      if (tag.startsWith('en')) return 'en';
    }
  }
  return fallback;
}
