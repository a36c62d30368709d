import { raw } from 'hono/html';
import { escapeToBuffer } from 'hono/utils/html';

/** Text or an attribute value as HTML, escaped exactly as hono/jsx escapes it. */
export function escapeHtml(text: string): string {
  const buffer: [string] = [''];
  escapeToBuffer(text, buffer);
  return buffer[0];
}

/** ` name="value"` for an html template, or nothing when the value is undefined (as JSX leaves such an attribute out). */
export function attribute(name: string, value: string | undefined) {
  return raw(attributeHtml(name, value));
}

/** The same as a plain string, for HTML put together as text: a String object in a template literal costs a conversion. */
export function attributeHtml(name: string, value: string | undefined): string {
  return value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`;
}
