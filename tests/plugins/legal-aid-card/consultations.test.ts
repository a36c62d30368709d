import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateCard } from '../../../plugins/legal-aid-card/activation.ts';
import { alertOverdueQuestions, askQuestion } from '../../../plugins/legal-aid-card/consultations.ts';
import { legalAidConsultations } from '../../../plugins/legal-aid-card/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { batch, member, P, startLegalAidKit } from './fixtures.ts';
import { fieldError, mainOf } from '../../support/plugin-kit/index.ts';

type Person = Awaited<ReturnType<typeof member>>;
let kit: PluginKit;
let cards: { number: string; code: string }[];
let holder: Person;
let lawyer: Person;
let otherLawyer: Person;
let coordinator: Person;
beforeAll(async () => {
  kit = await startLegalAidKit();
  const admin = await member(kit, 'alpha', '甲管理', ['city_admin']);
  cards = (await batch(kit, 'alpha', admin.id, { cardCount: 6 })).cards;
  holder = await member(kit, 'alpha', '黎阿公');
  expect((await holder.client.post(`${P}/activate`, cards[0]!)).status).toBe(303);
  lawyer = await member(kit, 'alpha', '陈律师', ['legal-aid-card.lawyer']);
  otherLawyer = await member(kit, 'alpha', '周律师', ['legal-aid-card.lawyer']);
  coordinator = await member(kit, 'alpha', '协调员', ['legal-aid-card.coordinator']);
});
afterAll(() => kit.close());

const question = { category: 'labour', description: '工地老板拖欠我三个月工资，共一万二千元。', preferred_contact: 'phone', contact_phone: '138 0000 1234', urgency: 'urgent' };
const questionRows = () => kit.inCity('alpha', (tx, t) => tx.select().from(legalAidConsultations).where(eq(legalAidConsultations.tenantId, t)));
const reads = async (id: string) => (await kit.auditEntries('alpha', 'legal-aid-card.consultation_read')).filter((e) => e.target === `legal-aid-card:consultation:${id}`);
const idOf = (res: Response) => res.headers.get('location')!.split('/').pop()!;

describe('free consultation', () => {
  let id: string;

  it('takes a holder’s question with the city’s urgent target, and refuses bad input beside the field', async () => {
    const bad = await holder.client.post(`${P}/consultations/new`, { ...question, contact_phone: '', description: ' ' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(fieldError(html, 'contact_phone')).toContain('手机号码');
    expect(fieldError(html, 'description')).toBeTruthy();
    expect(await questionRows()).toHaveLength(0);

    const res = await holder.client.post(`${P}/consultations/new`, question);
    expect(res.status).toBe(303);
    id = idOf(res);
    const [row] = await questionRows();
    expect(row).toMatchObject({ id, category: 'labour', contactPhone: '13800001234', urgency: 'urgent', status: 'waiting', lawyerUserId: null });
    // The default urgent target is 4 hours.
    expect(row!.dueAt.getTime() - row!.askedAt.getTime()).toBe(4 * 3600_000);
    expect(await mainOf(await holder.client.get(`${P}/consultations`))).toContain('劳动与欠薪');
  });

  it('refuses a resident without a card', async () => {
    const stranger = await member(kit, 'alpha', '无卡人');
    expect((await stranger.client.post(`${P}/consultations/new`, question)).status).toBe(400);
    expect((await stranger.client.get(`${P}/consultations/new`)).status).toBe(303);
    expect(await questionRows()).toHaveLength(1);
  });

  it('lists the question to lawyers without its content, and shows it only on an audited read', async () => {
    const queue = await mainOf(await lawyer.client.get(`${P}/queue`));
    expect(queue).toContain(`/consultations/${id}`);
    expect(queue).not.toContain('拖欠');
    expect(queue).not.toContain('13800001234');
    expect(await reads(id)).toHaveLength(0);
    const page = await mainOf(await lawyer.client.get(`${P}/consultations/${id}`));
    expect(page).toContain('拖欠我三个月工资');
    expect(page).toContain('13800001234');
    expect((await reads(id)).map((r) => r.actor)).toEqual([`user:${lawyer.id}`]);
  });

  it('keeps the question from people with no need to know', async () => {
    const neighbour = await member(kit, 'alpha', '邻居');
    expect((await neighbour.client.get(`${P}/consultations/${id}`)).status).toBe(403);
    expect((await neighbour.client.get(`${P}/queue`)).status).toBe(403);
    expect((await neighbour.client.post(`${P}/consultations/${id}/thread`, { body: '我来答' })).status).toBe(403);
    expect(await reads(id)).toHaveLength(1);
  });

  it('makes the question the answering lawyer’s; the holder reads the answer and follows up', async () => {
    const empty = await lawyer.client.post(`${P}/consultations/${id}/thread`, { body: '  ' });
    expect(empty.status).toBe(400);
    expect(fieldError(await empty.text(), 'body')).toBeTruthy();
    expect((await lawyer.client.post(`${P}/consultations/${id}/thread`, { body: '可以先向劳动监察大队投诉，并保留考勤和转账记录。' })).status).toBe(303);
    const [row] = await questionRows();
    expect(row).toMatchObject({ status: 'answered', lawyerUserId: lawyer.id });
    expect(row!.answeredAt).not.toBeNull();

    // Taken: the other lawyer neither sees it in the queue nor opens it.
    expect(await mainOf(await otherLawyer.client.get(`${P}/queue`))).not.toContain(id);
    expect((await otherLawyer.client.get(`${P}/consultations/${id}`)).status).toBe(403);
    expect((await otherLawyer.client.post(`${P}/consultations/${id}/thread`, { body: '补充' })).status).toBe(403);

    const thread = await mainOf(await holder.client.get(`${P}/consultations/${id}`));
    expect(thread).toContain('劳动监察大队');
    expect((await holder.client.post(`${P}/consultations/${id}/thread`, { body: '老板不承认怎么办？' })).status).toBe(303);
    expect((await questionRows())[0]!.status).toBe('waiting');
    expect(await mainOf(await lawyer.client.get(`${P}/queue`))).toContain(`/consultations/${id}`);
    // The coordinator reads it too; every read is one audit entry of its reader.
    expect((await coordinator.client.get(`${P}/consultations/${id}`)).status).toBe(200);
    expect((await reads(id)).map((r) => r.actor).sort()).toEqual([`user:${lawyer.id}`, `user:${holder.id}`, `user:${coordinator.id}`].sort());
  });

  it('alerts the coordinators once about a question past its target, without its content', async () => {
    const late = await member(kit, 'alpha', '迟到');
    const asked = await kit.work('alpha', async (w) => {
      await activateCard(w, late.id, { number: cards[1]!.number, code: cards[1]!.code, address: null }, new Date());
      return askQuestion(w, late.id, { category: 'family', description: '离婚后孩子抚养费', preferredContact: 'site', contactPhone: null, urgency: 'normal' }, { responseHours: 24, urgentResponseHours: 4 }, new Date());
    });
    if (!asked.ok) throw new Error('not asked');
    const now = Date.now();
    expect(await kit.work('alpha', (w) => alertOverdueQuestions(w, new Date(now + 23 * 3600_000)))).toBe(0);
    expect(await kit.work('alpha', (w) => alertOverdueQuestions(w, new Date(now + 25 * 3600_000)))).toBe(1);
    expect(await kit.work('alpha', (w) => alertOverdueQuestions(w, new Date(now + 26 * 3600_000)))).toBe(0);
    const alerts = await kit.auditEntries('alpha', 'legal-aid-card.consultation_overdue');
    expect(alerts.map((a) => a.target)).toEqual([`legal-aid-card:consultation:${asked.id}`]);
    expect(JSON.stringify(alerts)).not.toContain('抚养费');
    expect(await mainOf(await coordinator.client.get(`${P}/queue`))).toContain('已提醒协调员');
  });
});
