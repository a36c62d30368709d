import { defineMessageKind } from '../messages/kinds.ts';

/*
 * What identity sends. Each carries a secret (a link or a code), so each is
 * sensitive (an admin never reads the body) and essential (nobody can opt out
 * of getting back into their own account).
 */

export const passwordResetLinkKind = defineMessageKind<{ link: string; minutes: number }>({
  id: 'identity.password-reset-link',
  essential: true,
  sensitive: true,
  channels: ['email'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: `${city['zh-CN']}：重置密码`,
          text: `您好：\n\n有人（希望是您本人）请求重置您在${city['zh-CN']}志愿服务站点的密码。请在 ${p.minutes} 分钟内打开下面的链接设置新密码（链接只能使用一次）：\n\n${p.link}\n\n如果不是您本人的请求，请忽略本邮件，您的密码不会改变。`,
        }
      : {
          subject: `${city.en}: reset your password`,
          text: `Hello,\n\nSomeone (we hope you) asked to reset your password on the ${city.en} volunteer site. Open this link within ${p.minutes} minutes to choose a new password (it works once):\n\n${p.link}\n\nIf it was not you, ignore this email: your password stays as it is.`,
        },
});

export const passwordResetCodeKind = defineMessageKind<{ code: string; minutes: number }>({
  id: 'identity.password-reset-code',
  essential: true,
  sensitive: true,
  channels: ['sms'],
  sms: {
    template: 'password_reset_code',
    params: (p) => ({ code: p.code, minutes: String(p.minutes) }),
    text: (p, locale, city) =>
      locale === 'zh-CN'
        ? `【${city['zh-CN']}】您的重置密码验证码是 ${p.code}，${p.minutes} 分钟内有效。如非本人操作，请忽略。`
        : `[${city.en}] Your password reset code is ${p.code}, valid for ${p.minutes} minutes. If it was not you, ignore this.`,
  },
});

export const mobileRegistrationCodeKind = defineMessageKind<{ code: string; minutes: number }>({
  id: 'identity.registration-code',
  essential: true,
  sensitive: true,
  channels: ['sms'],
  sms: {
    template: 'registration_code',
    params: (p) => ({ code: p.code, minutes: String(p.minutes) }),
    text: (p, locale, city) =>
      locale === 'zh-CN'
        ? `【${city['zh-CN']}】您的注册验证码是 ${p.code}，${p.minutes} 分钟内有效。如非本人操作，请忽略。`
        : `[${city.en}] Your registration code is ${p.code}, valid for ${p.minutes} minutes. If it was not you, ignore this.`,
  },
});

export const invitationKind = defineMessageKind<{ link: string; roleZh: string; roleEn: string; days: number }>({
  id: 'identity.invitation',
  essential: true,
  sensitive: true,
  channels: ['email'],
  email: (p, locale, city) =>
    locale === 'zh-CN'
      ? {
          subject: `邀请您加入${city['zh-CN']}志愿服务平台`,
          text: `您好：\n\n您受邀以“${p.roleZh}”身份加入${city['zh-CN']}志愿服务平台。请在 ${p.days} 天内打开下面的链接设置密码（链接只能使用一次）：\n\n${p.link}\n\n如果您不认识邀请人，请忽略本邮件。`,
        }
      : {
          subject: `You are invited to the ${city.en} volunteer platform`,
          text: `Hello,\n\nYou are invited to the ${city.en} volunteer platform as "${p.roleEn}". Open this link within ${p.days} days to set your password (it works once):\n\n${p.link}\n\nIf you do not know who invited you, ignore this email.`,
        },
});
