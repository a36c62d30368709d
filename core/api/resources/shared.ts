import { z } from '@hono/zod-openapi';
import { gt, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { problemContent } from '../problem.ts';

/** What the API's resource files share: the id parameter, the 404 answer, the cursor condition. */
export const Id = z.guid().openapi({ example: '0190c6f2-7a1e-7b3c-9d4e-5f6a7b8c9d0e' });
export const idParam = (name = 'id') => z.object({ [name]: Id.openapi({ param: { name, in: 'path' } }) });
export const notFoundResponse = { 404: { description: 'No such row in this city', content: problemContent } } as const;
export const json = <T>(schema: T) => ({ 'application/json': { schema } });
export const after = (column: AnyPgColumn, cursor: string | null): SQL | undefined => (cursor ? gt(column, cursor) : undefined);
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
