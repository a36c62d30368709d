import { defineMessages } from '../i18n/messages.ts';

/** The foundation's report across the cities it sponsors. */
export const reportMessages = defineMessages({
  'zh-CN': {
    navReport: '资助成效',
    title: '资助成效报告',
    intro: '您资助的模块在各城市取得的成效，只有数字，不含任何个人信息。每个城市的数字来自该城市自己的数据。',
    noSections: '这个城市还没有开通您资助的、提供成效报告的模块。',
    noCities: '平台运营方尚未为您的账户指定资助的城市，请联系平台运营方。',
  },
  en: {
    navReport: 'Impact',
    title: 'What your sponsorship achieved',
    intro: 'What the modules you sponsor achieved in each city: figures only, nothing about any person. Each city’s figures come from that city’s own data.',
    noSections: 'No module you sponsor that reports figures runs in this city yet.',
    noCities: 'The platform operator has not named the cities your account sponsors yet. Please contact the platform operator.',
  },
});
