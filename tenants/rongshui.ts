import { defineTenant } from '../core/tenancy/manifest.ts';

/** A county in Guangxi running the child-care visits of its child directors (儿童主任). */
export default defineTenant({
  slug: 'rongshui',
  names: { 'zh-CN': '融水苗族自治县', en: 'Rongshui' },
  divisionCode: '450225', // GB/T 2260: 广西壮族自治区柳州市融水苗族自治县
  hosts: [],
  defaultLocale: 'zh-CN',
  branding: {
    primaryColor: '#00695c',
    accentColor: '#c62828',
    logoText: '融水关爱',
    footer: { 'zh-CN': '融水苗族自治县民政局 · 困境儿童关爱服务', en: 'Rongshui Civil Affairs Bureau · care for children in difficulty' },
    contact: { phone: '0772-5120000', address: { 'zh-CN': '广西柳州市融水苗族自治县融水镇', en: 'Rongshui, Liuzhou, Guangxi' } },
  },
  plugins: { 'child-care-visits': { settings: { highRiskDays: 14, mediumRiskDays: 30, lowRiskDays: 90, graceDays: 7 } } },
  demoAccounts: [
    { email: 'admin@rongshui.example', name: '梁管理', password: 'demo-admin-2026', roles: ['city_admin'] },
    { email: 'director@rongshui.example', name: '贾主任', password: 'demo-director-2026', roles: ['child-care-visits.director'] },
    { email: 'supervisor@rongshui.example', name: '潘社工', password: 'demo-supervisor-2026', roles: ['social_worker', 'child-care-visits.supervisor'] },
    { email: 'volunteer@rongshui.example', name: '蓝志愿', password: 'demo-volunteer-2026', roles: ['volunteer'] },
    // A volunteer the demo supervisor vetted and paired with a child (爱心家长): see plugins/child-care-visits/seed-pairing.ts.
    { email: 'caring-parent@rongshui.example', name: '覃爱心', password: 'demo-parent-2026', roles: ['volunteer'] },
  ],
});
