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
  plugins: { 'time-bank': { settings: { creditName: '椰子币', expiryYears: 3 } }, 'legal-aid-card': {} },
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
