import { registerChild, assignSupervisorDistrict, viewerOf, type RegisterInput } from '../../../plugins/child-care-visits/children.ts';
import { childCareVisitsPlugin } from '../../../plugins/child-care-visits/index.ts';
import { MAY_SUPERVISE } from '../../../plugins/child-care-visits/access.ts';
import type { CityWork, Tx } from '../../../core/plugin-api.ts';
import { startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';

export { fieldError, mainOf } from '../../support/plugin-kit/index.ts';

/** Set-up through the services; the tests then act through the pages. */
export const P = '/p/child-care-visits';
export const DIRECTOR = 'child-care-visits.director';
export const SUPERVISOR = 'child-care-visits.supervisor';

/** The plugin kit with the plugin enabled for alpha (not beta), with the given visit rule. */
export const startChildCarePlatform = (settings: Record<string, number> = {}) => startPluginKit(childCareVisitsPlugin, { enabledIn: ['alpha'], settings });

export const enableIn = (kit: PluginKit, slug: string, settings: Record<string, number> = {}) => kit.enable(slug, settings, childCareVisitsPlugin);

export const inPlugin = <T>(kit: PluginKit, slug: string, work: (w: CityWork) => Promise<T>) => kit.work(slug, work, childCareVisitsPlugin);

/** A new member of the city with these roles, signed in on its site. */
export const member = (kit: PluginKit, slug: string, name: string, roles: string[] = []) => kit.person(slug, name, { roles });

export const districtsOf = (kit: PluginKit, slug: string) => inPlugin(kit, slug, (w) => w.districts());

/** A supervisor of the given district (the city's first by default). */
export async function supervisor(kit: PluginKit, slug: string, district?: string) {
  const person = await member(kit, slug, '督导社工', [SUPERVISOR]);
  const where = district ?? (await districtsOf(kit, slug))[0]!;
  await inPlugin(kit, slug, (w) => assignSupervisorDistrict(w, person.id, person.id, where));
  return { ...person, district: where };
}

/** A child registered by `supervisorId` (who must supervise its district), with consent and details unless told otherwise. */
export async function child(kit: PluginKit, slug: string, supervisorId: string, directorId: string, input: Partial<RegisterInput> = {}, registeredAt = new Date()) {
  const district = input.district ?? (await districtsOf(kit, slug))[0]!;
  const result = await inPlugin(kit, slug, async (w) =>
    registerChild(w, await viewerOf(w, { id: supervisorId }, new Set([MAY_SUPERVISE])), {
      name: '韦小明', category: 'left_behind', district, village: '良寨村', riskLevel: 'high', riskReasons: '父母在外务工，祖母年迈', reviewOn: '2027-01-01', directorId,
      consent: { givenBy: '韦奶奶', relation: '祖母', purposes: '定期探访与救助', givenOn: '2026-11-01' },
      details: { guardianName: '韦奶奶', guardianPhone: '13907725678', address: '良寨村三组12号', school: '良寨小学', needs: '课外辅导' },
      ...input,
    }, registeredAt),
  );
  if (!result.ok) throw new Error(`child not registered: ${result.reason}`);
  return result.id;
}

/** The city's tenant transaction, for reading the plugin's own tables. */
export const inCity = <T>(kit: PluginKit, slug: string, work: (tx: Tx, tenantId: string) => Promise<T>) => kit.inCity(slug, work);
