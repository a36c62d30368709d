import { z } from 'zod';
import { keysOf, ORGANISATION_KINDS } from '../volunteering/shared/catalogue.ts';
import { SLUG_PATTERN } from './tenant.ts';

const localized = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/);

/** A city as declared in `tenants/<slug>.ts`. Synced at start-up: created or updated, never deleted. */
export const tenantManifestSchema = z.object({
  slug: z.string().regex(SLUG_PATTERN),
  names: localized,
  /** Custom domains, e.g. `volunteer.xm.gov.cn`; `<slug>.<PLATFORM_DOMAIN>` always works. */
  hosts: z.array(z.string().min(3)).default([]),
  defaultLocale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  /** The city's administrative-division code (GB/T 2260, six digits): it leads its volunteers' unified numbers. */
  divisionCode: z.string().regex(/^\d{6}$/).optional(),
  branding: z.object({
    primaryColor: color,
    accentColor: color,
    logoText: z.string().min(1).max(12),
    logoUrl: z.string().optional(),
    footer: localized,
    contact: z.object({ phone: z.string().optional(), email: z.string().email().optional(), address: localized.optional() }),
  }),
  /** Plugins enabled when the city is first created (later changes are the city admin's). */
  plugins: z.record(z.string(), z.object({ settings: z.record(z.string(), z.unknown()).default({}) })).default({}),
  /** Demo accounts created when missing (only with SEED_DEMO=1). */
  demoAccounts: z
    .array(z.object({ email: z.string().email(), name: z.string(), password: z.string().min(8), roles: z.array(z.string()) }))
    .default([]),
  /**
   * Demo organisations beyond the two every demo city gets, each run by one of its
   * demo accounts (a volunteer lawyer's firm): created approved when missing (only with SEED_DEMO=1).
   */
  demoOrganisations: z
    .array(z.object({ name: z.string().min(1), kind: z.enum(keysOf(ORGANISATION_KINDS)), description: z.string().min(1), contactPhone: z.string().min(1), admin: z.string().email() }))
    .default([]),
});

export type TenantManifest = z.input<typeof tenantManifestSchema>;
export type ParsedTenantManifest = z.output<typeof tenantManifestSchema>;

export function defineTenant(manifest: TenantManifest): TenantManifest {
  return manifest;
}
