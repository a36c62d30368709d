import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plugins as shippedPlugins } from '../../../plugins/index.ts';
import { legalAidCards, legalAidConsultations, legalAidLessons } from '../../../plugins/legal-aid-card/schema.ts';
import qionghai from '../../../tenants/qionghai.ts';
import { mainOf, startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';

let kit: PluginKit;
beforeAll(async () => {
  kit = await startPluginKit(shippedPlugins, { enabledIn: [], moreCities: [qionghai] });
  // A second start seeds nothing twice.
  await kit.addCities([qionghai]);
}, 300_000);
afterAll(() => kit.close());

const rows = () =>
  kit.inCity('qionghai', async (tx, t) => ({
    cards: await tx.select().from(legalAidCards).where(eq(legalAidCards.tenantId, t)),
    questions: await tx.select().from(legalAidConsultations).where(eq(legalAidConsultations.tenantId, t)),
    lessons: await tx.select().from(legalAidLessons).where(eq(legalAidLessons.tenantId, t)),
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
    const { client: volunteer } = await kit.signedIn('qionghai', 'volunteer@qionghai.example');
    expect(await mainOf(await volunteer.get('/p/legal-aid-card/'))).toContain('海南法治公益基金会');
    const { client: lawyer } = await kit.signedIn('qionghai', 'lawyer@qionghai.example');
    expect(await mainOf(await lawyer.get('/p/legal-aid-card/queue'))).toContain('/p/legal-aid-card/consultations/');
  });
});
