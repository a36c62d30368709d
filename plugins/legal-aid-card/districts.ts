import type { Locale } from '../../core/plugin-api.ts';

/**
 * The city's legal-aid districts, kept in one setting as `中文|English` pairs separated by
 * `;` or new lines (`嘉积镇|Jiaji; 博鳌镇|Bo'ao`). Rows keep the Chinese name, so a district
 * the city renames later still reads as it was.
 */
export type District = { zh: string; en: string };

export function parseDistricts(setting: string): District[] {
  const seen = new Set<string>();
  const out: District[] = [];
  for (const part of setting.split(/[;\n；]/)) {
    const [zh = '', en = ''] = part.split('|').map((s) => s.trim());
    if (!zh || seen.has(zh)) continue;
    seen.add(zh);
    out.push({ zh, en: en || zh });
  }
  return out;
}

/** A district's name in the reader's language; a name no longer in the list reads as saved. */
export function districtLabel(districts: readonly District[], zh: string, locale: Locale): string {
  const d = districts.find((x) => x.zh === zh);
  return d ? (locale === 'zh-CN' ? d.zh : d.en) : zh;
}
