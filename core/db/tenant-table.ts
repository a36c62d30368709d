import { sql } from 'drizzle-orm';
import { pgPolicy, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './schema/tenancy.ts';

/**
 * Building blocks every tenant-owned table uses: a `tenant_id` column (first in
 * its primary key) and the isolation policy. Drizzle enables RLS when a table
 * has a policy; FORCE is added by migrations/ (see core/db/generate.ts).
 */
export const tenantIdColumn = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);

/**
 * `tenant_id` for a table whose every row also has a foreign key (tenant_id, ...) to a table that has
 * the one to `tenants`: that key already proves the city exists, and the ledger's hot inserts should not
 * check it again on every row.
 */
export const tenantIdColumnCheckedThrough = () => uuid('tenant_id').notNull();

const currentTenant = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;

export const tenantIsolation = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    using: sql`tenant_id = ${currentTenant}`,
    withCheck: sql`tenant_id = ${currentTenant}`,
  });
