import { defineMessages } from '../../i18n/messages.ts';

/** The export form (the CSV's headings are always Chinese). */
export const exportMessages = defineMessages({
  'zh-CN': {
    organisationTitle: (name: string) => `导出服务记录：${name}`,
    cityTitle: '导出全市服务记录',
    mineTitle: '导出我的服务记录',
    intro: '按民政部《志愿服务记录与证明出具办法（试行）》要求记录的服务信息导出为 CSV 文件，可用 Excel 或 WPS 打开。时间均为北京时间，按服务开始时间筛选。',
    /** Follows the intro: Chinese sentences join without a space, English ones need one. */
    mineIntro: (intro: string) => `${intro}日期可以留空：留空则导出全部记录。`,
    from: '开始日期',
    to: '结束日期',
    status: '记录范围',
    statusVerified: '仅已核实的记录',
    statusAll: '全部记录（含待核实、未通过、已撤销）',
    download: '下载 CSV 文件',
    dateRequired: '请填写日期。',
    dateInvalid: '请按 年-月-日 填写日期（如 2026-05-01）。',
    toBeforeFrom: '结束日期不能早于开始日期。',
    statusInvalid: '请从列表中选择。',
  },
  en: {
    organisationTitle: (name: string) => `Export service records: ${name}`,
    cityTitle: 'Export the city’s service records',
    mineTitle: 'Export my service records',
    intro: 'A CSV file of the service facts the Ministry of Civil Affairs’ rules on volunteer service records (2020) ask for, for Excel or WPS. Times are China time; records are chosen by when the service started.',
    mineIntro: (intro: string) => `${intro} Leave the dates empty to export every record.`,
    from: 'From',
    to: 'To',
    status: 'Records',
    statusVerified: 'Verified records only',
    statusAll: 'All records (including pending, rejected and revoked)',
    download: 'Download the CSV file',
    dateRequired: 'Enter a date.',
    dateInvalid: 'Enter the date as year-month-day (e.g. 2026-05-01).',
    toBeforeFrom: 'The end date cannot be before the start date.',
    statusInvalid: 'Please choose from the list.',
  },
});
export type ExportMessages = (typeof exportMessages)['zh-CN'];
