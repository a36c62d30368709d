import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export type LocalizedText = { 'zh-CN': string; en: string };
export type Branding = {
  primaryColor: string;
  accentColor: string;
  logoText: string;
  logoUrl?: string;
  footer: LocalizedText;
  contact: { phone?: string; email?: string; address?: LocalizedText };
};

/** Global: one row a city government. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  names: jsonb('names').$type<LocalizedText>().notNull(),
  branding: jsonb('branding').$type<Branding>().notNull(),
  /** The administrative-division code (GB/T 2260, six digits) that leads its volunteers' unified numbers; null: not given. */
  divisionCode: text('division_code'),
  defaultLocale: text('default_locale').$type<'zh-CN' | 'en'>().notNull().default('zh-CN'),
  status: text('status').$type<'active' | 'suspended'>().notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Global: custom domains of a city (the `<slug>.<PLATFORM_DOMAIN>` host needs no row). */
export const tenantHosts = pgTable('tenant_hosts', {
  host: text('host').primaryKey(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
});

/**
 * Global: what the last completed start-up sync of `tenants/` was made from (a hash of the manifests,
 * the demo switch, the bundle's sources and the migrations); a start that finds its own skips the sync
 * (core/tenancy/sync-unless-unchanged.ts). At most one row.
 */
export const tenantSyncs = pgTable('tenant_syncs', {
  fingerprint: text('fingerprint').primaryKey(),
  syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
});
