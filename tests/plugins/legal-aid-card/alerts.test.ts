import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertCoordinators } from '../../../plugins/legal-aid-card/alerts.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { batch, member, P, startLegalAidKit } from './fixtures.ts';

type Person = Awaited<ReturnType<typeof member>>;
let kit: PluginKit;
let coordinator: Person;
let lawyer: Person;
const DAY = 24 * 3600_000;
beforeAll(async () => {
  kit = await startLegalAidKit();
  const admin = await member(kit, 'alpha', '甲管理', ['city_admin']);
  const cards = (await batch(kit, 'alpha', admin.id, { cardCount: 2 })).cards;
  const holder = await member(kit, 'alpha', '吴阿婆');
  expect((await holder.client.post(`${P}/activate`, cards[0]!)).status).toBe(303);
  coordinator = await member(kit, 'alpha', '协调员', ['legal-aid-card.coordinator']);
  lawyer = await member(kit, 'alpha', '林律师', ['legal-aid-card.lawyer']);
  const question = { category: 'housing', description: '房东扣押押金三千元不退。', preferred_contact: 'site', contact_phone: '', urgency: 'normal' };
  expect((await holder.client.post(`${P}/consultations/new`, question)).status).toBe(303);
  const application = { category: 'labour', matter: '被拖欠工资两万元。', adverse_party: '椰林建筑有限公司', exempt_group: '', hardship_statement: '月收入约一千五百元。', commitment: 'yes', emergency_ground: '' };
  expect((await holder.client.post(`${P}/aid/new`, application)).status).toBe(303);
});
afterAll(() => kit.close());

const runAt = (now: Date) => kit.asJob('alpha', (ctx) => alertCoordinators(ctx, now));

describe('deadline alerts to coordinators', () => {
  it('send each coordinator the counts and links, nothing about the case, once', async () => {
    expect(await kit.messagesTo(coordinator.email)).toEqual([]);
    // Past both the question's answer target and the application's decision deadline.
    expect(await runAt(new Date(Date.now() + 30 * DAY))).toEqual({ questions: 1, decisions: 1, designations: 0, deadlinesSoon: 0, deadlinesOverdue: 0 });
    const [message, ...more] = await kit.messagesTo(coordinator.email);
    expect(more).toEqual([]);
    expect(message).toMatchObject({ kind: 'legal-aid-card.deadlines', sensitive: true });
    expect(message!.text).toContain('法律咨询超过答复时限 1 个');
    expect(message!.text).toContain('超过决定期限 1 件');
    expect(message!.text).toContain('http://alpha.localhost');
    expect(message!.text).toContain('/p/legal-aid-card/queue');
    for (const detail of ['吴阿婆', '房东', '押金', '椰林', '工资']) expect(message!.text).not.toContain(detail);
    // A lawyer is not a coordinator: no message.
    expect(await kit.messagesTo(lawyer.email)).toEqual([]);

    // Each passes its deadline once: a later run sends nothing more.
    expect(await runAt(new Date(Date.now() + 31 * DAY))).toEqual({ questions: 0, decisions: 0, designations: 0, deadlinesSoon: 0, deadlinesOverdue: 0 });
    expect(await kit.messagesTo(coordinator.email)).toHaveLength(1);
  });
});
