import { formatDateTime } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/messages.ts';
import { defineMessageKind, type CityName } from '../../messages/kinds.ts';
import { signedBy, smsUnder, subjectUnder } from '../shared/notice-text.ts';
import { toLocalDateInput } from '../shared/time.ts';

/**
 * Reminders of an activity a volunteer has a place at: a day before, and a week
 * before when they signed up earlier than that. The only non-essential kinds of
 * the `volunteering` group, so opting out of that group stops reminders and
 * nothing else: the decisions about a person's sign-ups and hours are essential.
 */

export type ReminderParams = { title: string; startsAt: string; endsAt: string; place: string };
/** `2026/12/06 09:00 – 11:30`; the end's date only when it is another day. */
function when(p: ReminderParams, locale: Locale): string {
  const [start, end] = [new Date(p.startsAt), new Date(p.endsAt)];
  const endText = formatDateTime(end, locale);
  return `${formatDateTime(start, locale)} – ${toLocalDateInput(start) === toLocalDateInput(end) ? endText.slice(-5) : endText}`;
}

function reminderEmail(p: ReminderParams, locale: Locale, city: CityName, lead: { zh: string; en: string }) {
  return locale === 'zh-CN'
    ? {
        subject: subjectUnder(city, locale, `活动提醒：${p.title}`),
        text: signedBy(city, locale, [
          lead.zh,
          `活动：${p.title}`,
          `时间：${when(p, locale)}`,
          `地点：${p.place}`,
          '如不能参加，请在活动页面取消报名，把名额留给候补的志愿者。',
          '不想再收到活动提醒，可在账户的消息设置中关闭。',
        ]),
      }
    : {
        subject: subjectUnder(city, locale, `Reminder: ${p.title}`),
        text: signedBy(city, locale, [
          lead.en,
          `Activity: ${p.title}`,
          `Time: ${when(p, locale)}`,
          `Place: ${p.place}`,
          'If you cannot come, please cancel on the activity page so a volunteer on the waitlist gets your place.',
          'To stop activity reminders, turn them off in your account’s message settings.',
        ]),
      };
}

const smsParams = (p: ReminderParams) => ({ title: p.title.slice(0, 30), time: formatDateTime(new Date(p.startsAt), 'zh-CN'), place: p.place.slice(0, 30) });

export const dayBeforeReminderKind = defineMessageKind<ReminderParams>({
  id: 'volunteering.reminder-day-before',
  essential: false,
  sensitive: false,
  channels: ['email', 'sms'],
  email: (p, locale, city) => reminderEmail(p, locale, city, { zh: '您报名的活动即将开始（一天之内）：', en: 'An activity you signed up for starts within a day:' }),
  sms: {
    template: 'volunteering.reminder-day-before',
    params: smsParams,
    text: (p, locale, city) =>
      smsUnder(
        city,
        locale,
        locale === 'zh-CN'
          ? `提醒：您报名的“${p.title}”将于${formatDateTime(new Date(p.startsAt), locale)}在${p.place}开始。如不能参加请取消报名。`
          : `Reminder: "${p.title}" starts ${formatDateTime(new Date(p.startsAt), locale)} at ${p.place}. If you cannot come, please cancel.`,
      ),
  },
});

export const weekBeforeReminderKind = defineMessageKind<ReminderParams>({
  id: 'volunteering.reminder-week-before',
  essential: false,
  sensitive: false,
  channels: ['email', 'sms'],
  email: (p, locale, city) => reminderEmail(p, locale, city, { zh: '您报名的活动还有一周左右开始：', en: 'An activity you signed up for is about a week away:' }),
  sms: {
    template: 'volunteering.reminder-week-before',
    params: smsParams,
    text: (p, locale, city) =>
      smsUnder(
        city,
        locale,
        locale === 'zh-CN'
          ? `提醒：您报名的“${p.title}”将于${formatDateTime(new Date(p.startsAt), locale)}在${p.place}举行。如不能参加请取消报名。`
          : `Reminder: "${p.title}" is on ${formatDateTime(new Date(p.startsAt), locale)} at ${p.place}. If you cannot come, please cancel.`,
      ),
  },
});
