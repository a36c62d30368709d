import { and, count, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { auditLog } from '../db/schema/audit.ts';

export type AuditEntry = {
  /** `user:<id>`, `platform:<email>`, `foundation:<email>` or `anonymous`. */
  actor: string;
  /** Dotted verb, e.g. `user.signed_in`, `role.granted`, `plugin.enabled`, `tenant.suspended`. */
  action: string;
  target?: string;
  address?: string | null;
  detail?: Record<string, unknown>;
};

export async function recordAudit(tx: Tx, tenantId: string, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId,
    id: newId(),
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? '',
    address: entry.address ?? null,
    detail: entry.detail ?? null,
  });
}

export async function listAudit(tx: Tx, tenantId: string, page: number, pageSize: number) {
  const [total] = await tx.select({ n: count() }).from(auditLog).where(eq(auditLog.tenantId, tenantId));
  const rows = await tx
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
}
