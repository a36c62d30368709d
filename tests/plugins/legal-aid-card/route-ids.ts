import type { TestPlatform } from '../../support/platform.ts';
import { batch } from './fixtures.ts';

/**
 * One row of each id kind the legal-aid card declares (plugins/legal-aid-card/index.ts),
 * in city `slug`, each on a page its admin can open: the attack suites send these
 * ids to every route. The plugin must be enabled in the city.
 */
export async function rowsOfEachKind(p: TestPlatform, slug: string, adminId: string): Promise<Record<string, string>> {
  const made = await batch(p, slug, adminId);
  return { 'legal-aid-card.batch': made.batch.id };
}
