import type { LocalizedText } from '../db/schema/tenancy.ts';

/**
 * What an API key may do. A key holds a subset, chosen by the city admin who
 * makes it; a route names the one scope it needs.
 */
export const API_SCOPES = {
  'catalogue:read': { 'zh-CN': '读取组织、项目与活动', en: 'Read organisations, projects and activities' },
  'volunteers:read': { 'zh-CN': '读取志愿者（姓名遮蔽）', en: 'Read volunteers (names masked)' },
  'volunteers:read_unmasked': { 'zh-CN': '读取志愿者全名', en: 'Read volunteers’ full names' },
  'records:read': { 'zh-CN': '读取服务记录', en: 'Read service records' },
  'records:write': { 'zh-CN': '登记服务记录', en: 'Record service' },
  'records:verify': { 'zh-CN': '核实服务记录（记入账本）', en: 'Verify service records (posts to the ledger)' },
  'certificates:read': { 'zh-CN': '读取与核验证明', en: 'Read and check certificates' },
  'ledger:read': { 'zh-CN': '读取账本余额与流水', en: 'Read ledger balances and statements' },
} satisfies Record<string, LocalizedText>;

export type CoreApiScope = keyof typeof API_SCOPES;
