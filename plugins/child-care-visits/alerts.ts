import { eq } from 'drizzle-orm';
import { defineMessageKind, queueMessages, toLocalDateInput, type PluginContext } from '../../core/plugin-api.ts';
import { supervisorDistricts } from './schema.ts';
import { activeWithDueDates, addDays, type VisitRule } from './visits.ts';

/**
 * Overdue visits: the director hears of theirs at once, the district's
 * supervisors of those still overdue after the grace period. A message carries
 * a count and where to look, never a child's name or anything about them.
 */

export type AlertSettings = VisitRule & { graceDays: number };
type Count = { count: number };
const LIST = '/p/child-care-visits/';

export const overdueDirectorKind = defineMessageKind<Count>({
  id: 'child-care-visits.overdue',
  essential: true,
  sensitive: true,
  channels: ['email', 'sms'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? { subject: `【${city['zh-CN']}】您有 ${p.count} 次探访已逾期`, text: `您有 ${p.count} 次儿童探访已逾期。请登录${city['zh-CN']}网站，在“儿童探访”（${LIST}）查看清单。` }
      : { subject: `${city.en}: ${p.count} overdue visits`, text: `You have ${p.count} overdue child visits. Sign in to the ${city.en} site and open "Child visits" (${LIST}) for the list.` },
  sms: {
    template: 'child-care-visits.overdue',
    params: (p) => ({ count: String(p.count) }),
    text: (p, locale, city) => (locale === 'zh-CN' ? `【${city['zh-CN']}】您有${p.count}次儿童探访已逾期，请登录网站查看。` : `[${city.en}] You have ${p.count} overdue child visits; sign in to see the list.`),
  },
});

export const overdueSupervisorKind = defineMessageKind<Count>({
  id: 'child-care-visits.overdue-escalated',
  essential: true,
  sensitive: true,
  channels: ['email', 'sms'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? { subject: `【${city['zh-CN']}】您督导的乡镇有 ${p.count} 次探访逾期超过宽限期`, text: `您督导的乡镇（街道）有 ${p.count} 次儿童探访逾期超过宽限期。请登录${city['zh-CN']}网站，在“儿童督导”（${LIST}）查看。` }
      : { subject: `${city.en}: ${p.count} visits overdue past the grace period`, text: `${p.count} child visits in your townships are overdue past the grace period. Sign in to the ${city.en} site and open "Child supervision" (${LIST}).` },
  sms: {
    template: 'child-care-visits.overdue-escalated',
    params: (p) => ({ count: String(p.count) }),
    text: (p, locale, city) => (locale === 'zh-CN' ? `【${city['zh-CN']}】您督导的乡镇有${p.count}次儿童探访逾期超过宽限期，请登录网站查看。` : `[${city.en}] ${p.count} child visits in your townships are overdue past the grace period.`),
  },
});

const tally = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/** The daily run: once per person per day (the idempotency key carries the date), so a rerun sends nothing twice. */
export async function sendOverdueAlerts(ctx: PluginContext<AlertSettings>, now = new Date()): Promise<{ directors: number; supervisors: number }> {
  return ctx.work(async (w) => {
    const today = toLocalDateInput(now);
    const due = (await activeWithDueDates(w, ctx.settings, now)).filter((d) => d.overdue);
    const byDirector = new Map<string, number>();
    for (const d of due) tally(byDirector, d.child.directorId);
    const supervisors = await w.tx.select().from(supervisorDistricts).where(eq(supervisorDistricts.tenantId, w.tenantId));
    const bySupervisor = new Map<string, number>();
    for (const d of due.filter((x) => addDays(x.dueOn, ctx.settings.graceDays) < today)) {
      for (const s of supervisors.filter((s) => s.district === d.child.district)) tally(bySupervisor, s.userId);
    }
    const alerts = (counts: Map<string, number>, key: string) => [...counts].map(([userId, count]) => ({ to: { userId }, params: { count }, idempotencyKey: `child-care-visits:${key}:${userId}:${today}` }));
    await queueMessages(w.tx, w.tenantId, overdueDirectorKind, alerts(byDirector, 'overdue'));
    await queueMessages(w.tx, w.tenantId, overdueSupervisorKind, alerts(bySupervisor, 'overdue-escalated'));
    return { directors: byDirector.size, supervisors: bySupervisor.size };
  });
}
