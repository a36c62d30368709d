import { foreignKey, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';
import { activities } from '../activities/schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** The secret an activity's rotating check-in code is derived from; made when the organiser first shows the code. */
export const activityCheckinKeys = pgTable(
  'activity_checkin_keys',
  {
    tenantId: tenantIdColumn(),
    activityId: uuid('activity_id').notNull(),
    secret: text('secret').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.activityId] }),
    foreignKey({ columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }).onDelete('cascade'),
    tenantIsolation('activity_checkin_keys'),
  ],
);
