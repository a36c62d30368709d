import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../core/i18n/format.ts';
import { dayBeforeReminderKind, weekBeforeReminderKind } from '../../../core/volunteering/activities/reminder-notices.ts';

const city = { 'zh-CN': '示范市', en: 'Demo City' };
const params = { title: '敬老院探访', startsAt: '2026-06-02T01:00:00.000Z', endsAt: '2026-06-02T03:30:00.000Z', place: '社区中心' };
const time = (locale: 'zh-CN' | 'en') => formatDateTime(new Date(params.startsAt), locale);

describe('the two activity reminders: one shape, their own wording', () => {
  it('each keeps its id, template, channels and opt-out group', () => {
    for (const [kind, id] of [
      [dayBeforeReminderKind, 'volunteering.reminder-day-before'],
      [weekBeforeReminderKind, 'volunteering.reminder-week-before'],
    ] as const) {
      expect(kind).toMatchObject({ id, essential: false, sensitive: false, channels: ['email', 'sms'] });
      expect(kind.sms!.template).toBe(id);
      expect(kind.sms!.params(params)).toEqual({ title: '敬老院探访', time: time('zh-CN'), place: '社区中心' });
    }
  });

  it('a day before: "starts", and its own lead line', () => {
    expect(dayBeforeReminderKind.sms!.text(params, 'zh-CN', city)).toBe(`【示范市】提醒：您报名的“敬老院探访”将于${time('zh-CN')}在社区中心开始。如不能参加请取消报名。`);
    expect(dayBeforeReminderKind.sms!.text(params, 'en', city)).toBe(`[Demo City] Reminder: "敬老院探访" starts ${time('en')} at 社区中心. If you cannot come, please cancel.`);
    expect(dayBeforeReminderKind.email!(params, 'en', city).text).toContain('An activity you signed up for starts within a day:');
    expect(dayBeforeReminderKind.email!(params, 'zh-CN', city).subject).toBe('【示范市】活动提醒：敬老院探访');
  });

  it('a week before: "is on", and its own lead line', () => {
    expect(weekBeforeReminderKind.sms!.text(params, 'zh-CN', city)).toBe(`【示范市】提醒：您报名的“敬老院探访”将于${time('zh-CN')}在社区中心举行。如不能参加请取消报名。`);
    expect(weekBeforeReminderKind.sms!.text(params, 'en', city)).toBe(`[Demo City] Reminder: "敬老院探访" is on ${time('en')} at 社区中心. If you cannot come, please cancel.`);
    expect(weekBeforeReminderKind.email!(params, 'zh-CN', city).text).toContain('您报名的活动还有一周左右开始：');
    expect(weekBeforeReminderKind.email!(params, 'en', city).subject).toBe('Demo City: Reminder: 敬老院探访');
  });
});
