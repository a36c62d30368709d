import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** Each template's text with its line breaks and indentation taken out, made once per template (its strings are one object). */
const compacted = new WeakMap<TemplateStringsArray, TemplateStringsArray>();

/**
 * hono's `html` (values escaped as hono/jsx escapes them), for a template written over several indented lines
 * as JSX would be: a line break and the indentation after it are left out, as JSX leaves them out.
 * For the page frame and hot list items, where a JSX tree costs more than the string it makes.
 */
export function htmlLines(strings: TemplateStringsArray, ...values: unknown[]): HtmlEscapedString {
  let compact = compacted.get(strings);
  if (!compact) {
    const lines = strings.map((s) => s.replace(/\n\s*/g, ''));
    compacted.set(strings, (compact = Object.assign(lines, { raw: lines }) as unknown as TemplateStringsArray));
  }
  // Synchronous: only strings and already rendered HTML go in, never a promise.
  return html(compact, ...values) as HtmlEscapedString;
}
