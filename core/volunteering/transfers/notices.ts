import { formatDuration } from '../../i18n/format.ts';
import { defineMessageKind } from '../../messages/kinds.ts';
import { signedBy, subjectUnder } from '../shared/notice-text.ts';

/**
 * What a volunteer is told about their transfer between cities. The code is never
 * in a message: they read it on their transfer page, signed in on the city they leave.
 */
export const transferApprovedKind = defineMessageKind<{ destinationZh: string; destinationEn: string }>({
  id: 'volunteering.transfer-approved',
  essential: true,
  sensitive: false,
  channels: ['email'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: subjectUnder(city, locale, `您转移到${p.destinationZh}的申请已通过`),
          text: signedBy(city, locale, [
            `您申请将志愿服务记录转移接续到${p.destinationZh}，已获批准。`,
            `请在本平台“转移接续”页面查看转移码，再登录${p.destinationZh}的网站，在“转移接续”页面输入转移码接收记录。`,
          ]),
        }
      : {
          subject: subjectUnder(city, locale, `Your transfer to ${p.destinationEn} is approved`),
          text: signedBy(city, locale, [
            `Your request to transfer your volunteer record to ${p.destinationEn} is approved.`,
            `Read your transfer code on the "Transfer" page of this site, then sign in on ${p.destinationEn}'s site and enter it on its "Transfer" page to receive your record.`,
          ]),
        },
});

export const transferRefusedKind = defineMessageKind<{ reason: string }>({
  id: 'volunteering.transfer-refused',
  essential: true,
  sensitive: false,
  channels: ['email'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? { subject: subjectUnder(city, locale, '您的转移接续申请未获批准'), text: signedBy(city, locale, [`原因：${p.reason}`, '如有疑问，请联系本市志愿服务管理部门。']) }
      : { subject: subjectUnder(city, locale, 'Your transfer request was refused'), text: signedBy(city, locale, [`Reason: ${p.reason}`, 'If you have questions, contact the city’s volunteer service office.']) },
});

export const transferArrivedKind = defineMessageKind<{ originZh: string; originEn: string; records: number; minutes: number }>({
  id: 'volunteering.transfer-arrived',
  essential: true,
  sensitive: false,
  channels: ['email'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: subjectUnder(city, locale, `来自${p.originZh}的志愿服务记录已转入`),
          text: signedBy(city, locale, [`您在${p.originZh}的 ${p.records} 条志愿服务记录（共 ${formatDuration(p.minutes, locale)}）已转入本市，计入您的服务时长和星级。`]),
        }
      : {
          subject: subjectUnder(city, locale, `Your record from ${p.originEn} has arrived`),
          text: signedBy(city, locale, [`${p.records} service records from ${p.originEn} (${formatDuration(p.minutes, locale)}) have arrived and count in your hours and star level here.`]),
        },
});
