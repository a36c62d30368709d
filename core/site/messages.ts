import { defineMessages } from '../i18n/messages.ts';

export const siteMessages = defineMessages({
  'zh-CN': {
    navHome: '首页',
    navMembers: '成员与角色',
    navPlugins: '功能模块',
    navAudit: '审计日志',
    homeTitle: '首页',
    welcome: (city: string) => `欢迎来到${city}志愿服务平台`,
    intro: '社工引领志愿者，志愿者协助社工。在这里报名参加志愿服务、记录服务时长、获取服务证明。',
    joinNow: '注册成为志愿者',
    haveAccount: '已有账户？登录',
    hello: (name: string) => `您好，${name}`,
    modules: '本市已开通的功能',
    noModules: '本市尚未开通其他功能模块。',
  },
  en: {
    navHome: 'Home',
    navMembers: 'Members and roles',
    navPlugins: 'Modules',
    navAudit: 'Audit log',
    homeTitle: 'Home',
    welcome: (city: string) => `Welcome to ${city} volunteer services`,
    intro: 'Social workers lead volunteers, volunteers assist social workers. Sign up for service, record your hours and get certificates here.',
    joinNow: 'Register as a volunteer',
    haveAccount: 'Have an account? Sign in',
    hello: (name: string) => `Hello, ${name}`,
    modules: 'Modules this city runs',
    noModules: 'This city runs no extra modules yet.',
  },
});
