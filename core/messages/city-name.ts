import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db/database.ts';
import type { Locale } from '../i18n/messages.ts';
import type { CityName } from './kinds.ts';

/**
 * The current city's names and language, read inside its tenant transaction. The app role may not
 * read the global `tenants` table; `current_city()` (migrations/*_messages_current_city.sql) answers
 * for the transaction's own city only.
 */
export async function currentCity(tx: Tx): Promise<{ names: CityName; defaultLocale: Locale }> {
  const [row] = rowsOf<{ names: CityName; default_locale: Locale }>(await tx.execute(sql`select names, default_locale from current_city()`));
  if (!row) throw new Error('no city for this transaction');
  return { names: row.names, defaultLocale: row.default_locale };
}
