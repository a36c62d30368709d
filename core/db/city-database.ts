import type { Database } from './database.ts';

/**
 * One city's way into the database: its own tenant transactions and nothing
 * else, neither another city nor `platform` (the global tables as their owner,
 * which bypasses row-level security). Every handler of a city's site, the
 * core's and the plugins', gets this in place of the database.
 */
export type CityDatabase = Pick<Database, 'tenant'>;

export function cityDatabase(db: Database, tenantId: string): CityDatabase {
  return {
    tenant(id, work) {
      if (id !== tenantId) return Promise.reject(new Error("a city's site may open only that city's tenant transactions"));
      return db.tenant(id, work);
    },
  };
}
