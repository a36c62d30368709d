import type { Tx } from '../../db/database.ts';
import { formatDate, formatDuration } from '../../i18n/format.ts';
import { defineMessageKind } from '../../messages/kinds.ts';
import { queueMessage } from '../../messages/outbox.ts';
import { signedBy, subjectUnder } from '../shared/notice-text.ts';
import { parseLocalDate } from '../shared/time.ts';
import { groupCode } from './service.ts';

/**
 * A certificate ready: its period, total and verification code, and the public
 * check page the printed certificate's QR code points to (`/verify/<code>`, no
 * name in it). Sensitive: the code opens a page with the volunteer's real name
 * and number, which is theirs to hand out, not an operator's to read.
 */

type CertificateParams = { from: string; to: string; minutes: number; code: string; verifyUrl: string };
const period = (p: CertificateParams, locale: 'zh-CN' | 'en') => `${formatDate(parseLocalDate(p.from)!, locale)} – ${formatDate(parseLocalDate(p.to)!, locale)}`;

export const certificateReadyKind = defineMessageKind<CertificateParams>({
  id: 'volunteering.certificate-ready',
  essential: true,
  sensitive: true,
  channels: ['email'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: subjectUnder(city, locale, '您的志愿服务证明已开具'),
          text: signedBy(city, locale, [
            `您 ${period(p, locale)} 的志愿服务证明已开具，共计 ${formatDuration(p.minutes, locale)}。`,
            `核验码：${groupCode(p.code)}`,
            `任何人都可以在此核验：${p.verifyUrl}`,
            '请只把核验码交给需要查验证明的单位：凭码可看到证明上的姓名和志愿者编号。',
          ]),
        }
      : {
          subject: subjectUnder(city, locale, 'Your volunteer service certificate is ready'),
          text: signedBy(city, locale, [
            `Your volunteer service certificate for ${period(p, locale)} is ready: ${formatDuration(p.minutes, locale)} in all.`,
            `Verification code: ${groupCode(p.code)}`,
            `Anyone can check it at ${p.verifyUrl}`,
            'Give the code only to whoever needs to check the certificate: it shows the name and volunteer number on it.',
          ]),
        },
});

/** `verifyHome` is the city site's `/verify` address as the request reached it. */
export async function queueCertificateReady(
  tx: Tx,
  tenantId: string,
  certificate: { id: string; code: string; volunteerUserId: string; periodFrom: string; periodTo: string; totalMinutes: number },
  verifyHome: string,
) {
  const params = { from: certificate.periodFrom, to: certificate.periodTo, minutes: certificate.totalMinutes, code: certificate.code, verifyUrl: `${verifyHome}/${certificate.code}` };
  await queueMessage(tx, tenantId, certificateReadyKind, { userId: certificate.volunteerUserId }, params, `certificate-ready:${certificate.id}`);
}
