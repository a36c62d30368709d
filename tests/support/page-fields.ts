/** The fields a city's pages send, each with a value the page itself would send. */
export type SiteFields = { plausible: Record<string, string>; numeric: Set<string> };

/** What an empty input of each type gets, so a handler that validates before it acts gets past the check. */
const FILLER: Record<string, string> = { number: '1', date: '2026-06-01', 'datetime-local': '2026-06-01T09:00', time: '09:00', month: '2026-06', email: 'fuzz@alpha.test', checkbox: 'on' };
const NUMBER = /^\d{1,9}(?:\.\d{1,2})?$/;

const attribute = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
const unescapeHtml = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Adds the form fields (inputs, selects, text areas) and the query parameters of
 * the links of one page. A field is numeric when its input takes a number
 * (`type="number"`, `inputmode="numeric"` or `"decimal"`) or the value the page
 * shows is one: those are the fields hostile numbers go to.
 */
export function addPageFields(html: string, fields: SiteFields): void {
  const add = (name: string, value: string, type: string) => {
    if (type === 'number' || NUMBER.test(value)) fields.numeric.add(name);
    fields.plausible[name] ??= value;
  };
  for (const tag of html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const name = attribute(tag[2]!, 'name');
    if (!name) continue;
    const mode = attribute(tag[2]!, 'inputmode');
    const type = mode === 'numeric' || mode === 'decimal' ? 'number' : tag[1] === 'input' ? (attribute(tag[2]!, 'type') ?? 'text') : tag[1]!;
    const shown = tag[1] === 'select' ? /<option\b[^>]*\bvalue="([^"]+)"/.exec(html.slice(tag.index))?.[1] : attribute(tag[2]!, 'value');
    add(name, unescapeHtml(shown ?? '') || (FILLER[type] ?? '甲乙'), type);
  }
  for (const link of html.matchAll(/[?&](?:amp;)?([a-z_]+)=([^&"#]*)/g)) add(link[1]!, decodeURIComponent(link[2]!) || '1', 'text');
}
