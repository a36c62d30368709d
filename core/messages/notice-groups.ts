import type { LocalizedText } from '../db/schema/tenancy.ts';

/**
 * The groups of non-essential messages a person may turn off: the core's notices, and one group
 * per plugin the city has switched on (a plugin's kinds are named `<plugin id>.<name>`).
 * Essential kinds (`identity.*` and any kind marked essential) are never offered.
 */
export const CORE_NOTICE_GROUPS: Record<string, LocalizedText> = {
  // Only the activity reminders of this group can be turned off: sign-up decisions, hours and certificates are essential.
  volunteering: { 'zh-CN': '活动提醒（活动前一周和前一天）', en: 'Activity reminders (a week and a day before)' },
};

export type NoticeGroup = { id: string; name: LocalizedText };

export function noticeGroups(plugins: readonly { id: string; name: LocalizedText }[]): NoticeGroup[] {
  return [...Object.entries(CORE_NOTICE_GROUPS).map(([id, name]) => ({ id, name })), ...plugins.map((p) => ({ id: p.id, name: p.name }))];
}
