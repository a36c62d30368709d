import { toCsv } from '../../csv.ts';
import { PROJECT_CATEGORIES } from '../shared/catalogue.ts';
import { toLocalDateTimeInput } from '../shared/time.ts';
import { ID_TYPES, type IdType } from '../volunteers/id-documents.ts';

/**
 * The service-record exchange format: what the city exports for the national
 * system and what it imports from another city or system, in CSV (the Chinese
 * headings) or JSON (the keys), with the same values. README "Service-record
 * exchange format" gives each field's source. Times are China time, `YYYY-MM-DD HH:mm`.
 */
export const EXCHANGE_FIELDS = [
  ['sourceId', '记录编号'],
  ['volunteerNumber', '志愿者统一编号'],
  ['volunteerName', '志愿者姓名'],
  ['idType', '证件类型'],
  ['idNumber', '证件号码'],
  ['organisation', '志愿服务组织名称'],
  ['project', '志愿服务项目名称'],
  ['activity', '志愿服务活动名称'],
  ['category', '志愿服务类别'],
  ['startedAt', '服务开始时间'],
  ['endedAt', '服务结束时间'],
  ['minutes', '服务时长（分钟）'],
  ['content', '服务内容'],
  ['evaluation', '服务评价'],
  ['verifiedAt', '核实时间'],
  ['recordedBy', '记录单位'],
] as const;

export type ExchangeKey = (typeof EXCHANGE_FIELDS)[number][0];
/** One record; every value a string except the minutes. */
export type ExchangeRecord = { [K in ExchangeKey]: K extends 'minutes' ? number : string };

export const EXCHANGE_FORMAT = 'volunteer-commons/service-records';
export const EXCHANGE_VERSION = 1;

/** `2026-05-01 09:30` in China time. */
export const exchangeTime = (value: Date | null) => (value ? toLocalDateTimeInput(value).replace('T', ' ') : '');
export const idTypeLabel = (type: IdType | null) => (type ? ID_TYPES[type]['zh-CN'] : '');
export const categoryLabel = (category: string) => PROJECT_CATEGORIES[category as keyof typeof PROJECT_CATEGORIES]?.['zh-CN'] ?? category;

/** The headings and a BOM (so spreadsheet programs read the Chinese as UTF-8). */
export function exchangeCsvHead(): string {
  return toCsv([EXCHANGE_FIELDS.map(([, heading]) => heading)], { bom: true, windows: true });
}

export function exchangeCsvLines(records: readonly ExchangeRecord[]): string {
  return toCsv(records.map((r) => EXCHANGE_FIELDS.map(([key]) => r[key])), { windows: true });
}

/** A JSON file is written in three parts so a large city's is streamed: the head, the records joined by commas, the tail. */
export function exchangeJsonHead(source: { city: string; divisionCode: string | null }, exportedAt: Date): string {
  return `{"format":${JSON.stringify(EXCHANGE_FORMAT)},"version":${EXCHANGE_VERSION},"exportedAt":${JSON.stringify(exchangeTime(exportedAt))},"source":${JSON.stringify(source)},"records":[`;
}

export function exchangeJsonRecords(records: readonly ExchangeRecord[], first: boolean): string {
  const text = records.map((r) => JSON.stringify(Object.fromEntries(EXCHANGE_FIELDS.map(([key]) => [key, r[key]])))).join(',\n');
  return text && !first ? `,\n${text}` : text;
}

export const EXCHANGE_JSON_TAIL = ']}\n';
