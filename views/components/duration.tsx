import { formatDuration } from '../../core/i18n/format.ts';
import { usePage } from '../context.ts';

/** Every duration a page shows goes through here (minutes are whole integers everywhere). */
export function Duration({ minutes }: { minutes: number }) {
  const { locale } = usePage();
  return <span class="duration">{formatDuration(minutes, locale)}</span>;
}
