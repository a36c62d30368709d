import { defineMessages } from '../i18n/messages.ts';

/** Strings of the page where a registration by mobile number waits for its SMS code. */
export const mobileRegistrationMessages = defineMessages({
  'zh-CN': {
    title: '验证手机号',
    intro: (mobile: string, minutes: number) => `我们已向 ${mobile} 发送短信验证码，${minutes} 分钟内有效。输入验证码后即完成注册。`,
    submit: '完成注册',
    resend: '重新发送验证码',
    resendIn: (seconds: number) => `${seconds} 秒后可以重新发送验证码。`,
    resendWait: (seconds: number) => `验证码刚刚发出，请 ${seconds} 秒后再申请新的验证码。`,
    resent: '新的验证码已发送，之前的验证码不再有效。',
    gone: '这次注册已完成或已失效，请重新注册。',
    alreadyRegistered: '这个手机号在本站已有账户。请直接登录；如忘记密码，可以找回密码。',
  },
  en: {
    title: 'Confirm your mobile number',
    intro: (mobile: string, minutes: number) => `We have sent an SMS code to ${mobile}, valid for ${minutes} minutes. Enter it to finish registering.`,
    submit: 'Finish registering',
    resend: 'Send a new code',
    resendIn: (seconds: number) => `You can ask for a new code in ${seconds} seconds.`,
    resendWait: (seconds: number) => `A code was just sent. Please wait ${seconds} seconds before asking for a new one.`,
    resent: 'A new code is on its way; the earlier one no longer works.',
    gone: 'This registration is finished or no longer valid. Please register again.',
    alreadyRegistered: 'This mobile number already has an account here. Sign in, or reset the password if you forgot it.',
  },
});
