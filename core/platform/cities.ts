import { asc, count, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { Database, Tx } from '../db/database.ts';
import { users } from '../db/schema/identity.ts';
import { tenantHosts, tenants, type Branding, type LocalizedText } from '../db/schema/tenancy.ts';
import { inviteByEmail } from '../identity/invitations.ts';
import { CORE_ROLES } from '../identity/permissions.ts';
import { findTenantBySlug, findTenantById, setTenantStatus, upsertTenant } from '../tenancy/service.ts';
import type { Tenant } from '../tenancy/tenant.ts';
import { DEFAULT_DISTRICTS, replaceDistricts } from '../volunteering/shared/districts.ts';

export type CityRow = { id: string; slug: string; names: LocalizedText; status: Tenant['status']; createdAt: Date; hosts: string[] };

/** One page of cities, by slug, with their custom hosts (global tables only). */
export async function listCitiesPage(tx: Tx, page: number, pageSize: number): Promise<{ rows: CityRow[]; total: number }> {
  const [total] = await tx.select({ n: count() }).from(tenants);
  const rows = await tx
    .select({ id: tenants.id, slug: tenants.slug, names: tenants.names, status: tenants.status, createdAt: tenants.createdAt })
    .from(tenants)
    .orderBy(asc(tenants.slug))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows: await withHosts(tx, rows), total: total?.n ?? 0 };
}

/** Cities' rows with each one's custom hosts, sorted (global tables only). */
export async function withHosts<R extends { id: string }>(tx: Tx, rows: R[]): Promise<(R & { hosts: string[] })[]> {
  const ids = rows.map((r) => r.id);
  const hosts = ids.length ? await tx.select().from(tenantHosts).where(inArray(tenantHosts.tenantId, ids)) : [];
  return rows.map((r) => ({ ...r, hosts: hosts.filter((h) => h.tenantId === r.id).map((h) => h.host).sort() }));
}

/** Users of one city; call inside that city's own transaction. */
export async function countUsers(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(users).where(eq(users.tenantId, tenantId));
  return row?.n ?? 0;
}

export class SlugTakenError extends Error {
  constructor(readonly slug: string) {
    super(`slug ${slug} is taken`);
  }
}

export type NewCity = { names: LocalizedText; slug: string; host: string | null; primaryColor: string; adminEmail: string };

function defaultBranding(names: LocalizedText, primaryColor: string): Branding {
  return {
    primaryColor,
    accentColor: '#e07a1f',
    logoText: [...names['zh-CN']].slice(0, 12).join(''),
    footer: { 'zh-CN': `${names['zh-CN']}志愿服务平台`, en: `${names.en} volunteer services` },
    contact: {},
  };
}

/**
 * Creates an active city with the default districts and an invitation for its
 * first administrator (mailed to them), and writes them to the city's audit log. The city row is global and the rest is
 * the city's, so this takes two transactions; when the second fails the city
 * row is removed again, leaving nothing behind.
 */
export async function onboardCity(
  db: Database,
  input: NewCity,
  by: { actor: string; address: string | null },
  originOf: CityOrigin,
): Promise<{ tenant: Tenant; inviteUrl: string }> {
  const tenant = await db.platform(async (tx) => {
    if (await findTenantBySlug(tx, input.slug)) throw new SlugTakenError(input.slug);
    const { tenant } = await upsertTenant(tx, {
      slug: input.slug,
      names: input.names,
      hosts: input.host ? [input.host] : [],
      branding: defaultBranding(input.names, input.primaryColor),
      defaultLocale: 'zh-CN',
      status: 'active',
    });
    return tenant;
  });
  try {
    const inviteUrl = await db.tenant(tenant.id, async (tx) => {
      await recordAudit(tx, tenant.id, {
        actor: by.actor,
        action: 'tenant.created',
        target: tenant.slug,
        address: by.address,
        detail: { names: tenant.names, hosts: tenant.hosts },
      });
      // Organisations, projects and volunteers each pick a district: a city with none cannot start.
      await replaceDistricts(tx, tenant.id, DEFAULT_DISTRICTS, by);
      return inviteAdmin(tx, tenant, input.adminEmail, by, originOf);
    });
    return { tenant, inviteUrl };
  } catch (err) {
    await db.platform(async (tx) => {
      await tx.delete(tenantHosts).where(eq(tenantHosts.tenantId, tenant.id));
      await tx.delete(tenants).where(eq(tenants.id, tenant.id));
    });
    throw err;
  }
}

/** The origin of a city's own site, where its invitation links open. */
export type CityOrigin = (slug: string) => string;

/** A one-time invitation that makes `email` a city administrator, mailed to them, with its audit entry. */
function inviteAdmin(tx: Tx, tenant: Tenant, email: string, by: { actor: string; address: string | null }, originOf: CityOrigin) {
  return inviteByEmail(tx, tenant.id, { email, role: 'city_admin', roleNames: CORE_ROLES.city_admin, invitedBy: by.actor, address: by.address, siteUrl: originOf(tenant.slug) });
}

/** A new administrator invitation for an existing city (the first link was lost or expired); null when there is no such city. */
export async function inviteCityAdmin(
  db: Database,
  tenantId: string,
  email: string,
  by: { actor: string; address: string | null },
  originOf: CityOrigin,
): Promise<{ tenant: Tenant; inviteUrl: string } | null> {
  const tenant = await db.platform((tx) => findTenantById(tx, tenantId));
  if (!tenant) return null;
  const inviteUrl = await db.tenant(tenant.id, (tx) => inviteAdmin(tx, tenant, email, by, originOf));
  return { tenant, inviteUrl };
}

/** Suspends or resumes a city and records it in the city's audit log; null when there is no such city. */
export async function setCityStatus(
  db: Database,
  tenantId: string,
  status: Tenant['status'],
  by: { actor: string; address: string | null },
): Promise<Tenant | null> {
  const tenant = await db.platform(async (tx) => {
    const found = await findTenantById(tx, tenantId);
    if (found && found.status !== status) await setTenantStatus(tx, tenantId, status);
    return found;
  });
  if (!tenant || tenant.status === status) return tenant;
  await db.tenant(tenantId, (tx) =>
    recordAudit(tx, tenantId, {
      actor: by.actor,
      action: status === 'suspended' ? 'tenant.suspended' : 'tenant.resumed',
      target: tenant.slug,
      address: by.address,
    }),
  );
  return { ...tenant, status };
}
