import { formatFen } from '../../core/i18n/money.ts';
import { usePage } from '../context.ts';

/** Every amount of money a page shows goes through here (amounts are whole fen everywhere). */
export function Money({ fen }: { fen: number }) {
  const { locale } = usePage();
  return <span class="money">{formatFen(fen, locale)}</span>;
}
