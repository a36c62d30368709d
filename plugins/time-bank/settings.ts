import { z } from 'zod';
import { PROJECT_CATEGORIES, type ProjectCategory } from '../../core/plugin-api.ts';

/**
 * A city's time-bank rules, edited on /admin/plugins/time-bank. The admin form
 * is generated from this flat schema, so each category's multiplier is its own
 * number field (percent) rather than a nested map.
 */

export const CATEGORIES = Object.keys(PROJECT_CATEGORIES) as ProjectCategory[];
export const ROUNDINGS = ['hundredth', 'down', 'nearest', 'up'] as const;
export type Rounding = (typeof ROUNDINGS)[number];

type MultiplierKey = `multiplier_${ProjectCategory}`;
export const multiplierKey = (category: ProjectCategory): MultiplierKey => `multiplier_${category}`;

/** Elder care counts more by default, as in most municipal time banks. */
const DEFAULT_MULTIPLIER: Partial<Record<ProjectCategory, number>> = { elder_care: 150 };

const multipliers = Object.fromEntries(
  CATEGORIES.map((c) => [multiplierKey(c), z.number().int().min(0).max(1000).default(DEFAULT_MULTIPLIER[c] ?? 100)]),
) as Record<MultiplierKey, z.ZodDefault<z.ZodNumber>>;

export const settingsSchema = z.object({
  creditName: z.string().trim().min(1).max(10).default('时间币'),
  creditsPerHour: z.number().int().min(1).max(100).default(1),
  ...multipliers,
  rounding: z.enum(ROUNDINGS).default('hundredth'),
  /** 0: credits never expire; otherwise they expire this many years after they were earned. */
  expiryYears: z.number().int().min(0).max(20).default(0),
  allowNegativeBalance: z.boolean().default(false),
  /** Whole credits a member may give to family in a calendar year (China time); 0 turns transfers off. */
  familyTransferLimit: z.number().int().min(0).max(100000).default(50),
  withdrawalAge: z.number().int().min(0).max(120).default(60),
});

export type TimeBankSettings = z.output<typeof settingsSchema>;

const categoryLabels = Object.fromEntries(
  CATEGORIES.map((c) => [
    multiplierKey(c),
    { 'zh-CN': `倍率（%）：${PROJECT_CATEGORIES[c]['zh-CN']}`, en: `Multiplier (%): ${PROJECT_CATEGORIES[c].en}` },
  ]),
);

/** The choices of the rounding setting, as the settings form shows them. */
export const settingsOptionLabels = {
  rounding: {
    hundredth: { 'zh-CN': '保留两位小数', en: 'Keep hundredths (0.01)' },
    down: { 'zh-CN': '向下取整', en: 'Round down to whole credits' },
    nearest: { 'zh-CN': '四舍五入', en: 'Round to the nearest whole credit' },
    up: { 'zh-CN': '向上取整', en: 'Round up to whole credits' },
  },
};

export const settingsLabels = {
  creditName: { 'zh-CN': '积分名称（如“时间币”）', en: 'Name of a credit (e.g. 时间币)' },
  creditsPerHour: { 'zh-CN': '每核实 1 小时服务获得的积分', en: 'Credits per verified hour of service' },
  ...categoryLabels,
  rounding: { 'zh-CN': '积分取整方式', en: 'Rounding of credits' },
  expiryYears: { 'zh-CN': '积分有效期（年，0 为永久有效）', en: 'Credits expire after (years, 0 = never)' },
  allowNegativeBalance: { 'zh-CN': '撤销服务记录后余额可为负数', en: 'A revoked record may leave a negative balance' },
  familyTransferLimit: { 'zh-CN': '每人每年可转赠家人的积分上限（0 为不可转赠）', en: 'Credits a member may give to family per year (0 = off)' },
  withdrawalAge: { 'zh-CN': '本人兑换养老服务的最低年龄', en: 'Minimum age to withdraw credits as elder care' },
};

/** A multiplier in percent as a factor people read: 150 → `1.5`, 125 → `1.25`, 100 → `1` (no float arithmetic). */
export function multiplierFactor(percent: number): string {
  const fraction = String(percent % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${Math.floor(percent / 100)}.${fraction}` : String(percent / 100);
}

/**
 * Credits (in hundredths) earned for `minutes` of verified service of a category:
 * minutes × credits per hour × multiplier% / 60, rounded as the city chose.
 * Integers only: N is the exact amount in 1/6000 of a credit.
 */
export function creditsFor(settings: TimeBankSettings, category: string, minutes: number): number {
  const multiplier = (CATEGORIES as string[]).includes(category) ? settings[multiplierKey(category as ProjectCategory)] : 100;
  const n = minutes * settings.creditsPerHour * multiplier;
  switch (settings.rounding) {
    case 'hundredth':
      return Math.floor((2 * n + 60) / 120);
    case 'down':
      return Math.floor(n / 6000) * 100;
    case 'nearest':
      return Math.floor((n + 3000) / 6000) * 100;
    case 'up':
      return Math.ceil(n / 6000) * 100;
  }
}
