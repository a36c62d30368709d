import { z } from '@hono/zod-openapi';
import { ApiProblem } from './problem.ts';

/**
 * Cursor pagination over time-ordered ids (uuid v7): a page is the rows after the
 * cursor in id order, and `next` is the cursor of the following page (null at the end).
 * The cursor is opaque to clients: base64url of the last id seen.
 */
export const PageQuery = z.object({
  cursor: z.string().max(100).optional().openapi({ description: 'The `next` of the previous page; omit for the first page' }),
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Items per page, 1–100 (50)' }),
});

export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), next: z.string().nullable().openapi({ description: 'Cursor of the next page; null on the last' }) }).openapi(name);

/** The id after which a page starts, or null for the first page; a cursor that is not one of ours is a 400. */
export function afterCursor(cursor: string | undefined): string | null {
  if (cursor === undefined || cursor === '') return null;
  const id = z.guid().safeParse(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!id.success) throw new ApiProblem(400, 'bad-cursor', 'Bad cursor', 'The cursor is not one this API gave; pass the `next` of the previous page as it was.', [{ path: 'cursor', message: 'unknown cursor' }]);
  return id.data.toLowerCase();
}

/** Rows read with `limit + 1`: the page and the cursor of the next one. */
export function pageFrom<R extends { id: string }, T>(rows: R[], limit: number, show: (row: R) => T): { items: T[]; next: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(show), next: rows.length > limit && last ? Buffer.from(last.id).toString('base64url') : null };
}
