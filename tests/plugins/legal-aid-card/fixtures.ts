import { grantRole } from '../../../core/identity/users.ts';
import type { Tx } from '../../../core/db/database.ts';
import { cityWork } from '../../../core/plugins/context.ts';
import { setPluginEnablement } from '../../../core/plugins/enablement.ts';
import { toLocalDateInput } from '../../../core/volunteering/shared/time.ts';
import { createBatch, type BatchInput } from '../../../plugins/legal-aid-card/batches.ts';
import { legalAidCardPlugin } from '../../../plugins/legal-aid-card/index.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, inCity } from '../../volunteering/fixtures.ts';

/** Set-up through the services; the tests then act through the pages. */
export const P = '/p/legal-aid-card';
export const mainOf = async (res: Response) => /<main[^>]*>([\s\S]*)<\/main>/.exec(await res.text())?.[1] ?? '';
/** The plugin's unit of work inside a test's tenant transaction (the plugin declares no ledger units). */
export const cityWorkOf = (tx: Tx, tenantId: string) => cityWork(tx, tenantId, new Set());
export const fieldError = (html: string, name: string) => new RegExp(`id="f-${name}-error"[^>]*>([^<]*)<`).exec(html)?.[1] ?? null;

/** The test platform with the plugin enabled for alpha (not beta). */
export async function startLegalAidPlatform() {
  const p = await startTestPlatform({ plugins: [legalAidCardPlugin] });
  await enableIn(p, 'alpha');
  return p;
}

export const enableIn = (p: TestPlatform, slug: string) =>
  inCity(p, slug, (tx, t) => setPluginEnablement(tx, t, legalAidCardPlugin, { enabled: true, changedBy: 'test' }));

export const today = () => toLocalDateInput(new Date());
const year = () => Number(today().slice(0, 4));

/** A batch valid from last year to next year, made by the given admin; returns it with its printed cards. */
export async function batch(p: TestPlatform, slug: string, adminId: string, input: Partial<BatchInput> = {}) {
  const result = await inCity(p, slug, (tx, t) =>
    createBatch(cityWorkOf(tx, t), adminId, { sponsor: '测试公益基金会', cardCount: 5, validFrom: `${year() - 1}-01-01`, validUntil: `${year() + 1}-12-31`, ...input }),
  );
  if (!result.ok) throw new Error('batch not created');
  return result;
}

/** A new member of the city with these roles (and a real-name profile), signed in on its site. */
export async function member(p: TestPlatform, slug: string, name: string, roles: string[] = []) {
  const person = await citizen(p, slug, name, { profile: true });
  await inCity(p, slug, async (tx, t) => {
    for (const role of roles) await grantRole(tx, t, person.id, role);
  });
  return person;
}
