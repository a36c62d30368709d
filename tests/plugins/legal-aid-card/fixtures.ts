import { toLocalDateInput } from '../../../core/plugin-api.ts';
import { createBatch, type BatchInput } from '../../../plugins/legal-aid-card/batches.ts';
import { legalAidCardPlugin } from '../../../plugins/legal-aid-card/index.ts';
import { startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';

/** Set-up through the services; the tests then act through the pages. */
export const P = '/p/legal-aid-card';

/** The kit with the plugin enabled for alpha (not beta). */
export function startLegalAidKit() {
  return startPluginKit(legalAidCardPlugin, { enabledIn: ['alpha'] });
}

export const today = () => toLocalDateInput(new Date());
const year = () => Number(today().slice(0, 4));

/** A batch valid from last year to next year, made by the given admin; returns it with its printed cards. */
export async function batch(kit: PluginKit, slug: string, adminId: string, input: Partial<BatchInput> = {}) {
  const result = await kit.work(
    slug,
    (w) => createBatch(w, adminId, { foundationId: null, sponsor: '测试公益基金会', cardCount: 5, validFrom: `${year() - 1}-01-01`, validUntil: `${year() + 1}-12-31`, ...input }),
    legalAidCardPlugin,
  );
  if (!result.ok) throw new Error('batch not created');
  return result;
}

/** A new member of the city with these roles (and a real-name profile), signed in on its site. */
export function member(kit: PluginKit, slug: string, name: string, roles: string[] = []) {
  return kit.person(slug, name, { roles, profile: true });
}
