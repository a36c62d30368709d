import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';

/** The districts (or streets, towns) of a city that forms offer; rows elsewhere store the name. */
export const districts = pgTable(
  'districts',
  {
    tenantId: tenantIdColumn(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name] }), tenantIsolation('districts')],
);
