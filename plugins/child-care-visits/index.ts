import { z } from 'zod';
import { definePlugin } from '../../core/plugin-api.ts';
import { MAY_CONFIGURE, MAY_SUPERVISE, MAY_VISIT } from './access.ts';
import { sendOverdueAlerts } from './alerts.ts';
import { eraseExpired } from './retention.ts';
import { routes } from './routes.tsx';
import { seedChildCareVisits } from './seed.ts';

const days = (fallback: number) => z.number().int().min(1).max(366).default(fallback);

/** The city's visit rule: days between visits per risk level (the city's own numbers; no national rule fixes them). */
export const childCareSettings = z.object({
  highRiskDays: days(14),
  mediumRiskDays: days(30),
  lowRiskDays: days(90),
  /** Days a visit may stay overdue before the supervisor is told too. */
  graceDays: z.number().int().min(0).max(90).default(7),
  /** Days a closed case is kept before its personal data is erased (the city's own period; no national number fixes it). */
  retentionDays: z.number().int().min(1).max(3650).default(365),
});

/**
 * Children in difficulty (困境儿童) and the child directors' visits: a register
 * with the guardian's consent, need-to-know access decided in one place with a
 * hash-chained access log, and visits due by the city's rule per risk level.
 */
export const childCareVisitsPlugin = definePlugin({
  id: 'child-care-visits',
  version: '1.0.0',
  name: { 'zh-CN': '困境儿童探访', en: 'Child-care visits' },
  description: {
    'zh-CN': '儿童主任按风险等级定期探访困境儿童：监护人同意后登记，按需知悉查看，每次查看都记入链式访问记录。',
    en: 'Child directors visit children in difficulty on a schedule by risk level: registered with the guardian’s consent, seen on a need-to-know basis, every read in a hash-chained access log.',
  },
  settings: childCareSettings,
  settingsLabels: {
    highRiskDays: { 'zh-CN': '高风险儿童探访间隔（天）', en: 'Days between visits, high risk' },
    mediumRiskDays: { 'zh-CN': '中风险儿童探访间隔（天）', en: 'Days between visits, medium risk' },
    lowRiskDays: { 'zh-CN': '低风险儿童探访间隔（天）', en: 'Days between visits, low risk' },
    graceDays: { 'zh-CN': '逾期多少天后通知督导社工', en: 'Days overdue before the supervisor is told' },
    retentionDays: { 'zh-CN': '结案后保留多少天再删除个人信息', en: 'Days a closed case is kept before its personal data is erased' },
  },
  roles: {
    'child-care-visits.director': { 'zh-CN': '儿童主任', en: 'Child director' },
    'child-care-visits.supervisor': { 'zh-CN': '督导社工', en: 'Supervising social worker' },
  },
  permissions: {
    [MAY_VISIT]: ['child-care-visits.director'],
    [MAY_SUPERVISE]: ['child-care-visits.supervisor'],
    [MAY_CONFIGURE]: ['city_admin'],
  },
  routes,
  // Daily at 08:00 China time, when directors start their day.
  jobs: [
    { id: 'overdue-alerts', cron: '0 8 * * *', run: async (ctx) => void (await sendOverdueAlerts(ctx)) },
    // Nightly, when nobody is visiting: erases closed cases past the city's retention period.
    { id: 'retention', cron: '30 2 * * *', run: (ctx) => ctx.work(async (w) => void (await eraseExpired(w, ctx.settings.retentionDays))) },
  ],
  routeIds: {
    'children/:id': 'child-care-visits.child',
    'wishes/:id': 'child-care-visits.wish',
    'applicants/:id': 'child-care-visits.caring-parent',
    'pairings/:id': 'child-care-visits.pairing',
    'contacts/:id': 'child-care-visits.contact',
  },
  seed: seedChildCareVisits,
  nav: [
    { path: '/', label: { 'zh-CN': '儿童探访', en: 'Child visits' }, permission: MAY_VISIT },
    { path: '/', label: { 'zh-CN': '儿童督导', en: 'Child supervision' }, permission: MAY_SUPERVISE },
    { path: '/dashboard', label: { 'zh-CN': '探访及时率', en: 'Visit timeliness' }, permission: MAY_SUPERVISE },
    { path: '/dashboard', label: { 'zh-CN': '儿童探访及时率', en: 'Child visit timeliness' }, permission: MAY_CONFIGURE, group: 'admin' },
    { path: '/wishes', label: { 'zh-CN': '微心愿', en: 'Micro-wishes' } },
    { path: '/caring', label: { 'zh-CN': '爱心家长', en: 'Caring parents' } },
    { path: '/supervisors', label: { 'zh-CN': '儿童督导分区', en: 'Child supervisors' }, permission: MAY_CONFIGURE, group: 'admin' },
  ],
});
