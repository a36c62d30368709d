import { boolean, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIsolation } from '../tenant-table.ts';

/** Which plugin a city runs, with its settings, and who last changed that. */
export const pluginEnablements = pgTable(
  'plugin_enablements',
  {
    tenantId: tenantIdColumn(),
    pluginId: text('plugin_id').notNull(),
    enabled: boolean('enabled').notNull(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** `user:<id>` for a city admin, `foundation:<id>` for a sponsoring foundation. */
    changedBy: text('changed_by').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.pluginId] }), tenantIsolation('plugin_enablements')],
);
