import { defineMessageKind, queueMessage, type CityWork } from '../../core/plugin-api.ts';

/**
 * What the applicant hears when a lawyer is designated to their case, by the
 * coordinator or by a lawyer taking the offered case: that it happened and where to
 * look, never the lawyer, the matter or a party.
 */
type Notice = { link: string };

export const designatedKind = defineMessageKind<Notice>({
  id: 'legal-aid-card.case-designated',
  essential: true,
  sensitive: true,
  channels: ['sms', 'email'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? { subject: `【${city['zh-CN']}】您的法律援助申请已指派律师`, text: `您的法律援助申请已指派律师承办，请登录网站查看进度：${p.link}` }
      : { subject: `${city.en}: a lawyer is designated to your legal-aid case`, text: `A lawyer has been designated to your legal-aid application. Sign in to follow it: ${p.link}` },
  sms: {
    template: 'legal-aid-card.case-designated',
    params: () => ({}),
    text: (_p, locale, city) => (locale === 'zh-CN' ? `【${city['zh-CN']}】您的法律援助申请已指派律师承办，请登录网站查看。` : `[${city.en}] A lawyer is designated to your legal-aid application. Sign in to see it.`),
  },
});

/** Queued in the designation's transaction: once per case, lawyer and moment. */
export async function notifyDesignated(w: CityWork, c: { id: string; applicantUserId: string }, lawyerId: string, siteUrl: string, now: Date): Promise<void> {
  await queueMessage(w.tx, w.tenantId, designatedKind, { userId: c.applicantUserId }, { link: `${siteUrl}/p/legal-aid-card/cases/${c.id}` }, `legal-aid-card:designated:${c.id}:${lawyerId}:${now.toISOString()}`);
}
