import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { createUser, grantRole } from '../../../core/identity/users.ts';
import { childCareVisitsPlugin } from '../../../plugins/child-care-visits/index.ts';
import { children, visits } from '../../../plugins/child-care-visits/schema.ts';
import { pluginContextIn } from '../../support/plugin-work.ts';
import type { TestPlatform } from '../../support/platform.ts';
import { DIRECTOR, inCity, startChildCarePlatform, SUPERVISOR } from './fixtures.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startChildCarePlatform();
  await inCity(p, 'alpha', async (tx, t) => {
    await grantRole(tx, t, await createUser(tx, t, { name: '演示主任', email: 'director@alpha.example', passwordHash: null }), DIRECTOR);
    await grantRole(tx, t, await createUser(tx, t, { name: '演示社工', email: 'supervisor@alpha.example', passwordHash: null }), SUPERVISOR);
  });
});
afterAll(() => p.close());

const seed = () => inCity(p, 'alpha', (tx) => childCareVisitsPlugin.seed!(pluginContextIn(childCareVisitsPlugin, tx, p.cities.alpha!)));
const counts = () => inCity(p, 'alpha', async (tx) => [(await tx.select({ n: count() }).from(children))[0]!.n, (await tx.select({ n: count() }).from(visits))[0]!.n]);

describe('the demo data', () => {
  it('registers a child at each risk level for the demo director, one visited, and adds nothing on a second run', async () => {
    await seed();
    expect(await counts()).toEqual([3, 1]);
    const levels = await inCity(p, 'alpha', (tx) => tx.select({ risk: children.riskLevel }).from(children));
    expect(levels.map((l) => l.risk).sort()).toEqual(['high', 'low', 'medium']);
    await seed();
    expect(await counts()).toEqual([3, 1]);
  });
});
