import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertCoordinators } from '../../../plugins/legal-aid-card/alerts.ts';
import { legalAidApplications, legalAidCaseDeadlines } from '../../../plugins/legal-aid-card/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { fieldError, mainOf } from '../../support/plugin-kit/index.ts';
import { legalAidCardPlugin } from '../../../plugins/legal-aid-card/index.ts';
import { startPluginKit } from '../../support/plugin-kit/index.ts';
import { batch, member, P } from './fixtures.ts';

type Person = Awaited<ReturnType<typeof member>>;
let kit: PluginKit;
let applicant: Person;
let coordinator: Person;
/** Practises labour law in 嘉积镇. */
let near: Person;
/** Practises labour law elsewhere. */
let far: Person;
/** Practises family law only. */
let family: Person;
/** Practises labour law but declared the adverse party. */
let conflicted: Person;
const DAY = 24 * 3600_000;
const DISTRICTS = "嘉积镇|Jiaji; 博鳌镇|Bo'ao; 万泉镇|Wanquan";

beforeAll(async () => {
  kit = await startPluginKit(legalAidCardPlugin, { enabledIn: ['alpha'], settings: { districts: DISTRICTS } });
  const admin = await member(kit, 'alpha', '甲管理', ['city_admin']);
  const cards = (await batch(kit, 'alpha', admin.id, { cardCount: 3 })).cards;
  applicant = await member(kit, 'alpha', '符大姐');
  expect((await applicant.client.post(`${P}/activate`, cards[0]!)).status).toBe(303);
  coordinator = await member(kit, 'alpha', '协调员', ['legal-aid-card.coordinator']);
  far = await member(kit, 'alpha', '远律师', ['legal-aid-card.lawyer']);
  family = await member(kit, 'alpha', '家律师', ['legal-aid-card.lawyer']);
  conflicted = await member(kit, 'alpha', '冲突律师', ['legal-aid-card.lawyer']);
  near = await member(kit, 'alpha', '近律师', ['legal-aid-card.lawyer']);
}, 300_000);
afterAll(() => kit?.close());

const application = { category: 'labour', matter: '在椰林建筑公司工地打工半年，被拖欠工资两万元。', adverse_party: '椰林建筑有限公司', exempt_group: 'migrant_worker_wages', hardship_statement: '', commitment: '', emergency_ground: '', district: '嘉积镇' };
const caseRow = async (id: string) => (await kit.inCity('alpha', (tx, t) => tx.select().from(legalAidApplications).where(and(eq(legalAidApplications.tenantId, t), eq(legalAidApplications.id, id)))))[0]!;
const idOf = (res: Response) => res.headers.get('location')!.split('/').pop()!;
const apply = async () => {
  const res = await applicant.client.post(`${P}/aid/new`, application);
  expect(res.status).toBe(303);
  const id = idOf(res);
  expect((await coordinator.client.post(`${P}/cases/${id}/decision`, { decision: 'approve', reasons: '符合条件。' })).status).toBe(303);
  return id;
};

describe('volunteer lawyers’ practice areas and districts', () => {
  it('are declared by each lawyer on their profile page, refused beside the field when not on the lists', async () => {
    const form = await mainOf(await near.client.get(`${P}/profile`));
    expect(form).toContain('嘉积镇');
    expect(form).toContain('value="labour"');
    const bad = await near.client.post(`${P}/profile`, { areas: ['labour', 'astrology'], districts: ['嘉积镇'] });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'areas')).toBeTruthy();
    const badPlace = await near.client.post(`${P}/profile`, { areas: ['labour'], districts: ['火星镇'] });
    expect(badPlace.status).toBe(400);
    expect(fieldError(await badPlace.text(), 'districts')).toBeTruthy();
    for (const [who, areas, districts] of [[near, ['labour'], ['嘉积镇']], [far, ['labour', 'housing'], ['博鳌镇']], [family, ['family'], ['嘉积镇']], [conflicted, ['labour'], ['嘉积镇']]] as const) {
      expect((await who.client.post(`${P}/profile`, { areas: [...areas], districts: [...districts] })).status).toBe(303);
    }
    expect(await mainOf(await near.client.get(`${P}/profile`))).toMatch(/value="labour" checked/);
    expect((await conflicted.client.post(`${P}/conflicts`, { firm: '', parties: '椰林建筑公司' })).status).toBe(303);
    // A resident has no profile page.
    expect((await applicant.client.get(`${P}/profile`)).status).toBe(403);
  });

  it('rank the coordinator’s choice of lawyer by area then district, with why, leaving out the conflicted', async () => {
    const bad = await applicant.client.post(`${P}/aid/new`, { ...application, district: '火星镇' });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'district')).toBeTruthy();
    const id = await apply();
    expect((await caseRow(id)).district).toBe('嘉积镇');
    const page = await mainOf(await coordinator.client.get(`${P}/cases/${id}`));
    const order = [near, far, family].map((l) => page.indexOf(l.name));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(page).not.toContain(conflicted.name);
    const nearRow = page.slice(page.indexOf(near.name), page.indexOf(far.name));
    expect(nearRow).toContain('擅长此类');
    expect(nearRow).toContain('服务该镇');
    const farRow = page.slice(page.indexOf(far.name), page.indexOf(family.name));
    expect(farRow).toContain('擅长此类');
    expect(farRow).not.toContain('服务该镇');
  });
});

describe('an offered case', () => {
  let id: string;

  it('is offered by the coordinator and seen, as a summary, only by lawyers whose areas match and who have no conflict', async () => {
    id = await apply();
    expect((await near.client.post(`${P}/cases/${id}/offer`)).status).toBe(403);
    expect((await coordinator.client.post(`${P}/cases/${id}/offer`)).status).toBe(303);
    expect((await caseRow(id)).offeredAt).not.toBeNull();
    expect((await coordinator.client.post(`${P}/cases/${id}/offer`)).status).toBe(409);
    for (const who of [near, far]) {
      const offers = await mainOf(await who.client.get(`${P}/offers`));
      expect(offers, who.name).toContain(`${P}/offers/${id}/take`);
      expect(offers).toContain('嘉积镇');
      for (const secret of ['椰林', '两万元', '符大姐']) expect(offers).not.toContain(secret);
    }
    for (const who of [family, conflicted]) expect(await mainOf(await who.client.get(`${P}/offers`)), who.name).not.toContain(id);
    expect((await applicant.client.get(`${P}/offers`)).status).toBe(403);
  });

  it('goes to the first lawyer who takes it; the next is told it was taken, and the others may not', async () => {
    expect((await family.client.post(`${P}/offers/${id}/take`)).status).toBe(403);
    const refused = await conflicted.client.post(`${P}/offers/${id}/take`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('利益冲突');
    const first = await far.client.post(`${P}/offers/${id}/take`);
    expect(first.status).toBe(303);
    const second = await near.client.post(`${P}/offers/${id}/take`);
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('已经被其他律师承接');
    expect(await caseRow(id)).toMatchObject({ lawyerUserId: far.id, offeredAt: null, conflictClearedAt: null });
    // Taking is designation: the same audit entry, the summary until the conflict check is confirmed, the applicant told.
    const designated = (await kit.auditEntries('alpha', 'legal-aid-card.case_designated')).filter((e) => e.target === `legal-aid-card:case:${id}`);
    expect(designated.map((e) => e.actor)).toEqual([`user:${far.id}`]);
    const summary = await mainOf(await far.client.get(`${P}/cases/${id}`));
    expect(summary).toContain('确认与对方当事人没有利益冲突');
    expect(summary).not.toContain('椰林');
    const [notice] = (await kit.messagesTo(applicant.email)).filter((m) => m.kind === 'legal-aid-card.case-designated');
    expect(notice).toMatchObject({ sensitive: true });
    for (const secret of ['椰林', '远律师', '工资']) expect(notice!.text).not.toContain(secret);
    expect(await mainOf(await near.client.get(`${P}/offers`))).not.toContain(id);
  });

  it('can be withdrawn, and is then no lawyer’s to take', async () => {
    const other = await apply();
    expect((await coordinator.client.post(`${P}/cases/${other}/offer`)).status).toBe(303);
    expect((await coordinator.client.post(`${P}/cases/${other}/withdraw-offer`)).status).toBe(303);
    expect((await caseRow(other)).offeredAt).toBeNull();
    expect(await mainOf(await near.client.get(`${P}/offers`))).not.toContain(other);
    expect((await near.client.post(`${P}/offers/${other}/take`)).status).toBe(409);
    expect((await caseRow(other)).lawyerUserId).toBeNull();
    expect((await kit.auditEntries('alpha', 'legal-aid-card.case_offer_withdrawn')).map((e) => e.target)).toEqual([`legal-aid-card:case:${other}`]);
  });

  it('is refused to offer when no lawyer practises its area', async () => {
    const res = await applicant.client.post(`${P}/aid/new`, { ...application, category: 'consumer' });
    const other = idOf(res);
    expect((await coordinator.client.post(`${P}/cases/${other}/decision`, { decision: 'approve', reasons: '符合条件。' })).status).toBe(303);
    const refused = await coordinator.client.post(`${P}/cases/${other}/offer`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('还没有擅长这类事项');
    expect((await caseRow(other)).offeredAt).toBeNull();
  });

  describe('deadlines', () => {
    it('are kept by the lawyer after clearing conflicts; the applicant sees the hearings', async () => {
      expect((await far.client.post(`${P}/cases/${id}/deadlines`, { kind: 'hearing', due_at: '2030-01-01T09:00', title: '开庭' })).status).toBe(403);
      expect((await far.client.post(`${P}/cases/${id}/no-conflict`)).status).toBe(303);
      const bad = await far.client.post(`${P}/cases/${id}/deadlines`, { kind: 'hearing', due_at: '明天', title: '开庭' });
      expect(bad.status).toBe(400);
      expect(fieldError(await bad.text(), 'due_at')).toBeTruthy();
      const soon = new Date(Date.now() + 2 * DAY);
      const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
      expect((await far.client.post(`${P}/cases/${id}/deadlines`, { kind: 'hearing', due_at: local(soon), title: '劳动仲裁开庭' })).status).toBe(303);
      expect((await far.client.post(`${P}/cases/${id}/deadlines`, { kind: 'filing', due_at: local(new Date(Date.now() + 20 * DAY)), title: '提交证据清单' })).status).toBe(303);
      expect((await coordinator.client.post(`${P}/cases/${id}/deadlines`, { kind: 'task', due_at: local(new Date(Date.now() + 30 * DAY)), title: '回访申请人' })).status).toBe(303);
      const mine = await mainOf(await far.client.get(`${P}/cases`));
      expect(mine).toContain('劳动仲裁开庭');
      expect(mine).toContain('提交证据清单');
      const seen = await mainOf(await applicant.client.get(`${P}/cases/${id}`));
      expect(seen).toContain('劳动仲裁开庭');
      expect(seen).not.toContain('提交证据清单');
      expect(seen).not.toContain('回访申请人');
      expect((await applicant.client.post(`${P}/cases/${id}/deadlines`, { kind: 'hearing', due_at: local(soon), title: '我自己加' })).status).toBe(403);
      expect((await kit.auditEntries('alpha', 'legal-aid-card.case_deadline_added')).filter((e) => e.target === `legal-aid-card:case:${id}`)).toHaveLength(3);
    });

    it('warn the lawyer and the coordinators of those due soon and overdue, counts and a link only, once', async () => {
      const run = (now: Date) => kit.asJob('alpha', (ctx) => alertCoordinators(ctx, now));
      expect(await run(new Date())).toMatchObject({ deadlinesSoon: 1, deadlinesOverdue: 0 });
      expect(await run(new Date(Date.now() + 60_000))).toMatchObject({ deadlinesSoon: 0, deadlinesOverdue: 0 });
      const [toLawyer] = (await kit.messagesTo(far.email)).filter((m) => m.kind === 'legal-aid-card.case-deadlines');
      expect(toLawyer!.text).toContain('/p/legal-aid-card/cases');
      for (const secret of ['劳动仲裁开庭', '椰林', '符大姐', id]) expect(toLawyer!.text).not.toContain(secret);
      expect((await kit.messagesTo(coordinator.email)).filter((m) => m.kind === 'legal-aid-card.case-deadlines')).toHaveLength(1);
      expect((await kit.messagesTo(near.email)).filter((m) => m.kind === 'legal-aid-card.case-deadlines')).toHaveLength(0);
      expect(await run(new Date(Date.now() + 3 * DAY))).toMatchObject({ deadlinesOverdue: 1 });
    });

    it('are marked done, once', async () => {
      const [hearing] = await kit.inCity('alpha', (tx, t) => tx.select().from(legalAidCaseDeadlines).where(and(eq(legalAidCaseDeadlines.tenantId, t), eq(legalAidCaseDeadlines.applicationId, id), eq(legalAidCaseDeadlines.kind, 'hearing'))));
      expect((await near.client.post(`${P}/cases/${id}/deadlines/${hearing!.id}/done`)).status).toBe(403);
      expect((await far.client.post(`${P}/cases/${id}/deadlines/${hearing!.id}/done`)).status).toBe(303);
      expect((await far.client.post(`${P}/cases/${id}/deadlines/${hearing!.id}/done`)).status).toBe(303);
      expect((await kit.auditEntries('alpha', 'legal-aid-card.case_deadline_done'))).toHaveLength(1);
      expect(await mainOf(await far.client.get(`${P}/cases`))).not.toContain('劳动仲裁开庭');
    });
  });
});

describe('the consultation queue', () => {
  it('shows a lawyer the questions in their areas first, marked', async () => {
    for (const category of ['housing', 'family', 'labour']) {
      expect((await applicant.client.post(`${P}/consultations/new`, { category, description: '请问怎么办？', preferred_contact: 'site', contact_phone: '', urgency: 'normal', district: '万泉镇' })).status).toBe(303);
    }
    const queue = await mainOf(await family.client.get(`${P}/queue`));
    const waiting = queue.slice(0, queue.indexOf('<h2', queue.indexOf('<h2') + 1));
    expect(waiting.indexOf('婚姻家庭')).toBeGreaterThan(0);
    expect(waiting.indexOf('婚姻家庭')).toBeLessThan(waiting.indexOf('房产与物业'));
    expect(queue).toContain('我擅长');
    expect(queue).toContain('万泉镇');
  });
});
