import { newId } from '../../../core/db/ids.ts';
import { createUser, grantRole } from '../../../core/identity/users.ts';
import { setPluginEnablement } from '../../../core/plugins/enablement.ts';
import { listDistricts } from '../../../core/volunteering/shared/districts.ts';
import { assignSupervisorDistrict, registerChild, viewerOf, type RegisterInput } from '../../../plugins/child-care-visits/children.ts';
import { childCareVisitsPlugin } from '../../../plugins/child-care-visits/index.ts';
import { MAY_SUPERVISE } from '../../../plugins/child-care-visits/access.ts';
import { TestClient } from '../../support/client.ts';
import { pluginWork } from '../../support/plugin-work.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { signInAs } from '../../support/sign-in.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { CityWork } from '../../../core/plugin-api.ts';

/** Set-up through the services; the tests then act through the pages. */
export const P = '/p/child-care-visits';
export const DIRECTOR = 'child-care-visits.director';
export const SUPERVISOR = 'child-care-visits.supervisor';
export const mainOf = async (res: Response) => /<main[^>]*>([\s\S]*)<\/main>/.exec(await res.text())?.[1] ?? '';
export const fieldError = (html: string, name: string) => new RegExp(`id="f-${name}-error"[^>]*>([^<]*)<`).exec(html)?.[1] ?? null;

/** The test platform with the plugin enabled for alpha (not beta), with the given visit rule. */
export async function startChildCarePlatform(settings: Record<string, number> = {}) {
  const p = await startTestPlatform({ plugins: [childCareVisitsPlugin] });
  await enableIn(p, 'alpha', settings);
  return p;
}

export const enableIn = (p: TestPlatform, slug: string, settings: Record<string, number> = {}) =>
  inCity(p, slug, (tx, t) => setPluginEnablement(tx, t, childCareVisitsPlugin, { enabled: true, settings, changedBy: 'test' }));

export const inCity = <T>(p: TestPlatform, slug: string, work: (tx: Tx, tenantId: string) => Promise<T>) =>
  p.db.tenant(p.cities[slug]!.id, (tx) => work(tx, p.cities[slug]!.id));

export const inPlugin = <T>(p: TestPlatform, slug: string, work: (w: CityWork) => Promise<T>) =>
  inCity(p, slug, (tx, t) => work(pluginWork(childCareVisitsPlugin, tx, t)));

/** A new member of the city with these roles, signed in on its site. */
export async function member(p: TestPlatform, slug: string, name: string, roles: string[] = []) {
  const email = `${newId()}@people.test`;
  const id = await inCity(p, slug, async (tx, t) => {
    const userId = await createUser(tx, t, { name, email, passwordHash: null });
    for (const role of roles) await grantRole(tx, t, userId, role);
    return userId;
  });
  const client = new TestClient(p.app, `http://${slug}.localhost`);
  await signInAs(p, client, slug, email);
  return { client, id, email, name };
}

export const districtsOf = (p: TestPlatform, slug: string) => inCity(p, slug, (tx, t) => listDistricts(tx, t));

/** A supervisor of the given district (the city's first by default). */
export async function supervisor(p: TestPlatform, slug: string, district?: string) {
  const person = await member(p, slug, '督导社工', [SUPERVISOR]);
  const where = district ?? (await districtsOf(p, slug))[0]!;
  await inPlugin(p, slug, (w) => assignSupervisorDistrict(w, person.id, person.id, where));
  return { ...person, district: where };
}

/** A child registered by `supervisorId` (who must supervise its district), with consent and details unless told otherwise. */
export async function child(p: TestPlatform, slug: string, supervisorId: string, directorId: string, input: Partial<RegisterInput> = {}, registeredAt = new Date()) {
  const district = input.district ?? (await districtsOf(p, slug))[0]!;
  const result = await inPlugin(p, slug, async (w) =>
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
