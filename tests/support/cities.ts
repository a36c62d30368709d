import { defineTenant, type TenantManifest } from '../../core/tenancy/manifest.ts';

const branding = (primaryColor: string, logoText: string) => ({
  primaryColor,
  accentColor: '#f2a900',
  logoText,
  footer: { 'zh-CN': `${logoText} 页脚`, en: `${logoText} footer` },
  contact: { phone: '12345' },
});

/** Two small cities for tests, each with an admin and a volunteer (password `password-123`). */
export const testCities: TenantManifest[] = [
  defineTenant({
    slug: 'alpha',
    names: { 'zh-CN': '甲市', en: 'Alpha City' },
    divisionCode: '350203',
    hosts: ['volunteer.alpha.test'],
    branding: branding('#123456', '甲市志愿'),
    demoAccounts: [
      { email: 'admin@alpha.test', name: '甲管理', password: 'password-123', roles: ['city_admin'] },
      { email: 'vol@alpha.test', name: '甲志愿', password: 'password-123', roles: ['volunteer'] },
    ],
  }),
  defineTenant({
    slug: 'beta',
    names: { 'zh-CN': '乙市', en: 'Beta City' },
    hosts: [],
    branding: branding('#654321', '乙市志愿'),
    demoAccounts: [
      { email: 'admin@beta.test', name: '乙管理', password: 'password-123', roles: ['city_admin'] },
      { email: 'vol@beta.test', name: '乙志愿', password: 'password-123', roles: ['volunteer'] },
    ],
  }),
];
