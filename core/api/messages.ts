import { defineMessages } from '../i18n/messages.ts';

/** Words of the API's reference page. */
export const apiMessages = defineMessages({
  'zh-CN': {
    referenceTitle: '开放接口说明',
    referenceIntro: '本市的 JSON 接口。请求时带上 “Authorization: Bearer <接口密钥>”（由城市管理员在“接口密钥”页面创建）；每个写操作须带 Idempotency-Key 请求头。出错时返回 RFC 9457 问题详情（application/problem+json）。',
    documentLink: 'OpenAPI 3.1 文档（JSON）',
    scopeNeeded: '所需权限范围',
    noKeyNeeded: '无需密钥',
    parameters: '参数',
    writeNote: '写操作：须带 Idempotency-Key',
    required: '必填',
  },
  en: {
    referenceTitle: 'API reference',
    referenceIntro: 'This city’s JSON API. Send “Authorization: Bearer <API key>” (the city admin makes keys on the API keys page) and an Idempotency-Key header with every write. Errors are RFC 9457 problem details (application/problem+json).',
    documentLink: 'OpenAPI 3.1 document (JSON)',
    scopeNeeded: 'Scope needed',
    noKeyNeeded: 'No key needed',
    parameters: 'Parameters',
    writeNote: 'A write: send an Idempotency-Key',
    required: 'required',
  },
});
