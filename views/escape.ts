import { escapeToBuffer } from 'hono/utils/html';

/** Text or an attribute value as HTML, escaped exactly as hono/jsx escapes it. */
export function escapeHtml(text: string): string {
  const buffer: [string] = [''];
  escapeToBuffer(text, buffer);
  return buffer[0];
}
