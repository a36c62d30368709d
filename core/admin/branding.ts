import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/service.ts';
import type { Database } from '../db/database.ts';
import type { TenantUnit } from '../db/tenant-unit.ts';
import { tenants, type Branding } from '../db/schema/tenancy.ts';
import { normalisePhone } from '../volunteering/shared/identifiers.ts';

/** Keys of the branding catalogue's error messages, carried by the schema's issues. */
export type BrandingErrorKey = 'required' | 'tooLong' | 'badColor' | 'badPhone' | 'badEmail';
const key = (k: BrandingErrorKey) => k;

const color = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, key('badColor')).transform((v) => v.toLowerCase());
const text = (max: number) => z.string().trim().min(1, key('required')).max(max, key('tooLong'));

/** The site details a city admin edits on /admin/branding; phone and email are optional, but a site needs one to be reachable. */
export const brandingForm = z.object({
  logoText: text(12),
  primaryColor: color,
  accentColor: color,
  footerZh: text(100),
  footerEn: text(200),
  phone: z.string().trim().transform((v, ctx) => (v === '' ? null : (normalisePhone(v) ?? (ctx.addIssue({ code: 'custom', message: key('badPhone') }), z.NEVER)))),
  email: z.union([z.literal(''), z.string().trim().toLowerCase().max(200, key('tooLong')).pipe(z.email(key('badEmail')))]).transform((v) => v || null),
});
export const BRANDING_FIELDS = ['logoText', 'primaryColor', 'accentColor', 'footerZh', 'footerEn', 'phone', 'email'] as const;
export type BrandingValues = Record<(typeof BRANDING_FIELDS)[number], string>;

export function brandingValues(b: Branding): BrandingValues {
  return {
    logoText: b.logoText,
    primaryColor: b.primaryColor,
    accentColor: b.accentColor,
    footerZh: b.footer['zh-CN'],
    footerEn: b.footer.en,
    phone: b.contact.phone ?? '',
    email: b.contact.email ?? '',
  };
}

/**
 * The one write to a global table a city's site makes: its own row's branding.
 * The site's composition builds it from the whole database, so handlers, which
 * see only their city's transactions, never hold more than this.
 */
export type BrandingStore = (tenantId: string, branding: Branding) => Promise<void>;

export function brandingStore(db: Database): BrandingStore {
  return async (tenantId, branding) => {
    await db.platform((tx) => tx.update(tenants).set({ branding, updatedAt: new Date() }).where(eq(tenants.id, tenantId)));
  };
}

/** Saves the city's branding, then the audit entry in the city's transaction; the logo image and the address stay as they were. */
export async function updateBranding(
  unit: TenantUnit,
  store: BrandingStore,
  current: { id: string; branding: Branding },
  input: z.output<typeof brandingForm>,
  by: { actor: string; address: string | null },
): Promise<Branding> {
  const { address } = current.branding.contact;
  const branding: Branding = {
    ...current.branding,
    logoText: input.logoText,
    primaryColor: input.primaryColor,
    accentColor: input.accentColor,
    footer: { 'zh-CN': input.footerZh, en: input.footerEn },
    contact: { ...(address ? { address } : {}), ...(input.phone ? { phone: input.phone } : {}), ...(input.email ? { email: input.email } : {}) },
  };
  // The store is a transaction of its own on the global table: end the request's first (on PGlite's one
  // connection, a second transaction waits for the first to end).
  await unit.commit();
  await store(current.id, branding);
  await unit.run((tx) => recordAudit(tx, current.id, { actor: by.actor, action: 'branding.updated', address: by.address, detail: { branding } }));
  return branding;
}
