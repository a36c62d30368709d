import { count, eq } from 'drizzle-orm';
import type { CityWork } from '../../core/plugin-api.ts';
import { MAY_ANSWER, MAY_COORDINATE, type Viewer } from './access.ts';
import { addCaseNote, applyForAid, closeCase, confirmNoConflict, decideCase, type Deadlines, designateLawyer } from './applications.ts';
import { activeCardOf } from './cards.ts';
import { legalAidApplications } from './schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A demo legal-aid case through to closing, by the first card holder among the
 * volunteers: applied for as a migrant worker owed wages (an exempt group), approved
 * in writing by the demo coordinator, designated to the demo lawyer, who clears the
 * conflict check, notes the work and closes it as mediated. Runs once: skipped when
 * the city has an application.
 */
export async function seedCase(w: CityWork, deadlines: Deadlines, now: Date, siteUrl: string): Promise<void> {
  const [{ n }] = (await w.tx.select({ n: count() }).from(legalAidApplications).where(eq(legalAidApplications.tenantId, w.tenantId))) as [{ n: number }];
  if (n > 0) return;
  const [lawyer] = await w.people.withRole('legal-aid-card.lawyer');
  const [coordinator] = await w.people.withRole('legal-aid-card.coordinator');
  let applicant: string | null = null;
  for (const volunteer of await w.people.withRole('volunteer')) {
    if (await activeCardOf(w, volunteer.id)) {
      applicant = volunteer.id;
      break;
    }
  }
  if (!lawyer || !coordinator || !applicant) return;

  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const boss: Viewer = { id: coordinator.id, can: (p) => p === MAY_COORDINATE };
  const counsel: Viewer = { id: lawyer.id, can: (p) => p === MAY_ANSWER };
  const applied = await applyForAid(w, applicant, {
    category: 'labour',
    matter: '在琼海某工地务工三个月，包工头拖欠工资一万二千元，多次催要未果，请求法律援助追讨劳动报酬。',
    adverseParty: '琼海演示建筑劳务有限公司',
    exemptGroup: 'migrant_worker_wages',
    hardshipStatement: null,
    emergencyGround: null,
  }, deadlines, ago(20));
  if (!applied.ok) return;
  const id = applied.id;
  await decideCase(w, boss, id, { approve: true, reasons: '申请人为追索劳动报酬的进城务工人员，属于免予核查经济困难状况的情形，事项属于法律援助范围，决定给予法律援助。' }, deadlines, ago(18));
  await designateLawyer(w, boss, id, lawyer.id, ago(17), siteUrl);
  await confirmNoConflict(w, counsel, id, ago(17));
  await addCaseNote(w, counsel, id, '已向劳动保障监察大队提交投诉材料，约定下周与公司负责人调解。', ago(12));
  await addCaseNote(w, counsel, id, '调解达成协议：公司分两期支付全部欠薪，第一期已到账。', ago(3));
  await closeCase(w, counsel, id, { outcome: 'mediated', referredTo: null }, ago(2));
}
