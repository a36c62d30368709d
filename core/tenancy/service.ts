import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { tenantHosts, tenants } from '../db/schema/tenancy.ts';
import type { Tenant } from './tenant.ts';

type TenantRow = typeof tenants.$inferSelect;

function toTenant(row: TenantRow, hosts: string[]): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    names: row.names,
    branding: row.branding,
    defaultLocale: row.defaultLocale,
    divisionCode: row.divisionCode,
    status: row.status,
    hosts,
  };
}

async function hostsOf(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx.select({ host: tenantHosts.host }).from(tenantHosts).where(eq(tenantHosts.tenantId, tenantId));
  return rows.map((r) => r.host).sort();
}

export async function findTenantBySlug(tx: Tx, slug: string): Promise<Tenant | null> {
  const [row] = await tx.select().from(tenants).where(eq(tenants.slug, slug));
  return row ? toTenant(row, await hostsOf(tx, row.id)) : null;
}

export async function findTenantByHost(tx: Tx, host: string): Promise<Tenant | null> {
  const [row] = await tx
    .select({ tenant: tenants })
    .from(tenantHosts)
    .innerJoin(tenants, eq(tenants.id, tenantHosts.tenantId))
    .where(eq(tenantHosts.host, host));
  return row ? toTenant(row.tenant, await hostsOf(tx, row.tenant.id)) : null;
}

export async function findTenantById(tx: Tx, id: string): Promise<Tenant | null> {
  const [row] = await tx.select().from(tenants).where(eq(tenants.id, id));
  return row ? toTenant(row, await hostsOf(tx, row.id)) : null;
}

export async function listTenants(tx: Tx): Promise<Tenant[]> {
  const rows = await tx.select().from(tenants).orderBy(tenants.slug);
  const hosts = await tx.select().from(tenantHosts);
  return rows.map((r) => toTenant(r, hosts.filter((h) => h.tenantId === r.id).map((h) => h.host)));
}

/** `divisionCode` left out keeps the city's code as it is. */
export type TenantInput = Omit<Tenant, 'id' | 'status' | 'divisionCode'> & { status?: Tenant['status']; divisionCode?: string | null };

/** Creates a city, or updates the one with the same slug. Returns it and whether it is new. */
export async function upsertTenant(tx: Tx, input: TenantInput): Promise<{ tenant: Tenant; created: boolean }> {
  const existing = await findTenantBySlug(tx, input.slug);
  const id = existing?.id ?? newId();
  if (existing) {
    await tx
      .update(tenants)
      .set({ names: input.names, branding: input.branding, defaultLocale: input.defaultLocale, divisionCode: input.divisionCode, updatedAt: new Date() })
      .where(eq(tenants.id, id));
  } else {
    await tx.insert(tenants).values({
      id,
      slug: input.slug,
      names: input.names,
      branding: input.branding,
      defaultLocale: input.defaultLocale,
      divisionCode: input.divisionCode ?? null,
      status: input.status ?? 'active',
    });
  }
  for (const host of input.hosts) {
    const [taken] = await tx.select().from(tenantHosts).where(eq(tenantHosts.host, host));
    if (taken && taken.tenantId !== id) throw new HostTakenError(host);
    if (!taken) await tx.insert(tenantHosts).values({ host, tenantId: id });
  }
  return { tenant: (await findTenantById(tx, id))!, created: !existing };
}

export class HostTakenError extends Error {
  constructor(readonly host: string) {
    super(`host ${host} belongs to another city`);
  }
}

export async function setTenantStatus(tx: Tx, id: string, status: Tenant['status']): Promise<void> {
  await tx.update(tenants).set({ status, updatedAt: new Date() }).where(and(eq(tenants.id, id)));
}
