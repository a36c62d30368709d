import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncTenants } from '../../../core/tenancy/sync.ts';
import type { Tenant } from '../../../core/tenancy/tenant.ts';
import { plugins as shippedPlugins } from '../../../plugins/index.ts';
import { legalAidCards, legalAidConsultations, legalAidLessons } from '../../../plugins/legal-aid-card/schema.ts';
import qionghai from '../../../tenants/qionghai.ts';
import { TestClient } from '../../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { signInAs } from '../../support/sign-in.ts';
import { mainOf } from '../../volunteering/fixtures.ts';

let p: TestPlatform;
let city: Tenant;
beforeAll(async () => {
  p = await startTestPlatform({ plugins: shippedPlugins, cities: [qionghai] });
  city = p.cities.qionghai!;
  // A second start seeds nothing twice.
  await syncTenants(p.db, [qionghai], { registry: p.registry, seedDemo: true });
}, 300_000);
afterAll(() => p.close());

const rows = () =>
  p.db.tenant(city.id, async (tx) => ({
    cards: await tx.select().from(legalAidCards).where(eq(legalAidCards.tenantId, city.id)),
    questions: await tx.select().from(legalAidConsultations).where(eq(legalAidConsultations.tenantId, city.id)),
    lessons: await tx.select().from(legalAidLessons).where(eq(legalAidLessons.tenantId, city.id)),
  }));

describe('legal-aid card demo data in Qionghai', () => {
  it('has a batch, activated cards, questions at every stage and education', async () => {
    const r = await rows();
    expect(r.cards).toHaveLength(50);
    expect(r.cards.filter((c) => c.status === 'active')).toHaveLength(3);
    expect(new Set(r.questions.map((q) => q.status))).toEqual(new Set(['answered', 'waiting']));
    expect(r.questions.some((q) => q.overdueAlertedAt !== null)).toBe(true);
    expect(r.questions.some((q) => q.lawyerUserId !== null && q.status === 'answered')).toBe(true);
    expect(r.lessons.find((l) => l.kind === 'session')?.attendance).toBe(46);
  });

  it('lets the demo volunteer see their card and the demo lawyer the queue', async () => {
    const volunteer = new TestClient(p.app, 'http://qionghai.localhost');
    await signInAs(p, volunteer, 'qionghai', 'volunteer@qionghai.example');
    expect(await mainOf(await volunteer.get('/p/legal-aid-card/'))).toContain('海南法治公益基金会');
    const lawyer = new TestClient(p.app, 'http://qionghai.localhost');
    await signInAs(p, lawyer, 'qionghai', 'lawyer@qionghai.example');
    expect(await mainOf(await lawyer.get('/p/legal-aid-card/queue'))).toContain('/p/legal-aid-card/consultations/');
  });
});
