import type { CityChanges } from '../http/city-changes.ts';
import type { EnabledPlugins } from './registry.ts';

/**
 * The modules each city has enabled, as this process last read them, for
 * visitors who are not signed in: their requests then need no tenant
 * transaction of their own before the page's. A change to the city
 * (`CityChanges`: a module switched in the console or reconfigured by the city)
 * makes it stale at once; the time limit bounds the rest.
 */
export function createEnabledPluginsCache({ seconds, changes }: { seconds: number; changes: CityChanges }) {
  const kept = new Map<string, { enabled: EnabledPlugins; generation: number; expires: number }>();
  return {
    /** The generation to remember a read under; take it before reading, so a change during the read leaves it stale. */
    generationOf: changes.generationOf,
    get(tenantId: string): EnabledPlugins | undefined {
      const k = kept.get(tenantId);
      return k && k.generation === changes.generationOf(tenantId) && k.expires > Date.now() ? k.enabled : undefined;
    },
    set(tenantId: string, enabled: EnabledPlugins, generation: number): void {
      if (seconds > 0) kept.set(tenantId, { enabled, generation, expires: Date.now() + seconds * 1000 });
    },
  };
}

export type EnabledPluginsCache = ReturnType<typeof createEnabledPluginsCache>;
