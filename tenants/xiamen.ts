import { defineTenant } from '../core/tenancy/manifest.ts';

export default defineTenant({
  slug: 'xiamen',
  names: { 'zh-CN': '厦门市', en: 'Xiamen' },
  divisionCode: '350200', // GB/T 2260: 福建省厦门市
  hosts: ['volunteer.xiamen.example'],
  defaultLocale: 'zh-CN',
  branding: {
    primaryColor: '#0b6e8a',
    accentColor: '#f2a900',
    logoText: '鹭岛志愿',
    footer: { 'zh-CN': '厦门市民政局 · 厦门志愿服务平台', en: 'Xiamen Civil Affairs Bureau · Xiamen volunteer services' },
    contact: { phone: '0592-12345', email: 'volunteer@xiamen.example', address: { 'zh-CN': '厦门市思明区', en: 'Siming District, Xiamen' } },
  },
  plugins: { 'time-bank': { settings: {} }, 'charity-fund': { settings: { paymentProvider: 'sandbox' } } },
  demoAccounts: [
    { email: 'admin@xiamen.example', name: '林管理', password: 'demo-admin-2026', roles: ['city_admin'] },
    { email: 'social@xiamen.example', name: '陈社工', password: 'demo-social-2026', roles: ['social_worker', 'charity-fund.manager', 'charity-fund.station_staff'] },
    { email: 'volunteer@xiamen.example', name: '黄志愿', password: 'demo-volunteer-2026', roles: ['volunteer'] },
  ],
});
