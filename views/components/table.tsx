import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Child } from 'hono/jsx';
import { attribute, attributeHtml, escapeHtml } from '../escape.ts';
import { EmptyRow } from './pagination.tsx';

/**
 * Every list table: columns on a wide screen; on a phone each row stacks into
 * a card whose cells carry their column's name (`data-label`, shown by
 * views/theme.css, CSS only), so nothing hides off the side of the screen.
 */
export type Column = string | { label: string; /** The class of the column's cells, e.g. `actions`. */ class?: string };

const labelOf = (c: Column) => (typeof c === 'string' ? c : c.label);
const classOf = (c: Column) => (typeof c === 'string' ? undefined : c.class);

type TableProps<R> = {
  columns: readonly Column[];
  /** The rows, each drawn as its cells, one per column in order... */
  rows?: readonly R[];
  cells?: (row: R, index: number) => readonly Child[];
  /** The id of a row's `<tr>`, e.g. for a link to it. */
  rowId?: (row: R) => string;
  /** ...or rows of their own (`<TableRow>` with the same columns), e.g. rows htmx swaps alone. */
  children?: Child;
  /** Says "nothing here yet" in a row of its own; by default when `rows` is empty. */
  empty?: boolean;
  /** What to say instead of the usual words when there are no rows. */
  emptyText?: string;
  id?: string;
  class?: string;
};

export function Table<R>(props: TableProps<R>) {
  const empty = props.empty ?? (props.rows !== undefined && props.rows.length === 0);
  return (
    <div class="table-wrap">
      <table id={props.id} class={props.class ? `list ${props.class}` : 'list'}>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col">{labelOf(c)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {empty && (props.emptyText ? <tr><td colspan={props.columns.length} class="empty">{props.emptyText}</td></tr> : <EmptyRow columns={props.columns.length} />)}
          {/* Called, not made a JSX element a row: a row is finished HTML and reads no context, so hono need not render it. */}
          {props.rows && props.cells && props.rows.map((row, i) => TableRow({ columns: props.columns, cells: props.cells!(row, i), id: props.rowId?.(row) }))}
          {props.children}
        </tbody>
      </table>
    </div>
  );
}

type TableRowProps = {
  columns: readonly Column[];
  /** One cell per column, in the same order. */
  cells: readonly Child[];
  id?: string;
  class?: string;
};

/**
 * One row of a `<Table>`; a route answering htmx renders it alone to swap that row.
 * Never JSX: a list shows twenty rows of four to six cells (bench/README.md, session 7). When every cell is text
 * or finished HTML the row is one string (no template a cell: the lawyer's queue, session 8), else an html template.
 */
export function TableRow(props: TableRowProps) {
  const open = cellOpenings(props.columns);
  let row = `<tr${attributeHtml('id', props.id)}${attributeHtml('class', props.class)}>`;
  for (let i = 0; i < open.length; i++) {
    const cell = cellHtml(props.cells[i]);
    if (cell === undefined) return templateRow(props, open);
    row += open[i] + cell + CELL_END;
  }
  return raw(`${row}</tr>`);
}

/** A row with a cell hono must render itself (a component, an array, a promise, HTML with callbacks). */
function templateRow(props: TableRowProps, open: string[]) {
  const cells = open.map((o, i) => [raw(o), props.cells[i], raw(CELL_END)]);
  return html`<tr${attribute('id', props.id)}${attribute('class', props.class)}>${cells}</tr>`;
}

/** A cell that is text or finished HTML, as HTML (as hono's `html` would put it); undefined for anything else. */
function cellHtml(cell: Child | undefined): string | undefined {
  if (typeof cell === 'string') return escapeHtml(cell);
  if (typeof cell === 'number') return String(cell);
  if (cell === null || cell === undefined || typeof cell === 'boolean') return '';
  // raw() and html`` make String objects; a JSX node is escaped too, but not a String.
  const text: unknown = cell;
  if (text instanceof String && (text as HtmlEscapedString).isEscaped && !(text as HtmlEscapedString).callbacks) return text.toString();
  return undefined;
}

// A table's `<td ...>` openings, made once per columns array (a `<Table>` hands every row the same one), not per cell.
const openings = new WeakMap<readonly Column[], string[]>();
const CELL_END = '</td>';

function cellOpenings(columns: readonly Column[]): string[] {
  let open = openings.get(columns);
  if (!open) openings.set(columns, (open = columns.map((c) => `<td${attributeHtml('data-label', labelOf(c) || undefined)}${attributeHtml('class', classOf(c))}>`)));
  return open;
}

/** What an action swapped in by htmx did, said where it happened (a row, a section): the page's flash is not redrawn. */
export type RowNotice = { kind: 'success' | 'error'; message: string };

export function RowNoticeText({ notice }: { notice?: RowNotice }) {
  if (!notice) return null;
  return <p class={`flash flash-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>{notice.message}</p>;
}
