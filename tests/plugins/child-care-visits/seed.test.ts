import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { childCareVisitsPlugin } from '../../../plugins/child-care-visits/index.ts';
import { children, visits, wishes } from '../../../plugins/child-care-visits/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { DIRECTOR, inCity, startChildCarePlatform, SUPERVISOR } from './fixtures.ts';

let p: PluginKit;
beforeAll(async () => {
  p = await startChildCarePlatform();
  await p.person('alpha', '演示主任', { email: 'director@alpha.example', roles: [DIRECTOR] });
  await p.person('alpha', '演示社工', { email: 'supervisor@alpha.example', roles: [SUPERVISOR] });
  await p.person('alpha', '演示志愿者', { email: 'volunteer@alpha.example' });
});
afterAll(() => p.close());

const seed = () => p.asJob('alpha', (ctx) => childCareVisitsPlugin.seed!(ctx), { plugin: childCareVisitsPlugin });
const counts = () => inCity(p, 'alpha', async (tx, t) => [(await tx.select({ n: count() }).from(children).where(eq(children.tenantId, t)))[0]!.n, (await tx.select({ n: count() }).from(visits).where(eq(visits.tenantId, t)))[0]!.n]);

describe('the demo data', () => {
  it('registers a child at each risk level for the demo director, one visited, and adds nothing on a second run', async () => {
    await seed();
    expect(await counts()).toEqual([3, 1]);
    const levels = await inCity(p, 'alpha', (tx, t) => tx.select({ risk: children.riskLevel }).from(children).where(eq(children.tenantId, t)));
    expect(levels.map((l) => l.risk).sort()).toEqual(['high', 'low', 'medium']);
    await seed();
    expect(await counts()).toEqual([3, 1]);
  });

  it('publishes a wish at each stage: open, claimed by the demo volunteer, fulfilled', async () => {
    const stages = await inCity(p, 'alpha', (tx, t) => tx.select({ status: wishes.status }).from(wishes).where(eq(wishes.tenantId, t)));
    expect(stages.map((s) => s.status).sort()).toEqual(['claimed', 'fulfilled', 'open']);
  });
});
