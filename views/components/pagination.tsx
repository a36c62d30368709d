import { numberInput } from '../../core/http/number-input.ts';
import { useMessages } from '../context.ts';
import { viewMessages } from '../messages.ts';

export const PAGE_SIZE = 20;

/** Deeper than anyone pages by hand, and an offset every database holds. */
export const MAX_PAGE = 100_000;

/** Page number from `?page=`: 1 unless it is a whole number from 1 to MAX_PAGE. */
export function pageFromQuery(value: string | undefined): number {
  return numberInput(value, { min: 1, max: MAX_PAGE, integer: true }) ?? 1;
}

/** Previous/next links; `href` builds the link of a page. */
export function Pagination(props: { page: number; total: number; pageSize?: number; href: (page: number) => string }) {
  const t = useMessages(viewMessages);
  const pages = Math.max(1, Math.ceil(props.total / (props.pageSize ?? PAGE_SIZE)));
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label="pagination">
      {props.page > 1 ? <a href={props.href(props.page - 1)} rel="prev">{t.previous}</a> : <span />}
      <span>{t.pageOf(props.page, pages)}</span>
      {props.page < pages ? <a href={props.href(props.page + 1)} rel="next">{t.next}</a> : <span />}
    </nav>
  );
}

/** An empty table says so instead of showing nothing. */
export function EmptyRow({ columns }: { columns: number }) {
  const t = useMessages(viewMessages);
  return (
    <tr>
      <td colspan={columns} class="empty">{t.noRows}</td>
    </tr>
  );
}
