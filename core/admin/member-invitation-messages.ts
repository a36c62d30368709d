import { defineMessages } from '../i18n/messages.ts';

/** Strings of the page where a city admin invites someone by email. */
export const memberInvitationMessages = defineMessages({
  'zh-CN': {
    inviteLink: '邀请成员',
    title: '邀请成员',
    intro: '填写对方的邮箱并选择角色。我们会把邀请链接发到这个邮箱；链接 7 天内有效，只能使用一次。',
    emailLabel: '邮箱',
    roleLabel: '角色',
    submit: '发送邀请',
    emailInvalid: '请填写有效的电子邮箱。',
    roleInvalid: '请选择一个角色。',
    sentTitle: '邀请已发送',
    sentBody: (email: string, role: string) => `已向 ${email} 发送以“${role}”身份加入本站的邀请邮件。未配置邮件服务时，也可以把下面的链接直接发给对方。`,
    linkLabel: '邀请链接',
    linkOnce: '此链接只显示这一次，本站只保存它的摘要。',
  },
  en: {
    inviteLink: 'Invite a member',
    title: 'Invite a member',
    intro: 'Enter their email and choose a role. We email them the invitation link; it works once, for 7 days.',
    emailLabel: 'Email',
    roleLabel: 'Role',
    submit: 'Send the invitation',
    emailInvalid: 'Please enter a valid email address.',
    roleInvalid: 'Please choose a role.',
    sentTitle: 'Invitation sent',
    sentBody: (email: string, role: string) => `An email inviting ${email} to join this site as "${role}" is on its way. Without mail configured, you can also send them the link below yourself.`,
    linkLabel: 'Invitation link',
    linkOnce: 'This link is shown only this once: the site keeps only a digest of it.',
  },
});
