import { defineMessageKind } from '../../messages/kinds.ts';
import { signedBy, subjectUnder } from '../shared/notice-text.ts';

export type PolicyEndingParams = { organisation: string; insurer: string; policyNumber: string; endsOn: string };

/** To an organisation's administrators: a volunteer insurance policy ends within two weeks. Names no volunteer. */
export const policyEndingKind = defineMessageKind<PolicyEndingParams>({
  id: 'volunteering.insurance-ending',
  essential: true,
  sensitive: false,
  channels: ['email'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: subjectUnder(city, locale, `志愿者保险即将到期：${p.policyNumber}`),
          text: signedBy(city, locale, [
            `${p.organisation}的志愿者保险（${p.insurer}，保单号 ${p.policyNumber}）将于 ${p.endsOn} 到期。`,
            '到期后，要求保险的活动将不再接受该保单覆盖的志愿者报名。请及时续保，并在组织的“保单”页面记录新保单。',
          ]),
        }
      : {
          subject: subjectUnder(city, locale, `Volunteer insurance ends soon: ${p.policyNumber}`),
          text: signedBy(city, locale, [
            `The volunteer insurance of ${p.organisation} (${p.insurer}, policy ${p.policyNumber}) ends on ${p.endsOn}.`,
            'After that, activities that require cover will not take sign-ups from the volunteers it covers. Please renew it and record the new policy on the organisation’s Policies page.',
          ]),
        },
});
