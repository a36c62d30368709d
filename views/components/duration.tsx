import { html } from 'hono/html';
import { formatDuration } from '../../core/i18n/format.ts';
import { usePage } from '../context.ts';

/**
 * Every duration a page shows goes through here (minutes are whole integers everywhere). An html template, not JSX,
 * so a list can call it for a cell of finished HTML (views/components/table.tsx).
 */
export function Duration({ minutes }: { minutes: number }) {
  const { locale } = usePage();
  return html`<span class="duration">${formatDuration(minutes, locale)}</span>`;
}
