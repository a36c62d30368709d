import { defineTenant } from '../core/tenancy/manifest.ts';

export default defineTenant({
  slug: 'yuexiu',
  names: { 'zh-CN': '广州市越秀区', en: 'Yuexiu, Guangzhou' },
  divisionCode: '440104', // GB/T 2260: 广东省广州市越秀区
  hosts: ['volunteer.yuexiu.example'],
  defaultLocale: 'zh-CN',
  branding: {
    primaryColor: '#b0282e',
    accentColor: '#1f7a4d',
    logoText: '越秀社工',
    footer: { 'zh-CN': '广州市越秀区民政局 · 社工+志愿者', en: 'Yuexiu District Civil Affairs Bureau · social workers + volunteers' },
    contact: { phone: '020-83000000', email: 'volunteer@yuexiu.example' },
  },
  plugins: { 'charity-fund': { settings: { paymentProvider: 'sandbox' } } },
  demoAccounts: [
    { email: 'admin@yuexiu.example', name: '梁管理', password: 'demo-admin-2026', roles: ['city_admin'] },
    { email: 'organiser@yuexiu.example', name: '邓社工', password: 'demo-organiser-2026', roles: ['social_worker', 'charity-fund.manager', 'charity-fund.station_staff'] },
    { email: 'volunteer@yuexiu.example', name: '何志愿', password: 'demo-volunteer-2026', roles: ['volunteer'] },
  ],
});
