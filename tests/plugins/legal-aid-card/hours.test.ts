import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legalAidLawyerHours } from '../../../plugins/legal-aid-card/schema.ts';
import { fieldError, mainOf, type PluginKit } from '../../support/plugin-kit/index.ts';
import { batch, member, P, startLegalAidKit } from './fixtures.ts';

type Person = Awaited<ReturnType<typeof member>>;
let kit: PluginKit;
let holder: Person;
let coordinator: Person;
let lawyer: Person;
let loner: Person;
let cards: { number: string; code: string }[];
beforeAll(async () => {
  kit = await startLegalAidKit();
  const admin = await member(kit, 'alpha', '甲管理', ['city_admin']);
  cards = (await batch(kit, 'alpha', admin.id, { cardCount: 3 })).cards;
  holder = await member(kit, 'alpha', '符阿婆');
  expect((await holder.client.post(`${P}/activate`, cards[0]!)).status).toBe(303);
  coordinator = await member(kit, 'alpha', '协调员', ['legal-aid-card.coordinator']);
  // A lawyer of an approved firm, and one who belongs to none.
  lawyer = await kit.organiser('alpha');
  await kit.grantRole('alpha', lawyer.id, 'legal-aid-card.lawyer');
  loner = await member(kit, 'alpha', '独立律师', ['legal-aid-card.lawyer']);
});
afterAll(() => kit.close());

const minutesOf = (userId: string) => kit.ledger.balance('alpha', `volunteer:${userId}`, 'SERVICE_MINUTE');
const entries = () => kit.inCity('alpha', (tx, t) => tx.select().from(legalAidLawyerHours).where(eq(legalAidLawyerHours.tenantId, t)));
const entryOf = async (sourceId: string) => (await kit.inCity('alpha', (tx, t) => tx.select().from(legalAidLawyerHours).where(and(eq(legalAidLawyerHours.tenantId, t), eq(legalAidLawyerHours.sourceId, sourceId)))))[0]!;

async function answeredQuestion(by: Person): Promise<string> {
  const asked = await holder.client.post(`${P}/consultations/new`, { category: 'labour', description: '老板拖欠三个月工资，怎么办？', preferred_contact: 'site', contact_phone: '', urgency: 'normal' });
  expect(asked.status).toBe(303);
  const id = asked.headers.get('location')!.split('/').pop()!;
  expect((await by.client.post(`${P}/consultations/${id}/thread`, { body: '可以向劳动仲裁委员会申请仲裁。' })).status).toBe(303);
  return id;
}

describe('lawyers’ hours on the ledger', () => {
  it('a lawyer’s minutes on an answered consultation reach the ledger once the coordinator verifies, and only once', async () => {
    const id = await answeredQuestion(lawyer);
    const thread = await mainOf(await lawyer.client.get(`${P}/consultations/${id}`));
    expect(thread).toContain(`/consultations/${id}/hours`);

    // Bad minutes: the error beside the field, nothing written.
    for (const minutes of ['0', '1441', 'abc', '']) {
      const res = await lawyer.client.post(`${P}/consultations/${id}/hours`, { minutes });
      expect(res.status, minutes).toBe(400);
      expect(fieldError(await res.text(), 'minutes'), minutes).toBeTruthy();
    }
    expect(await entries()).toHaveLength(0);
    // Only the lawyer who answered (or a coordinator) enters minutes on it.
    expect((await loner.client.post(`${P}/consultations/${id}/hours`, { minutes: '60' })).status).toBe(403);
    expect((await holder.client.post(`${P}/consultations/${id}/hours`, { minutes: '60' })).status).toBe(403);

    expect((await lawyer.client.post(`${P}/consultations/${id}/hours`, { minutes: '60' })).status).toBe(303);
    expect((await lawyer.client.post(`${P}/consultations/${id}/hours`, { minutes: '75' })).status).toBe(303);
    const entry = await entryOf(id);
    expect(entry).toMatchObject({ minutes: 75, lawyerUserId: lawyer.id, verifiedAt: null });
    expect(await minutesOf(lawyer.id)).toBe(0);

    // Neither the lawyer nor the holder may verify.
    expect((await lawyer.client.post(`${P}/hours/${entry.id}/verify`, {})).status).toBe(403);
    expect((await holder.client.post(`${P}/hours/${entry.id}/verify`, {})).status).toBe(403);
    expect(await minutesOf(lawyer.id)).toBe(0);

    const waiting = await mainOf(await coordinator.client.get(`${P}/hours`));
    expect(waiting).toContain(`/hours/${entry.id}/verify`);
    expect((await coordinator.client.post(`${P}/hours/${entry.id}/verify`, {})).status).toBe(303);
    expect(await minutesOf(lawyer.id)).toBe(75);
    // The same entry verified twice posts once; once verified it cannot be changed.
    expect((await coordinator.client.post(`${P}/hours/${entry.id}/verify`, {})).status).toBe(303);
    expect(await minutesOf(lawyer.id)).toBe(75);
    const late = await lawyer.client.post(`${P}/consultations/${id}/hours`, { minutes: '600' });
    expect(late.status).toBe(400);
    expect(fieldError(await late.text(), 'minutes')).toBeTruthy();
    expect(await minutesOf(lawyer.id)).toBe(75);
    expect((await kit.ledger.verify('alpha')).ok).toBe(true);
    expect((await kit.auditEntries('alpha', 'legal-aid-card.hours_verified')).map((e) => e.target)).toEqual([`legal-aid-card:hours:${entry.id}`]);

    // The lawyer sees the verified time on their page.
    const page = await mainOf(await lawyer.client.get(`${P}/hours`));
    expect(page).toContain('1小时15分钟');
    expect(page).not.toContain('/verify');
  });

  it('refuses to verify a lawyer with no approved firm, with a clear message, posting nothing', async () => {
    const id = await answeredQuestion(loner);
    expect((await loner.client.post(`${P}/consultations/${id}/hours`, { minutes: '30' })).status).toBe(303);
    const entry = await entryOf(id);
    const res = await coordinator.client.post(`${P}/hours/${entry.id}/verify`, {});
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('律师事务所');
    expect((await entryOf(id)).verifiedAt).toBeNull();
    expect(await minutesOf(loner.id)).toBe(0);
  });

  it('a designated lawyer’s minutes on a case count once they cleared conflicts, and reach the ledger when verified', async () => {
    const applied = await holder.client.post(`${P}/aid/new`, { category: 'labour', matter: '工地拖欠工资两万元。', adverse_party: '椰林建筑有限公司', exempt_group: 'migrant_worker_wages', hardship_statement: '', commitment: '', emergency_ground: '' });
    expect(applied.status).toBe(303);
    const id = applied.headers.get('location')!.split('/').pop()!;
    expect((await coordinator.client.post(`${P}/cases/${id}/decision`, { decision: 'approve', reasons: '属于追索劳动报酬，免予核查经济困难。' })).status).toBe(303);
    expect((await coordinator.client.post(`${P}/cases/${id}/designation`, { lawyer: lawyer.id })).status).toBe(303);
    // Not before the lawyer confirmed no conflict: they have seen nothing of the case yet.
    expect((await lawyer.client.post(`${P}/cases/${id}/hours`, { minutes: '120' })).status).toBe(403);
    expect((await lawyer.client.post(`${P}/cases/${id}/no-conflict`)).status).toBe(303);
    expect(await mainOf(await lawyer.client.get(`${P}/cases/${id}`))).toContain(`/cases/${id}/hours`);
    expect((await loner.client.post(`${P}/cases/${id}/hours`, { minutes: '120' })).status).toBe(403);
    expect((await lawyer.client.post(`${P}/cases/${id}/hours`, { minutes: '120' })).status).toBe(303);
    const entry = await entryOf(id);
    expect(entry).toMatchObject({ source: 'case', minutes: 120, lawyerUserId: lawyer.id });
    expect((await coordinator.client.post(`${P}/hours/${entry.id}/verify`, {})).status).toBe(303);
    expect(await minutesOf(lawyer.id)).toBe(195);
    expect((await kit.ledger.verify('alpha')).ok).toBe(true);
    // Referred out to the arbitration committee: the applicant reads where it went.
    expect((await lawyer.client.post(`${P}/cases/${id}/close`, { outcome: 'referred_out', referred_to: '琼海市劳动人事争议仲裁委员会' })).status).toBe(303);
    expect(await entryOf(id)).toMatchObject({ minutes: 120 });
    const followed = await mainOf(await holder.client.get(`${P}/cases/${id}`));
    expect(followed).toContain('转介其他机构');
    expect(followed).toContain('琼海市劳动人事争议仲裁委员会');
  });

  it('counts verified lawyer hours in the sponsor report, naming no one', async () => {
    const report = await mainOf(await kit.visitor('alpha').get(`${P}/report`));
    expect(report).toContain('律师志愿服务时长');
    // 75 minutes on the consultation and 120 on the case, both through the batch's first card.
    expect(report).toContain('3小时15分钟');
    // A ledger amount: the figure links to the two transfers that posted it on the public ledger.
    const numbers = /<a href="\/ledger\?n=([\d,]+)">3小时15分钟<\/a>/.exec(report)?.[1]?.split(',').map(Number);
    expect(numbers).toHaveLength(2);
    const listed = await mainOf(await kit.visitor('alpha').get(`/ledger?n=${numbers!.join(',')}`));
    for (const seq of numbers!) expect(listed).toContain(`id="t-${seq}"`);
    expect(listed).toContain('1小时15分钟');
    expect(listed).toContain('2小时');
    for (const personal of ['符阿婆', '椰林', '拖欠']) expect(report).not.toContain(personal);
  });
});
