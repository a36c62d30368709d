import { z } from 'zod';
import { definePlugin } from '../../core/plugin-api.ts';
import { MAY_ANSWER, MAY_COORDINATE, MAY_MANAGE_BATCHES } from './access.ts';
import { alertCoordinators } from './alerts.ts';
import { CARD_UNIT } from './card-ledger.ts';
import { sponsorReport } from './report.ts';
import { reportTable } from './report-table.ts';
import { routes } from './routes.tsx';
import { seedLegalAidCard } from './seed.ts';

/** Per-city settings: the response-time targets of free consultation, in whole hours. */
export const legalAidCardSettings = z.object({
  responseHours: z.number().int().min(1).max(720).default(24),
  urgentResponseHours: z.number().int().min(1).max(720).default(4),
  /** Legal Aid Law Art. 43: decide within 7 days of the application, designate within 3 days of approval. */
  decisionDays: z.number().int().min(1).max(60).default(7),
  designationDays: z.number().int().min(1).max(60).default(3),
  /** How the normal answer target counts: whole hours, or working days (Mon–Fri, holidays and make-up days below). */
  responseTargetMode: z.enum(['hours', 'working_days']).default('hours'),
  responseWorkingDays: z.number().int().min(1).max(30).default(1),
  /** Public holidays and the weekend days worked instead (调休), `YYYY-MM-DD`, as the State Council announces them each year. */
  holidays: z.string().max(2000).default(''),
  makeUpWorkdays: z.string().max(1000).default(''),
  /** The districts lawyers serve and applicants live in, `中文|English` pairs separated by `;` (districts.ts). */
  districts: z.string().max(2000).default(''),
  /** Case deadlines due within this many days are announced to the lawyer and the coordinators. */
  deadlineWarningDays: z.number().int().min(1).max(30).default(3),
});
export type LegalAidCardSettings = z.output<typeof legalAidCardSettings>;

/**
 * The legal-aid card (法治保障卡): batches of cards a foundation donates to the
 * city, printed once with their activation codes, activated by residents under
 * their real name, suspended by batch and replaced when lost; holders ask volunteer
 * lawyers for free consultation within the city's response-time target.
 */
export const legalAidCardPlugin = definePlugin({
  id: 'legal-aid-card',
  version: '1.0.0',
  name: { 'zh-CN': '法治保障卡', en: 'Legal-aid card' },
  description: {
    'zh-CN': '基金会捐赠的法治保障卡：按批次制卡和打印，居民实名激活，持卡享受免费法律咨询、法治宣传教育和优先法律援助。',
    en: 'Legal-aid cards donated by a foundation: made and printed by batch, activated by residents under their real name, giving free legal consultation, legal education and priority legal aid.',
  },
  settings: legalAidCardSettings,
  settingsLabels: {
    responseHours: { 'zh-CN': '法律咨询答复时限（小时）', en: 'Consultation answer target (hours)' },
    urgentResponseHours: { 'zh-CN': '紧急咨询答复时限（小时）', en: 'Urgent consultation answer target (hours)' },
    decisionDays: { 'zh-CN': '法律援助申请决定期限（日，法律援助法第四十三条为七日）', en: 'Days to decide an aid application (Legal Aid Law Art. 43: 7)' },
    designationDays: { 'zh-CN': '决定后指派律师期限（日，第四十三条为三日）', en: 'Days to designate a lawyer after approval (Art. 43: 3)' },
    responseTargetMode: { 'zh-CN': '普通咨询答复时限的计算方式', en: 'How the consultation answer target counts' },
    responseWorkingDays: { 'zh-CN': '按工作日计算时的答复时限（工作日）', en: 'Answer target in working days (when counted in working days)' },
    holidays: { 'zh-CN': '法定节假日（YYYY-MM-DD，逗号分隔）', en: 'Public holidays (YYYY-MM-DD, comma-separated)' },
    makeUpWorkdays: { 'zh-CN': '调休上班的周末（YYYY-MM-DD，逗号分隔）', en: 'Weekend days worked instead (YYYY-MM-DD, comma-separated)' },
    districts: { 'zh-CN': '服务区域（镇街），格式“中文|English”，用分号分隔', en: 'Districts served, as “中文|English” pairs separated by semicolons' },
    deadlineWarningDays: { 'zh-CN': '案件期限提前提醒天数', en: 'Warn of case deadlines this many days ahead' },
  },
  settingsOptionLabels: {
    responseTargetMode: {
      hours: { 'zh-CN': '按小时', en: 'In hours' },
      working_days: { 'zh-CN': '按工作日（周一至周五，除去节假日，含调休上班日）', en: 'In working days (Mon–Fri, less holidays, plus make-up days)' },
    },
  },
  roles: {
    'legal-aid-card.lawyer': { 'zh-CN': '志愿律师', en: 'Volunteer lawyer' },
    'legal-aid-card.coordinator': { 'zh-CN': '法律援助协调员', en: 'Legal-aid coordinator' },
  },
  permissions: {
    [MAY_MANAGE_BATCHES]: ['city_admin'],
    [MAY_ANSWER]: ['legal-aid-card.lawyer'],
    [MAY_COORDINATE]: ['city_admin', 'legal-aid-card.coordinator'],
  },
  // Cards issued, so the sponsor report's issuance points to the public ledger (card-ledger.ts).
  ledgerUnits: [CARD_UNIT],
  ledgerUnitLabels: { [CARD_UNIT]: { 'zh-CN': '张法治保障卡', en: 'legal-aid cards' } },
  routes,
  routeIds: {
    'batches/:id': 'legal-aid-card.batch',
    'consultations/:id': 'legal-aid-card.consultation',
    'learn/:id': 'legal-aid-card.session',
    'cases/:id': 'legal-aid-card.case',
    'offers/:id': 'legal-aid-card.case',
    'deadlines/:deadlineId': 'legal-aid-card.deadline',
    'hours/:id': 'legal-aid-card.hours',
  },
  nav: [
    { path: '/', label: { 'zh-CN': '法治保障卡', en: 'Legal-aid card' } },
    { path: '/learn', label: { 'zh-CN': '普法教育', en: 'Legal education' } },
    { path: '/queue', label: { 'zh-CN': '法律咨询队列', en: 'Consultation queue' }, permission: MAY_ANSWER },
    { path: '/queue', label: { 'zh-CN': '法律咨询队列', en: 'Consultation queue' }, permission: MAY_COORDINATE, group: 'admin' },
    { path: '/aid', label: { 'zh-CN': '法律援助申请', en: 'Legal-aid applications' } },
    { path: '/cases', label: { 'zh-CN': '法律援助案件', en: 'Legal-aid cases' }, permission: MAY_ANSWER },
    { path: '/cases', label: { 'zh-CN': '法律援助案件', en: 'Legal-aid cases' }, permission: MAY_COORDINATE, group: 'admin' },
    { path: '/offers', label: { 'zh-CN': '可承接的案件', en: 'Cases to take' }, permission: MAY_ANSWER },
    { path: '/hours', label: { 'zh-CN': '我的服务时长', en: 'My volunteer hours' }, permission: MAY_ANSWER },
    { path: '/hours', label: { 'zh-CN': '律师服务时长核实', en: 'Lawyers’ hours to verify' }, permission: MAY_COORDINATE, group: 'admin' },
    { path: '/batches', label: { 'zh-CN': '法治保障卡批次', en: 'Legal-aid card batches' }, permission: MAY_MANAGE_BATCHES, group: 'admin' },
  ],
  jobs: [
    // Marks, once each, questions past their answer target and applications past the decision or designation
    // deadline, and sends each coordinator the counts (never the case) with links to the queue and the cases.
    { id: 'alert-coordinators', cron: '*/15 * * * *', run: async (ctx) => void (await alertCoordinators(ctx, new Date())) },
  ],
  seed: seedLegalAidCard,
  // The sponsoring foundation's report in the console: the public report's figures, for the batches it donated.
  foundationReport: async (ctx, reader) => reportTable(await ctx.work((w) => sponsorReport(w, { foundationId: reader.foundationId })), ctx.city.locale, 'foundation'),
});
