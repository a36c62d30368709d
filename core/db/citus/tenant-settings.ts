import { sql, type SQL } from 'drizzle-orm';
import { validate } from 'uuid';

/**
 * A tenant transaction's settings on a Citus coordinator, in the order they must run.
 * `set_config(..., true)` stays on the coordinator; only a `SET LOCAL` statement is sent on to
 * the workers (with `citus.propagate_set_commands = 'local'`), so that is how the tenant reaches
 * the shards' row-level security. `SET` takes no parameters: the id goes in as a literal, and
 * only after it is checked to be a uuid. The coordinator connects to the workers as the current
 * role, so the role reaches them by itself. A tenant's query that is not routed to one shard
 * (it would read other cities' shards) is an error, not a quiet fan-out.
 */
export function citusTenantSettings(role: string, tenantId: string): SQL[] {
  if (!validate(tenantId)) throw new Error('a tenant id must be a uuid');
  return [
    sql`select set_config('role', ${role}, true), set_config('citus.propagate_set_commands', 'local', true),
      set_config('citus.multi_task_query_log_level', 'error', true)`,
    sql.raw(`set local app.tenant_id = '${tenantId}'`),
  ];
}
