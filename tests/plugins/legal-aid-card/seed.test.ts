import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plugins as shippedPlugins } from '../../../plugins/index.ts';
import { legalAidApplications, legalAidBatches, legalAidCards, legalAidConsultations, legalAidLawyerHours, legalAidLessons } from '../../../plugins/legal-aid-card/schema.ts';
import qionghai from '../../../tenants/qionghai.ts';
import { mainOf, startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';

let kit: PluginKit;
/** Lawyer hours after the first start, which had no law firm for the demo lawyer (as a city seeded before the firm existed). */
let hoursWithoutFirm: number;
/** The demo batch's foundation after the first start, when no foundation sponsored the city yet (as a city seeded before batches had one). */
let foundationWithoutSponsor: string | null | undefined;
let demoFoundation: string;
beforeAll(async () => {
  kit = await startPluginKit(shippedPlugins, { enabledIn: [], moreCities: [{ ...qionghai, demoOrganisations: [] }] });
  hoursWithoutFirm = (await rows()).hours.length;
  foundationWithoutSponsor = (await batches())[0]?.foundationId;
  demoFoundation = (await kit.foundation('示范公益基金会', ['qionghai'])).foundationId;
  // The next start brings the firm and the hours; the one after seeds nothing twice.
  await kit.addCities([qionghai]);
  await kit.addCities([qionghai]);
}, 300_000);
afterAll(() => kit.close());

const batches = () => kit.inCity('qionghai', (tx, t) => tx.select().from(legalAidBatches).where(eq(legalAidBatches.tenantId, t)));
const rows = () =>
  kit.inCity('qionghai', async (tx, t) => ({
    cards: await tx.select().from(legalAidCards).where(eq(legalAidCards.tenantId, t)),
    questions: await tx.select().from(legalAidConsultations).where(eq(legalAidConsultations.tenantId, t)),
    lessons: await tx.select().from(legalAidLessons).where(eq(legalAidLessons.tenantId, t)),
    cases: await tx.select().from(legalAidApplications).where(eq(legalAidApplications.tenantId, t)),
    hours: await tx.select().from(legalAidLawyerHours).where(eq(legalAidLawyerHours.tenantId, t)),
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

  it('ties its batch to the foundation sponsoring the cards in the city, at the next start for a city seeded before', async () => {
    expect(foundationWithoutSponsor).toBeNull();
    const all = await batches();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ foundationId: demoFoundation, sponsor: '海南法治公益基金会' });
  });

  it('lets the demo volunteer see their card and the demo lawyer the queue', async () => {
    const { client: volunteer } = await kit.signedIn('qionghai', 'volunteer@qionghai.example');
    expect(await mainOf(await volunteer.get('/p/legal-aid-card/'))).toContain('海南法治公益基金会');
    const { client: lawyer } = await kit.signedIn('qionghai', 'lawyer@qionghai.example');
    expect(await mainOf(await lawyer.get('/p/legal-aid-card/queue'))).toContain('/p/legal-aid-card/consultations/');
  });
});

describe('the Qionghai demo lawyer’s hours and case', () => {
  it('has a case through to closing, which its applicant follows', async () => {
    const [aid] = (await rows()).cases;
    const volunteer = await kit.userIdOf('qionghai', 'volunteer@qionghai.example');
    const lawyer = await kit.userIdOf('qionghai', 'lawyer@qionghai.example');
    expect(aid).toMatchObject({ applicantUserId: volunteer, lawyerUserId: lawyer, status: 'closed', outcome: 'mediated', exemptGroup: 'migrant_worker_wages' });
    expect(aid!.decisionReasons).toBeTruthy();
    expect(aid!.conflictClearedAt).not.toBeNull();
    const { client } = await kit.signedIn('qionghai', 'volunteer@qionghai.example');
    expect(await mainOf(await client.get(`/p/legal-aid-card/cases/${aid!.id}`))).toContain('调解或和解');
  });

  it('records the demo lawyer’s hours under their firm, verified by the demo coordinator, once', async () => {
    const lawyer = await kit.userIdOf('qionghai', 'lawyer@qionghai.example');
    const coordinator = await kit.userIdOf('qionghai', 'legal-aid@qionghai.example');
    const { hours } = await rows();
    expect(hoursWithoutFirm).toBe(0);
    // One answered consultation and the closed case, added to the city seeded before; the last sync added none.
    expect(hours.map((h) => h.source).sort()).toEqual(['case', 'consultation']);
    for (const h of hours) expect(h).toMatchObject({ lawyerUserId: lawyer, verifiedBy: coordinator });
    const minutes = hours.reduce((sum, h) => sum + h.minutes, 0);
    expect(await kit.ledger.balance('qionghai', `volunteer:${lawyer}`, 'SERVICE_MINUTE')).toBe(minutes);
    expect((await kit.ledger.verify('qionghai')).ok).toBe(true);
    const { client } = await kit.signedIn('qionghai', 'lawyer@qionghai.example');
    const record = await mainOf(await client.get('/volunteer/hours'));
    expect(record).toContain('法治保障卡志愿律师服务');
    expect(record).toContain('海南椰城律师事务所');
  });

  it('shows the hours in the sponsor report, linked to the transfers on the public ledger', async () => {
    const report = await mainOf(await kit.visitor('qionghai').get('/p/legal-aid-card/report'));
    // 45 minutes on the consultation and 4 hours on the case, both through the batch's cards.
    const numbers = /<a href="\/ledger\?n=([\d,]+)">4小时45分钟<\/a>/.exec(report)?.[1]?.split(',').map(Number);
    expect(numbers).toHaveLength(2);
    const listed = await mainOf(await kit.visitor('qionghai').get(`/ledger?n=${numbers!.join(',')}`));
    for (const seq of numbers!) expect(listed).toContain(`id="t-${seq}"`);
    expect(listed).toContain('45分钟');
    expect(listed).toContain('4小时');
    // The batch's 50 cards are a ledger amount too.
    expect(report).toMatch(/<a href="\/ledger\?n=\d+">50<\/a>/);
    for (const personal of ['王志愿', '林律师', '琼海演示建筑', '拖欠']) expect(report).not.toContain(personal);
  });
});
