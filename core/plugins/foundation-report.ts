import type { Database } from '../db/database.ts';
import type { LocalizedText } from '../db/schema/tenancy.ts';
import type { Locale } from '../i18n/messages.ts';
import type { Tenant } from '../tenancy/tenant.ts';
import { contextInTransaction, pluginCity } from './context.ts';
import type { PluginRegistry } from './registry.ts';

/** A figure, a word, or a figure linked to a page of the city's site (`path` from the site's root, e.g. its public ledger). */
export type FoundationReportCell = string | number | { text: string; path: string };

/**
 * A plugin's part of a sponsoring foundation's report for one city: a table of
 * figures in the reader's language (`ctx.city.locale`), with nothing that names or
 * points to a person, since the foundation is not the city.
 */
export type FoundationReportSection = {
  columns: string[];
  rows: FoundationReportCell[][];
  /** Shown when there are no rows. */
  emptyText?: string;
  /** A line under the table, for figures that are not per row. */
  note?: string;
};

/** Who reads the report: a foundation account, so a plugin can show that foundation's part only. */
export type FoundationReportReader = { foundationId: string };

export type CitySection = { pluginId: string; name: LocalizedText; section: FoundationReportSection };

/**
 * The sections of the reading foundation's sponsored plugins that run in this city, each
 * plugin asked in the city's own tenant transaction with nobody acting (as its jobs
 * are): a plugin the city has not enabled, or one without a report, gives none.
 */
export async function foundationReportSections(
  db: Database,
  registry: PluginRegistry,
  city: { tenant: Tenant; siteUrl: string },
  reader: FoundationReportReader & { pluginIds: readonly string[] },
  locale: Locale,
): Promise<CitySection[]> {
  const { tenant, siteUrl } = city;
  const here = pluginCity(tenant, siteUrl, locale);
  return db.tenant(tenant.id, async (tx) => {
    const enabled = await registry.enabledFor(tx, tenant.id);
    const sections: CitySection[] = [];
    for (const id of reader.pluginIds) {
      const plugin = registry.get(id);
      const settings = enabled.get(id);
      if (!plugin?.foundationReport || !settings) continue;
      const section = await plugin.foundationReport(contextInTransaction(tx, here, settings, plugin, registry.eventsFor(here)), { foundationId: reader.foundationId });
      sections.push({ pluginId: plugin.id, name: plugin.name, section });
    }
    return sections;
  });
}
