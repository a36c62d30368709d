import type { Tx } from '../../db/database.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/messages.ts';
import { defineMessageKind } from '../../messages/kinds.ts';
import { queueMessage, queueMessages } from '../../messages/outbox.ts';
import { signedBy, smsUnder, subjectUnder } from '../shared/notice-text.ts';
import type { Activity } from './service.ts';

/**
 * What a volunteer is told when their sign-up changes hands: the organiser
 * approved or declined it, or a freed place moved them up from the waitlist.
 * Essential (a decision about them that they act on), not sensitive (what their
 * own activity page shows). Keyed by the sign-up's queue number, which a new
 * sign-up after cancelling renews, so each decision is told once.
 */

type ActivityParams = { title: string; startsAt: string; place: string };
const when = (p: ActivityParams, locale: Locale) => formatDateTime(new Date(p.startsAt), locale);
const smsActivity = (p: ActivityParams) => ({ title: p.title.slice(0, 30), time: formatDateTime(new Date(p.startsAt), 'zh-CN') });

export const signupApprovedKind = defineMessageKind<ActivityParams & { waitlisted: 0 | 1 }>({
  id: 'volunteering.signup-approved',
  essential: true,
  sensitive: false,
  channels: ['email', 'sms'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: subjectUnder(city, locale, `报名已通过：${p.title}`),
          text: signedBy(city, locale, [
            `您报名的活动“${p.title}”已通过组织者审核。`,
            p.waitlisted ? '活动名额已满，您在候补名单上；有人取消时将按顺序递补，届时会再通知您。' : '您已获得名额，请准时参加。',
            `时间：${when(p, locale)}`,
            `地点：${p.place}`,
          ]),
        }
      : {
          subject: subjectUnder(city, locale, `Sign-up approved: ${p.title}`),
          text: signedBy(city, locale, [
            `The organiser approved your sign-up for "${p.title}".`,
            p.waitlisted ? 'The activity is full, so you are on the waitlist; we will tell you when a place frees up for you.' : 'You have a place: please be on time.',
            `Time: ${when(p, locale)}`,
            `Place: ${p.place}`,
          ]),
        },
  sms: {
    template: 'volunteering.signup-approved',
    params: (p) => ({ ...smsActivity(p), waitlisted: p.waitlisted ? '1' : '0' }),
    text: (p, locale, city) =>
      smsUnder(
        city,
        locale,
        locale === 'zh-CN'
          ? `您报名的“${p.title}”（${when(p, locale)}）已通过审核${p.waitlisted ? '，目前在候补名单上' : '，请准时参加'}。`
          : `Your sign-up for "${p.title}" (${when(p, locale)}) was approved${p.waitlisted ? '; you are on the waitlist' : '; please be on time'}.`,
      ),
  },
});

export const signupDeclinedKind = defineMessageKind<ActivityParams>({
  id: 'volunteering.signup-declined',
  essential: true,
  sensitive: false,
  channels: ['email', 'sms'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: subjectUnder(city, locale, `报名未通过：${p.title}`),
          text: signedBy(city, locale, [`很遗憾，组织者未通过您对活动“${p.title}”（${when(p, locale)}）的报名。`, '欢迎报名参加其他活动。']),
        }
      : {
          subject: subjectUnder(city, locale, `Sign-up declined: ${p.title}`),
          text: signedBy(city, locale, [`We are sorry: the organiser declined your sign-up for "${p.title}" (${when(p, locale)}).`, 'You are welcome to sign up for other activities.']),
        },
  sms: {
    template: 'volunteering.signup-declined',
    params: smsActivity,
    text: (p, locale, city) =>
      smsUnder(city, locale, locale === 'zh-CN' ? `很遗憾，您对“${p.title}”（${when(p, locale)}）的报名未通过审核。` : `Your sign-up for "${p.title}" (${when(p, locale)}) was declined.`),
  },
});

export const waitlistPromotedKind = defineMessageKind<ActivityParams>({
  id: 'volunteering.waitlist-promoted',
  essential: true,
  sensitive: false,
  channels: ['email', 'sms'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: subjectUnder(city, locale, `候补成功：${p.title}`),
          text: signedBy(city, locale, [
            `有人取消了报名，您已从候补名单递补，获得活动“${p.title}”的名额。`,
            `时间：${when(p, locale)}`,
            `地点：${p.place}`,
            '如不能参加，请在活动页面取消报名，把名额留给下一位。',
          ]),
        }
      : {
          subject: subjectUnder(city, locale, `You have a place: ${p.title}`),
          text: signedBy(city, locale, [
            `A place freed up and you came off the waitlist: you now have a place at "${p.title}".`,
            `Time: ${when(p, locale)}`,
            `Place: ${p.place}`,
            'If you cannot come, please cancel on the activity page so the next person gets the place.',
          ]),
        },
  sms: {
    template: 'volunteering.waitlist-promoted',
    params: smsActivity,
    text: (p, locale, city) =>
      smsUnder(
        city,
        locale,
        locale === 'zh-CN'
          ? `您已从候补递补，获得“${p.title}”（${when(p, locale)}）的名额。如不能参加请取消报名。`
          : `You came off the waitlist for "${p.title}" (${when(p, locale)}). If you cannot come, please cancel.`,
      ),
  },
});

const activityParams = (a: Activity): ActivityParams => ({ title: a.title, startsAt: a.startsAt.toISOString(), place: a.place });

/** The organiser's decision on a sign-up, told to the volunteer. */
export async function queueSignupDecision(tx: Tx, tenantId: string, activity: Activity, userId: string, queueNumber: number, status: 'confirmed' | 'waitlisted' | 'rejected') {
  const to = { userId };
  const key = `${activity.id}:${userId}:${queueNumber}`;
  if (status === 'rejected') return queueMessage(tx, tenantId, signupDeclinedKind, to, activityParams(activity), `signup-declined:${key}`);
  return queueMessage(tx, tenantId, signupApprovedKind, to, { ...activityParams(activity), waitlisted: status === 'waitlisted' ? 1 : 0 }, `signup-approved:${key}`);
}

/** Volunteers who moved up from the waitlist, each told once for this sign-up. */
export async function queueWaitlistPromotions(tx: Tx, tenantId: string, activity: Activity, promoted: readonly { userId: string; queueNumber: number }[]) {
  const params = activityParams(activity);
  await queueMessages(
    tx,
    tenantId,
    waitlistPromotedKind,
    promoted.map(({ userId, queueNumber }) => ({ to: { userId }, params, idempotencyKey: `waitlist-promoted:${activity.id}:${userId}:${queueNumber}` })),
  );
}
