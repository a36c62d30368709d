import { raw } from 'hono/html';
import { formatDuration } from '../../core/i18n/format.ts';
import type { Locale } from '../../core/i18n/messages.ts';
import { usePage } from '../context.ts';
import { escapeHtml } from '../escape.ts';

/** Every duration a page shows goes through here (minutes are whole integers everywhere). */
export function Duration({ minutes }: { minutes: number }) {
  return raw(durationHtml(minutes, usePage().locale));
}

/** The same as a plain string of HTML, for a list's cells (views/components/table.tsx): no template or String object a row. */
export function durationHtml(minutes: number, locale: Locale): string {
  return `<span class="duration">${escapeHtml(formatDuration(minutes, locale))}</span>`;
}
