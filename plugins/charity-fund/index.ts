import { z } from 'zod';
import { definePlugin } from '../../core/plugin-api.ts';
import { UNIT } from './accounts.ts';
import { charityFundApi } from './api.ts';
import { PROVIDER_IDS } from './payments/index.ts';
import { routes } from './routes.tsx';
import { seedCharityFund } from './seed.ts';
import { charityFundWebhookEvents } from './webhook-events.ts';

/** Per-city settings: which payment provider online donations go through. */
export const charityFundSettings = z.object({
  paymentProvider: z.enum(PROVIDER_IDS).default('offline'),
});

/**
 * Community charity funds (社区慈善基金): donations online and at stations,
 * numbered receipts, micro-venture proposals, grants and expenses under the
 * two-person rule, in-kind stock, and a public disclosure page per fund.
 */
export const charityFundPlugin = definePlugin({
  id: 'charity-fund',
  version: '1.0.0',
  name: { 'zh-CN': '社区慈善基金', en: 'Community charity fund' },
  description: {
    'zh-CN': '社区慈善基金、捐赠站、联合劝募与公益微创投：捐赠以分为单位记入账本，双人复核拨款和支出，每一笔收支公开可查。',
    en: 'Community charity funds, donation stations, joint fundraising and micro-venture grants: donations in fen on the ledger, grants and expenses under a two-person rule, every yuan in and out disclosed.',
  },
  settings: charityFundSettings,
  settingsLabels: { paymentProvider: { 'zh-CN': '网上捐赠的支付方式', en: 'Payment provider for online gifts' } },
  settingsOptionLabels: {
    paymentProvider: {
      offline: { 'zh-CN': '线下认捐（款项到账后由工作人员确认）', en: 'Offline pledge (staff confirm when the money arrives)' },
      sandbox: { 'zh-CN': '沙箱支付（测试和演示用）', en: 'Sandbox gateway (tests and demos)' },
    },
  },
  roles: {
    'charity-fund.manager': { 'zh-CN': '慈善基金管理人', en: 'Charity fund manager' },
    'charity-fund.station_staff': { 'zh-CN': '捐赠站工作人员', en: 'Donation station staff' },
  },
  permissions: {
    /** Create funds and donation stations. */
    'charity-fund.funds.manage': ['city_admin'],
    /** Review proposals; propose and approve grants and expenses (never one's own). */
    'charity-fund.manage': ['city_admin', 'charity-fund.manager'],
    /** Record station gifts and stock, confirm offline pledges. */
    'charity-fund.station': ['city_admin', 'charity-fund.station_staff'],
  },
  routes,
  routeIds: {
    'funds/:id': 'charity-fund.fund',
    'projects/:id': 'charity-fund.project',
    'donations/:id': 'charity-fund.donation',
    'receipts/:id': 'charity-fund.confirmed-donation',
    'pay/:id': 'charity-fund.sandbox-donation',
    'grants/:id': 'charity-fund.grant',
    'expenses/:id': 'charity-fund.expense',
    'stations/:id': 'charity-fund.station',
    'gifts/:id': 'charity-fund.gift',
    'payments/:provider': { notACityRow: 'a payment provider id names code shared by every city' },
  },
  api: charityFundApi,
  webhookEvents: charityFundWebhookEvents,
  nav: [
    { path: '/', label: { 'zh-CN': '慈善基金', en: 'Charity funds' } },
    { path: '/review', label: { 'zh-CN': '基金提案审核', en: 'Fund proposals' }, permission: 'charity-fund.manage', group: 'admin' },
    { path: '/staff', label: { 'zh-CN': '捐赠站工作台', en: 'Station desk' }, permission: 'charity-fund.station', group: 'admin' },
  ],
  ledgerUnits: [UNIT],
  seed: seedCharityFund,
});
