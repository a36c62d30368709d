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

/** The wording that sets one reminder apart from the other; everything else is shared. */
type ReminderWording = {
  id: string;
  lead: { zh: string; en: string };
  /** How the text says when it is: 将于…开始 / starts … (a day before), 将于…举行 / is on … (a week before). */
  sms: { zh: (time: string, p: ReminderParams) => string; en: (time: string, p: ReminderParams) => string };
};

function reminderKind(wording: ReminderWording) {
  return defineMessageKind<ReminderParams>({
    id: wording.id,
    essential: false,
    sensitive: false,
    channels: ['email', 'sms'],
    email: (p, locale, city) => reminderEmail(p, locale, city, wording.lead),
    sms: {
      template: wording.id,
      params: smsParams,
      text: (p, locale, city) => smsUnder(city, locale, (locale === 'zh-CN' ? wording.sms.zh : wording.sms.en)(formatDateTime(new Date(p.startsAt), locale), p)),
    },
  });
}

export const dayBeforeReminderKind = reminderKind({
  id: 'volunteering.reminder-day-before',
  lead: { zh: '您报名的活动即将开始（一天之内）：', en: 'An activity you signed up for starts within a day:' },
  sms: {
    zh: (time, p) => `提醒：您报名的“${p.title}”将于${time}在${p.place}开始。如不能参加请取消报名。`,
    en: (time, p) => `Reminder: "${p.title}" starts ${time} at ${p.place}. If you cannot come, please cancel.`,
  },
});

export const weekBeforeReminderKind = reminderKind({
  id: 'volunteering.reminder-week-before',
  lead: { zh: '您报名的活动还有一周左右开始：', en: 'An activity you signed up for is about a week away:' },
  sms: {
    zh: (time, p) => `提醒：您报名的“${p.title}”将于${time}在${p.place}举行。如不能参加请取消报名。`,
    en: (time, p) => `Reminder: "${p.title}" is on ${time} at ${p.place}. If you cannot come, please cancel.`,
  },
});
