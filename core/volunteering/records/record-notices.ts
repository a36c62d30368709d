import type { Tx } from '../../db/database.ts';
import { formatDate, formatDuration } from '../../i18n/format.ts';
import { defineMessageKind } from '../../messages/kinds.ts';
import { queueMessage, queueMessages } from '../../messages/outbox.ts';
import { signedBy, smsUnder, subjectUnder } from '../shared/notice-text.ts';
import { toLocalDateInput } from '../shared/time.ts';

/**
 * What a volunteer is told when the organiser decides on their hours: verified
 * (with the minutes as posted, which may be corrected) or rejected with the
 * organiser's reason, as their hours page shows it. One message a record and decision.
 */

type RecordParams = { project: string; serviceDate: string; minutes: number };
const day = (p: RecordParams, locale: 'zh-CN' | 'en') => formatDate(new Date(p.serviceDate), locale);

export const hoursVerifiedKind = defineMessageKind<RecordParams>({
  id: 'volunteering.hours-verified',
  essential: true,
  sensitive: false,
  channels: ['email', 'sms'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: subjectUnder(city, locale, `服务时长已核实：${formatDuration(p.minutes, locale)}`),
          text: signedBy(city, locale, [
            `您在“${p.project}”${day(p, locale)}的服务时长 ${formatDuration(p.minutes, locale)} 已由组织者核实，计入您的志愿服务记录。`,
            '可在“我的服务时长”中查看，并开具志愿服务证明。',
          ]),
        }
      : {
          subject: subjectUnder(city, locale, `Hours verified: ${formatDuration(p.minutes, locale)}`),
          text: signedBy(city, locale, [
            `The organiser verified ${formatDuration(p.minutes, locale)} of your service for "${p.project}" on ${day(p, locale)}; it is now on your volunteer record.`,
            'See "My hours", where you can also get a service certificate.',
          ]),
        },
  sms: {
    template: 'volunteering.hours-verified',
    params: (p) => ({ project: p.project.slice(0, 30), date: toLocalDateInput(new Date(p.serviceDate)), duration: formatDuration(p.minutes, 'zh-CN') }),
    text: (p, locale, city) =>
      smsUnder(
        city,
        locale,
        locale === 'zh-CN'
          ? `您在“${p.project}”${day(p, locale)}的服务时长${formatDuration(p.minutes, locale)}已核实。`
          : `${formatDuration(p.minutes, locale)} of your service for "${p.project}" on ${day(p, locale)} was verified.`,
      ),
  },
});

export const hoursRejectedKind = defineMessageKind<RecordParams & { reason: string }>({
  id: 'volunteering.hours-rejected',
  essential: true,
  sensitive: false,
  channels: ['email', 'sms'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: subjectUnder(city, locale, `服务时长未通过核实：${p.project}`),
          text: signedBy(city, locale, [
            `您在“${p.project}”${day(p, locale)}的服务记录未通过组织者核实。`,
            `原因：${p.reason}`,
            '如有异议，可在“我的服务时长”中对这条记录提出。',
          ]),
        }
      : {
          subject: subjectUnder(city, locale, `Hours not verified: ${p.project}`),
          text: signedBy(city, locale, [
            `The organiser did not verify your service record for "${p.project}" on ${day(p, locale)}.`,
            `Reason: ${p.reason}`,
            'If you disagree, you can object to the record under "My hours".',
          ]),
        },
  sms: {
    template: 'volunteering.hours-rejected',
    params: (p) => ({ project: p.project.slice(0, 30), date: toLocalDateInput(new Date(p.serviceDate)), reason: p.reason.slice(0, 30) }),
    text: (p, locale, city) =>
      smsUnder(
        city,
        locale,
        locale === 'zh-CN'
          ? `您在“${p.project}”${day(p, locale)}的服务记录未通过核实，原因：${p.reason}`
          : `Your service record for "${p.project}" on ${day(p, locale)} was not verified. Reason: ${p.reason}`,
      ),
  },
});

export type DecidedRecord = { id: string; volunteerUserId: string; project: string; startedAt: Date; minutes: number };
const recordParams = (r: DecidedRecord): RecordParams => ({ project: r.project, serviceDate: r.startedAt.toISOString(), minutes: r.minutes });

/** Each verified record told to its volunteer (the outbox finds their addresses and choices). */
export async function queueHoursVerified(tx: Tx, tenantId: string, records: readonly DecidedRecord[]) {
  await queueMessages(
    tx,
    tenantId,
    hoursVerifiedKind,
    records.map((record) => ({ to: { userId: record.volunteerUserId }, params: recordParams(record), idempotencyKey: `hours-verified:${record.id}` })),
  );
}

export async function queueHoursRejected(tx: Tx, tenantId: string, record: DecidedRecord, reason: string) {
  await queueMessage(tx, tenantId, hoursRejectedKind, { userId: record.volunteerUserId }, { ...recordParams(record), reason }, `hours-rejected:${record.id}`);
}
