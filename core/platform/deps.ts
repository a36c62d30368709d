import { z } from 'zod';
import type { RunningJobQueue } from '../jobs/queue.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import type { TenantResolver } from '../tenancy/resolver.ts';

/** What the console's routes close over (the console's context carries only the account). */
export type ConsoleDeps = { registry: PluginRegistry; resolver: TenantResolver; jobs: RunningJobQueue };

/** A city id from a URL, or null: a malformed id is a 404, never a database error. */
export function cityIdParam(value: string | undefined): string | null {
  const parsed = z.uuid().safeParse(value);
  return parsed.success ? parsed.data : null;
}
