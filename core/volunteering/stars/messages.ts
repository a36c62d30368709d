import { defineMessages } from '../../i18n/messages.ts';

export const starMessages = defineMessages({
  'zh-CN': {
    title: '星级志愿者',
    intro: '志愿者经核实的服务时长达到下列小时数，自动评为一至五星；撤销记录使时长低于门槛时，星级随之调整。修改门槛会重新评定全部志愿者。',
    star: (n: number) => `${n}星（小时）`,
    save: '保存门槛',
    saved: '星级门槛已保存，全部志愿者已按新门槛重新评定。',
    increasing: '五个门槛须为递增的正整数。',
    list: '本市星级志愿者',
    volunteer: '志愿者',
    stars: '星级',
    hours: '已核实时长',
    starLevel: '星级',
    noStars: '未达到一星',
  },
  en: {
    title: 'Star volunteers',
    intro: 'A volunteer whose verified service reaches these hours is made a one- to five-star volunteer automatically; when a revocation drops the total below a threshold, the level follows. Changing the thresholds re-levels every volunteer.',
    star: (n: number) => `${n} star${n === 1 ? '' : 's'} (hours)`,
    save: 'Save the thresholds',
    saved: 'The thresholds are saved and every volunteer is re-levelled under them.',
    increasing: 'The five thresholds must be increasing whole numbers above zero.',
    list: 'Star volunteers of the city',
    volunteer: 'Volunteer',
    stars: 'Stars',
    hours: 'Verified time',
    starLevel: 'Star level',
    noStars: 'Not yet one star',
  },
});
