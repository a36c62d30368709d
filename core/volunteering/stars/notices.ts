import { defineMessageKind } from '../../messages/kinds.ts';
import { signedBy, subjectUnder } from '../shared/notice-text.ts';

/** A volunteer reached a star level; the count of stars and the hours it needed, nothing else. */
export const starEarnedKind = defineMessageKind<{ stars: number; hours: number }>({
  id: 'volunteering.star-earned',
  essential: false,
  sensitive: false,
  channels: ['email'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: subjectUnder(city, locale, `您已成为${p.stars}星级志愿者`),
          text: signedBy(city, locale, [`您经核实的志愿服务时长已达到 ${p.hours} 小时，成为${p.stars}星级志愿者。感谢您的付出！`, '星级会显示在您的志愿服务记录和此后开具的证明上。']),
        }
      : {
          subject: subjectUnder(city, locale, `You are now a ${p.stars}-star volunteer`),
          text: signedBy(city, locale, [`Your verified service has reached ${p.hours} hours: you are now a ${p.stars}-star volunteer. Thank you!`, 'Your stars show on your service record and on the certificates you make from now on.']),
        },
});
