import { and, count, eq, isNull } from 'drizzle-orm';
import { type CityWork, type PluginContext, toLocalDateInput } from '../../core/plugin-api.ts';
import { activateCard } from './activation.ts';
import type { Deadlines } from './applications.ts';
import { createBatch } from './batches.ts';
import { addToThread, alertOverdueQuestions, askQuestion, type Question } from './consultations.ts';
import { publishLesson, recordAttendance } from './lessons.ts';
import { legalAidBatches } from './schema.ts';
import { seedCase } from './seed-case.ts';
import { seedHours } from './seed-hours.ts';
import { seedMatching } from './seed-matching.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const TARGETS = { responseHours: 24, urgentResponseHours: 4 };

/** Demo data through the same services the pages use: the cards and questions, a case, the lawyer's verified hours; each part once. */
export function seedLegalAidCard(city: PluginContext): Promise<void> {
  const now = new Date();
  return city.work(async (w) => {
    await seedCards(w, now);
    await tieDemoBatch(w);
    await seedCase(w, city.settings as Deadlines, now, city.city.siteUrl);
    await seedMatching(w, city.settings as Deadlines, now, city.city.siteUrl);
    await seedHours(w, city.city.locale, now);
  });
}

const DEMO_SPONSOR = '海南法治公益基金会';

/**
 * The demo batch belongs to the foundation sponsoring the plugin here (the demo foundation):
 * at the start that seeded it, the platform's accounts may not exist yet, so every start ties it once they do.
 */
async function tieDemoBatch(w: CityWork): Promise<void> {
  const [donor] = await w.sponsors();
  if (!donor) return;
  await w.tx
    .update(legalAidBatches)
    .set({ foundationId: donor.id })
    .where(and(eq(legalAidBatches.tenantId, w.tenantId), isNull(legalAidBatches.foundationId), eq(legalAidBatches.sponsor, DEMO_SPONSOR)));
}

/**
 * A batch donated by a foundation, three volunteers holding its cards (the demo
 * volunteer first), questions at every stage (answered and followed up, answered,
 * waiting, overdue), an article and a talk with its attendance. Skipped when the
 * city has a batch.
 */
async function seedCards(w: CityWork, now: Date): Promise<void> {
  const { tx, tenantId } = w;
  const [seeded] = await tx.select({ n: count() }).from(legalAidBatches).where(eq(legalAidBatches.tenantId, tenantId));
  if ((seeded?.n ?? 0) > 0) return;
  const [admin] = await w.people.withRole('city_admin');
  if (!admin) return;
  const year = Number(toLocalDateInput(now).slice(0, 4));
  const [donor] = await w.sponsors();
  const batch = await createBatch(w, admin.id, { foundationId: donor?.id ?? null, sponsor: DEMO_SPONSOR, cardCount: 50, validFrom: `${year - 1}-01-01`, validUntil: `${year + 3}-12-31` });
  if (!batch.ok) return;

  const holders: string[] = [];
  for (const volunteer of (await w.people.withRole('volunteer')).slice(0, 3)) {
    const card = batch.cards[holders.length]!;
    if ((await activateCard(w, volunteer.id, { number: card.number, code: card.code, address: null }, now)).ok) holders.push(volunteer.id);
  }
  const [lawyer] = await w.people.withRole('legal-aid-card.lawyer');
  const [coordinator] = await w.people.withRole('legal-aid-card.coordinator');
  const ask = async (holder: string | undefined, question: Question, daysAgo: number) => {
    if (!holder) return null;
    const asked = await askQuestion(w, holder, question, TARGETS, new Date(now.getTime() - daysAgo * DAY_MS));
    return asked.ok ? asked.id : null;
  };
  const lawyerViewer = lawyer && { id: lawyer.id, can: (permission: string) => permission === 'legal-aid-card.answer' };
  const holderViewer = (id: string) => ({ id, can: () => false });

  const wages = await ask(holders[0], { category: 'labour', description: '我在工地干了三个月，老板一直拖着不发工资，一共一万二千元。应该怎么要回来？', preferredContact: 'site', contactPhone: null, urgency: 'normal' }, 3);
  if (wages && lawyerViewer) {
    await addToThread(w, lawyerViewer, wages, '可以先向当地劳动保障监察大队投诉，也可以申请劳动仲裁（免费）。请保留考勤记录、工友证言和转账记录。被拖欠劳动报酬的进城务工人员申请法律援助免予核查经济困难状况。', new Date(now.getTime() - 2.5 * DAY_MS));
    await addToThread(w, holderViewer(holders[0]!), wages, '老板说没有签合同就不算数，是这样吗？', new Date(now.getTime() - 2 * DAY_MS));
    await addToThread(w, lawyerViewer, wages, '不是。没有书面合同也可以用工资条、聊天记录和工友证言证明劳动关系。', new Date(now.getTime() - 1.8 * DAY_MS));
  }
  const support = await ask(holders[1], { category: 'elder', description: '子女不给赡养费，我今年七十八岁，一个人住，能不能起诉？', preferredContact: 'phone', contactPhone: '13800000000', urgency: 'normal' }, 2);
  if (support && lawyerViewer) await addToThread(w, lawyerViewer, support, '可以。老年人可以向法院起诉要求子女支付赡养费，我会按您留的电话联系您，详细说明需要准备的材料。', new Date(now.getTime() - 1.5 * DAY_MS));
  await ask(holders[2], { category: 'housing', description: '物业公司停了我家的水，说是欠了物业费，这样合法吗？', preferredContact: 'site', contactPhone: null, urgency: 'urgent' }, 0);
  await ask(holders[0], { category: 'family', description: '离婚时孩子归我，对方一直不付抚养费，怎么办？', preferredContact: 'site', contactPhone: null, urgency: 'normal' }, 2);
  await alertOverdueQuestions(w, now);

  const publisher = coordinator?.id ?? admin.id;
  await publishLesson(w, publisher, { kind: 'article', category: 'labour', title: '被拖欠工资怎么办？三步要回血汗钱', body: '第一步，收集证据：考勤、工资条、聊天记录、工友证言。\n第二步，投诉或申请劳动仲裁，仲裁不收费。\n第三步，符合条件的可以申请法律援助，进城务工人员追讨劳动报酬免予核查经济困难状况。', startsAt: null, place: null });
  const talk = await publishLesson(w, publisher, { kind: 'session', category: 'elder', title: '防范养老诈骗法治讲座', body: '志愿律师讲解“保健品”“以房养老”等常见骗局，现场答疑。', startsAt: new Date(now.getTime() - 7 * DAY_MS), place: '嘉积镇社区活动室' });
  await recordAttendance(w, talk, publisher, 46);
}
