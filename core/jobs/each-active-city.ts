import type { Tx } from '../db/database.ts';
import { listTenants } from '../tenancy/service.ts';
import type { JobDeps } from './define-job.ts';

/**
 * A core job's work in every active city, each in its own tenant transaction: one
 * city's failure is logged and does not stop the others, then fails the run so the
 * queue retries it (the work must be safe to repeat). `what` names the work in the log.
 */
export async function inEachActiveCity(
  { db, logger }: Pick<JobDeps, 'db' | 'logger'>,
  what: string,
  work: (tx: Tx, tenantId: string) => Promise<number>,
): Promise<void> {
  const cities = (await db.platform((tx) => listTenants(tx))).filter((t) => t.status === 'active');
  const failed: string[] = [];
  for (const city of cities) {
    try {
      const queued = await db.tenant(city.id, (tx) => work(tx, city.id));
      if (queued > 0) logger.info({ city: city.slug, queued }, `${what} queued`);
    } catch (err) {
      failed.push(city.slug);
      logger.error({ err, city: city.slug }, `${what} could not be queued`);
    }
  }
  if (failed.length > 0) throw new Error(`${what} failed for ${failed.join(', ')}`);
}
