import { defineTenant } from '../core/tenancy/manifest.ts';

export default defineTenant({
  slug: 'qionghai',
  names: { 'zh-CN': '琼海市', en: 'Qionghai' },
  divisionCode: '469002', // GB/T 2260: 海南省琼海市
  hosts: [],
  defaultLocale: 'zh-CN',
  branding: {
    primaryColor: '#2e7d32',
    accentColor: '#0277bd',
    logoText: '琼海公益',
    footer: { 'zh-CN': '琼海市民政局 · 公益时间银行试点', en: 'Qionghai Civil Affairs Bureau · public time bank pilot' },
    contact: { phone: '0898-62800000', address: { 'zh-CN': '海南省琼海市嘉积镇', en: 'Jiaji, Qionghai, Hainan' } },
  },
  plugins: {
    'time-bank': { settings: { creditName: '椰子币', expiryYears: 3 } },
    'legal-aid-card': {
      settings: {
        // Qionghai's twelve towns; consultations answered within one working day, by the 2026 holidays and make-up
        // working days of the State Council's notice (published 2025-11-04).
        districts: "嘉积镇|Jiaji; 万泉镇|Wanquan; 石壁镇|Shibi; 中原镇|Zhongyuan; 博鳌镇|Bo'ao; 阳江镇|Yangjiang; 龙江镇|Longjiang; 潭门镇|Tanmen; 塔洋镇|Tayang; 长坡镇|Changpo; 大路镇|Dalu; 会山镇|Huishan",
        responseTargetMode: 'working_days',
        responseWorkingDays: 1,
        holidays: '2026-01-01, 2026-01-02, 2026-01-03, 2026-02-15, 2026-02-16, 2026-02-17, 2026-02-18, 2026-02-19, 2026-02-20, 2026-02-21, 2026-02-22, 2026-02-23, 2026-04-04, 2026-04-05, 2026-04-06, 2026-05-01, 2026-05-02, 2026-05-03, 2026-05-04, 2026-05-05, 2026-06-19, 2026-06-20, 2026-06-21, 2026-09-25, 2026-09-26, 2026-09-27, 2026-10-01, 2026-10-02, 2026-10-03, 2026-10-04, 2026-10-05, 2026-10-06, 2026-10-07',
        makeUpWorkdays: '2026-01-04, 2026-02-14, 2026-02-28, 2026-05-09, 2026-09-20, 2026-10-10',
      },
    },
  },
  demoAccounts: [
    { email: 'admin@qionghai.example', name: '符管理', password: 'demo-admin-2026', roles: ['city_admin'] },
    { email: 'organiser@qionghai.example', name: '吴社工', password: 'demo-organiser-2026', roles: ['social_worker'] },
    { email: 'volunteer@qionghai.example', name: '王志愿', password: 'demo-volunteer-2026', roles: ['volunteer'] },
    { email: 'lawyer@qionghai.example', name: '林律师', password: 'demo-lawyer-2026', roles: ['legal-aid-card.lawyer'] },
    { email: 'legal-aid@qionghai.example', name: '陈协调', password: 'demo-legal-aid-2026', roles: ['legal-aid-card.coordinator'] },
  ],
  // The demo lawyer's firm: their verified consultation hours are recorded under it (plugins/legal-aid-card/seed-hours.ts).
  demoOrganisations: [
    { name: '海南椰城律师事务所', kind: 'law_firm', description: '琼海本地律师事务所，所内律师作为志愿律师为法治保障卡持卡人提供免费法律咨询和法律援助。', contactPhone: '0898-62811111', admin: 'lawyer@qionghai.example' },
  ],
});
