import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { users } from '../db/schema/identity.ts';

const USER_REF = /^user:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Names for `user:<id>` references (audit actors and targets, who changed a
 * plugin), looked up in this city only; other references are shown as written.
 */
export async function namesOf(tx: Tx, tenantId: string, refs: Iterable<string | null>): Promise<(ref: string) => string> {
  const ids = new Set<string>();
  for (const ref of refs) {
    const id = ref ? USER_REF.exec(ref)?.[1] : undefined;
    if (id) ids.add(id.toLowerCase());
  }
  const rows = ids.size
    ? await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), inArray(users.id, [...ids])))
    : [];
  const names = new Map(rows.map((r) => [`user:${r.id}`, r.name]));
  return (ref) => names.get(ref.toLowerCase()) ?? ref;
}
