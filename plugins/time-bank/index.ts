import { definePlugin } from '../../core/plugin-api.ts';
import { TIME_CREDIT } from './credits.ts';
import { clawBack, earnForRecords } from './earning.ts';
import { expireLots } from './lots.ts';
import { routes } from './routes.tsx';
import { seedTimeBank } from './seed.ts';
import { settingsLabels, settingsOptionLabels, settingsSchema } from './settings.ts';

/**
 * The public time bank (公益时间银行): verified volunteer hours become time
 * credits by the city's rules; members spend them on each other's help (time
 * for service) or on donated goods and services (time for resources), give
 * them to family, withdraw them as elder care, and they expire by rule.
 */
export const timeBankPlugin = definePlugin({
  id: 'time-bank',
  version: '1.0.0',
  name: { 'zh-CN': '时间银行', en: 'Time bank' },
  description: {
    'zh-CN': '志愿服务时长按本市规则存为时间币：以时间换服务、以时间换物资，可转赠家人、到龄兑换养老服务，按规则到期。',
    en: 'Verified volunteer hours become time credits by the city’s rules: time for service, time for resources, gifts to family, elder care from a set age, expiry by rule.',
  },
  settings: settingsSchema,
  settingsLabels,
  settingsOptionLabels,
  roles: { 'time-bank.station_staff': { 'zh-CN': '时间银行兑换站工作人员', en: 'Time bank station staff' } },
  permissions: {
    'time-bank.manage': ['city_admin'],
    'time-bank.fulfil': ['city_admin', 'time-bank.station_staff'],
  },
  routes,
  routeIds: {
    'market/:id': 'time-bank.listing',
    'exchanges/:id': 'time-bank.exchange',
    'catalogue/:id': 'time-bank.item',
    'redemptions/:id': 'time-bank.redemption',
    'family/:id': 'time-bank.family-link',
  },
  nav: [
    { path: '/', label: { 'zh-CN': '时间银行', en: 'Time bank' } },
    { path: '/station', label: { 'zh-CN': '兑换站核销', en: 'Station: fulfil a code' }, permission: 'time-bank.fulfil', group: 'admin' },
    { path: '/admin', label: { 'zh-CN': '时间银行统计', en: 'Time bank dashboard' }, permission: 'time-bank.manage', group: 'admin' },
  ],
  on: {
    // One event per batch: the ledger is locked and posted to once for all its records.
    'service.verified': ({ records }, city) => city.work(async (w) => void (await earnForRecords(w, city.settings, records))),
    'service.revoked': ({ records }, city) =>
      city.work(async (w) => {
        for (const record of records) await clawBack(w, record);
      }),
  },
  ledgerUnits: [TIME_CREDIT],
  jobs: [
    {
      id: 'expire-credits',
      cron: '30 3 * * *', // daily at 03:30 China time, when the platform is quiet
      run: (city) => city.work(async (w) => void (await expireLots(w, new Date()))),
    },
  ],
  seed: seedTimeBank,
});
