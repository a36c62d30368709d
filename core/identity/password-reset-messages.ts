import { defineMessages } from '../i18n/messages.ts';

/** Strings of the pages that set a new password by an email link or an SMS code. */
export const passwordResetMessages = defineMessages({
  'zh-CN': {
    forgotLink: '忘记密码？',
    forgotTitle: '找回密码',
    forgotIntro: '填写注册时使用的邮箱或手机号。邮箱会收到重置链接（30 分钟内有效），手机会收到短信验证码（10 分钟内有效）。',
    forgotSubmit: '发送',
    requestThrottled: (seconds: number) => `请求过于频繁，请 ${seconds} 秒后再试。`,

    linkSentTitle: '请查收邮件',
    linkSentBody: (email: string, minutes: number) =>
      `如果 ${email} 在本站有账户，我们已向它发送了一封含重置链接的邮件。链接 ${minutes} 分钟内有效，只能使用一次。没有收到？请检查垃圾邮件，或稍后重新申请。`,

    codeTitle: '输入短信验证码',
    codeIntro: (mobile: string, minutes: number) =>
      `如果 ${mobile} 在本站有账户，我们已向它发送了短信验证码，${minutes} 分钟内有效。请输入验证码并设置新密码。`,
    codeLabel: '验证码',
    codeHint: '短信中的 6 位数字。',
    codeInvalid: '请填写短信中的 6 位数字验证码。',
    codeWrong: (left: number) => `验证码不正确，还可以再试 ${left} 次。`,
    codeExpired: (minutes: number) => `验证码已过期（有效期 ${minutes} 分钟），请重新获取。`,
    codeUsed: '这个验证码已经用过了，请重新获取。',
    codeBurned: '验证码输错次数过多，已失效，请重新获取。',
    askAgain: '重新获取',

    newPasswordTitle: '设置新密码',
    newPasswordLabel: '新密码',
    newPasswordConfirmLabel: '再次输入新密码',
    newPasswordSubmit: '设置新密码',
    linkExpired: (minutes: number) => `这个链接已过期（有效期 ${minutes} 分钟），请重新申请。`,
    linkUsed: '这个链接已经用过了，请重新申请。',
    linkUnknown: '这个链接无效，请检查邮件中的链接，或重新申请。',
    passwordReset: '新密码已设置，所有设备上的登录均已退出。请用新密码登录。',
  },
  en: {
    forgotLink: 'Forgot your password?',
    forgotTitle: 'Reset your password',
    forgotIntro: 'Enter the email or mobile number of your account. An email gets a reset link (valid for 30 minutes), a mobile number an SMS code (valid for 10 minutes).',
    forgotSubmit: 'Send',
    requestThrottled: (seconds: number) => `Too many requests. Please try again in ${seconds} seconds.`,

    linkSentTitle: 'Check your email',
    linkSentBody: (email: string, minutes: number) =>
      `If ${email} has an account here, we have sent it an email with a reset link. The link works for ${minutes} minutes, once. Nothing arrived? Check the spam folder, or ask again later.`,

    codeTitle: 'Enter the SMS code',
    codeIntro: (mobile: string, minutes: number) =>
      `If ${mobile} has an account here, we have sent it an SMS code, valid for ${minutes} minutes. Enter the code and choose a new password.`,
    codeLabel: 'Code',
    codeHint: 'The 6 digits in the SMS.',
    codeInvalid: 'Please enter the 6-digit code from the SMS.',
    codeWrong: (left: number) => `The code is not right. ${left} more tries.`,
    codeExpired: (minutes: number) => `This code has expired (codes work for ${minutes} minutes). Please ask for a new one.`,
    codeUsed: 'This code was already used. Please ask for a new one.',
    codeBurned: 'Too many wrong codes: this code no longer works. Please ask for a new one.',
    askAgain: 'Ask for a new one',

    newPasswordTitle: 'Choose a new password',
    newPasswordLabel: 'New password',
    newPasswordConfirmLabel: 'New password again',
    newPasswordSubmit: 'Set the new password',
    linkExpired: (minutes: number) => `This link has expired (links work for ${minutes} minutes). Please ask for a new one.`,
    linkUsed: 'This link was already used. Please ask for a new one.',
    linkUnknown: 'This link is not valid. Check the link in the email, or ask for a new one.',
    passwordReset: 'Your new password is set and every device is signed out. Sign in with the new password.',
  },
});

export type PasswordResetMessages = (typeof passwordResetMessages)['zh-CN'];
