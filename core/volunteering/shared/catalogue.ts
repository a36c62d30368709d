import type { LocalizedText } from '../../db/schema/tenancy.ts';

/**
 * The fixed lists volunteering forms choose from. Rows store the key; pages show
 * the label in the reader's language.
 */
export const PROJECT_CATEGORIES = {
  community_service: { 'zh-CN': '社区服务', en: 'Community service' },
  elder_care: { 'zh-CN': '助老服务', en: 'Elder care' },
  disability_support: { 'zh-CN': '助残服务', en: 'Disability support' },
  child_care: { 'zh-CN': '关爱儿童', en: 'Child care' },
  poverty_relief: { 'zh-CN': '扶贫济困', en: 'Poverty relief' },
  legal_aid: { 'zh-CN': '法律援助', en: 'Legal aid' },
  emergency: { 'zh-CN': '应急救援', en: 'Emergency response' },
  culture: { 'zh-CN': '文化服务', en: 'Culture' },
  environment: { 'zh-CN': '生态环保', en: 'Environment' },
  education: { 'zh-CN': '教育服务', en: 'Education' },
  health: { 'zh-CN': '卫生健康', en: 'Health' },
  other: { 'zh-CN': '其他', en: 'Other' },
} satisfies Record<string, LocalizedText>;
export type ProjectCategory = keyof typeof PROJECT_CATEGORIES;

export const TARGET_GROUPS = {
  elderly: { 'zh-CN': '老年人', en: 'Older people' },
  children: { 'zh-CN': '儿童青少年', en: 'Children and young people' },
  disabled: { 'zh-CN': '残疾人', en: 'People with disabilities' },
  low_income: { 'zh-CN': '困难家庭', en: 'Low-income families' },
  residents: { 'zh-CN': '社区居民', en: 'Community residents' },
  patients: { 'zh-CN': '患者及家属', en: 'Patients and families' },
  migrants: { 'zh-CN': '外来务工人员', en: 'Migrant workers' },
  veterans: { 'zh-CN': '退役军人', en: 'Veterans' },
} satisfies Record<string, LocalizedText>;

export const SKILLS = {
  first_aid: { 'zh-CN': '急救', en: 'First aid' },
  elder_care: { 'zh-CN': '养老护理', en: 'Elder care' },
  tutoring: { 'zh-CN': '课业辅导', en: 'Tutoring' },
  counselling: { 'zh-CN': '心理疏导', en: 'Counselling' },
  legal: { 'zh-CN': '法律咨询', en: 'Legal advice' },
  medical: { 'zh-CN': '医疗健康', en: 'Medical care' },
  sign_language: { 'zh-CN': '手语', en: 'Sign language' },
  languages: { 'zh-CN': '外语翻译', en: 'Languages' },
  driving: { 'zh-CN': '驾驶', en: 'Driving' },
  it: { 'zh-CN': '电脑与网络', en: 'Computers and IT' },
  photography: { 'zh-CN': '摄影宣传', en: 'Photography and publicity' },
  repairs: { 'zh-CN': '家电维修', en: 'Repairs' },
  events: { 'zh-CN': '活动组织', en: 'Event organising' },
} satisfies Record<string, LocalizedText>;

export const AVAILABILITY = {
  weekday_daytime: { 'zh-CN': '工作日白天', en: 'Weekday daytime' },
  weekday_evening: { 'zh-CN': '工作日晚上', en: 'Weekday evenings' },
  weekend: { 'zh-CN': '周末', en: 'Weekends' },
  holiday: { 'zh-CN': '节假日', en: 'Public holidays' },
} satisfies Record<string, LocalizedText>;

export const ORGANISATION_KINDS = {
  social_work_org: { 'zh-CN': '社会工作服务机构', en: 'Social-work organisation' },
  volunteer_team: { 'zh-CN': '志愿服务队', en: 'Volunteer team' },
  // Volunteer lawyers serve under their firm (the legal-aid card's hours are recorded under it).
  law_firm: { 'zh-CN': '律师事务所', en: 'Law firm' },
} satisfies Record<string, LocalizedText>;
export type OrganisationKind = keyof typeof ORGANISATION_KINDS;

/** Roles within one organisation (not city roles). */
export const MEMBER_ROLES = {
  org_admin: { 'zh-CN': '组织管理员', en: 'Organisation administrator' },
  social_worker: { 'zh-CN': '社工', en: 'Social worker' },
  team_lead: { 'zh-CN': '队长', en: 'Team lead' },
} satisfies Record<string, LocalizedText>;
export type MemberRole = keyof typeof MEMBER_ROLES;

export const keysOf = <T extends Record<string, LocalizedText>>(list: T) => Object.keys(list) as [keyof T & string, ...(keyof T & string)[]];
