import { defineMessages } from '../../i18n/messages.ts';

/** The exchange-format export page (the file's headings are always Chinese). */
export const exchangeMessages = defineMessages({
  'zh-CN': {
    exportTitle: '导出服务记录交换文件',
    exportIntro: '本市已核实的服务记录，按交换格式导出（含志愿者统一编号和证件号码），可报送全国志愿服务信息系统，或导入平台上的另一个城市。文件含个人信息，请妥善保管；每次导出都记入审计日志。',
    from: '开始日期',
    to: '结束日期',
    format: '文件格式',
    download: '下载',
    dateRequired: '请填写日期。',
    dateInvalid: '请按 年-月-日 填写日期（如 2026-05-01）。',
    toBeforeFrom: '结束日期不能早于开始日期。',
    formatInvalid: '请从列表中选择。',
  },
  en: {
    exportTitle: 'Export the service-record exchange file',
    exportIntro: 'The city’s verified service records in the exchange format (with unified volunteer numbers and ID numbers), for the national volunteer system or for another city on the platform. The file holds personal data: keep it safe. Every export is written to the audit log.',
    from: 'From',
    to: 'To',
    format: 'File format',
    download: 'Download',
    dateRequired: 'Enter a date.',
    dateInvalid: 'Enter the date as year-month-day (e.g. 2026-05-01).',
    toBeforeFrom: 'The end date cannot be before the start date.',
    formatInvalid: 'Please choose from the list.',
  },
});
export type ExchangeMessages = (typeof exchangeMessages)['zh-CN'];
