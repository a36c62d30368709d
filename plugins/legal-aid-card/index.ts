import { z } from 'zod';
import { definePlugin } from '../../core/plugin-api.ts';
import { MAY_MANAGE_BATCHES } from './access.ts';
import { routes } from './routes.tsx';
import { seedLegalAidCard } from './seed.ts';

/** Per-city settings. */
export const legalAidCardSettings = z.object({});

/**
 * The legal-aid card (法治保障卡): batches of cards a foundation donates to the
 * city, printed once with their activation codes, activated by residents under
 * their real name, suspended by batch and replaced when lost.
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
  permissions: {
    /** Record a donated batch, print its sheet once, suspend and resume it. */
    [MAY_MANAGE_BATCHES]: ['city_admin'],
  },
  routes,
  routeIds: {
    'batches/:id': 'legal-aid-card.batch',
  },
  nav: [
    { path: '/', label: { 'zh-CN': '法治保障卡', en: 'Legal-aid card' } },
    { path: '/batches', label: { 'zh-CN': '法治保障卡批次', en: 'Legal-aid card batches' }, permission: MAY_MANAGE_BATCHES, group: 'admin' },
  ],
  seed: seedLegalAidCard,
});
