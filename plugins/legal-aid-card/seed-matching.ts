import { and, eq, sql } from 'drizzle-orm';
import type { CityWork } from '../../core/plugin-api.ts';
import { MAY_ANSWER, MAY_COORDINATE, type Viewer } from './access.ts';
import { applyForAid, confirmNoConflict, decideCase, type Deadlines, designateLawyer } from './applications.ts';
import { addDeadline } from './case-deadlines.ts';
import { activeCardOf } from './cards.ts';
import { savePractice } from './conflicts.ts';
import { offerCase } from './offers.ts';
import { legalAidLawyerConflicts } from './schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The demo lawyer's practice areas and districts, a case offered to matching lawyers
 * (an older holder's claim for support), and an open case of the demo volunteer
 * designated to the demo lawyer with a hearing and a filing deadline. Runs once:
 * skipped when the demo lawyer has declared practice areas.
 */
export async function seedMatching(w: CityWork, deadlines: Deadlines, now: Date, siteUrl: string): Promise<void> {
  const [lawyer] = await w.people.withRole('legal-aid-card.lawyer');
  const [coordinator] = await w.people.withRole('legal-aid-card.coordinator');
  if (!lawyer || !coordinator) return;
  const [declared] = await w.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(legalAidLawyerConflicts)
    .where(and(eq(legalAidLawyerConflicts.tenantId, w.tenantId), eq(legalAidLawyerConflicts.userId, lawyer.id), sql`cardinality(${legalAidLawyerConflicts.areas}) > 0`));
  if ((declared?.n ?? 0) > 0) return;
  await savePractice(w, lawyer.id, { areas: ['labour', 'family', 'elder'], districts: ['嘉积镇', '博鳌镇'] });

  const holders: string[] = [];
  for (const volunteer of await w.people.withRole('volunteer')) if (await activeCardOf(w, volunteer.id)) holders.push(volunteer.id);
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const boss: Viewer = { id: coordinator.id, can: (p) => p === MAY_COORDINATE };
  const counsel: Viewer = { id: lawyer.id, can: (p) => p === MAY_ANSWER };

  if (holders[1]) {
    const offered = await applyForAid(w, holders[1], {
      category: 'elder',
      matter: '今年七十八岁，独自居住，三个子女都不支付赡养费，请求法律援助起诉要求支付赡养费。',
      adverseParty: '申请人的长子（演示）',
      exemptGroup: 'dependent_without_income',
      hardshipStatement: null,
      emergencyGround: null,
      district: '万泉镇',
    }, deadlines, ago(3));
    if (offered.ok) {
      await decideCase(w, boss, offered.id, { approve: true, reasons: '申请人为无固定生活来源的老年人，免予核查经济困难状况，追索赡养费属于法律援助事项范围，决定给予法律援助。' }, deadlines, ago(1));
      await offerCase(w, boss, offered.id, ago(1));
    }
  }
  if (holders[0]) {
    const open = await applyForAid(w, holders[0], {
      category: 'family',
      matter: '离婚后孩子由我抚养，对方两年未付抚养费，请求法律援助起诉追索抚养费。',
      adverseParty: '申请人的前配偶（演示）',
      exemptGroup: null,
      hardshipStatement: '打零工，月收入约两千元，独自抚养一个孩子。',
      emergencyGround: null,
      district: '嘉积镇',
    }, deadlines, ago(10));
    if (open.ok) {
      await decideCase(w, boss, open.id, { approve: true, reasons: '申请人如实说明经济困难并作出承诺，追索抚养费属于法律援助事项范围，决定给予法律援助。' }, deadlines, ago(8));
      await designateLawyer(w, boss, open.id, lawyer.id, ago(7), siteUrl);
      await confirmNoConflict(w, counsel, open.id, ago(7));
      await addDeadline(w, counsel, open.id, { kind: 'filing', dueAt: new Date(now.getTime() + 2 * DAY_MS), title: '向法院提交起诉状' }, ago(6));
      await addDeadline(w, counsel, open.id, { kind: 'hearing', dueAt: new Date(now.getTime() + 20 * DAY_MS), title: '抚养费纠纷开庭' }, ago(6));
    }
  }
}
