/**
 * What a stranger checking a certificate may see of the volunteer: enough to
 * match the person in front of them, not enough to look them up.
 */

const HAN = /\p{Script=Han}/u;

/**
 * Chinese names keep the first and last character (黄志愿 → 黄*愿, 欧阳志愿 → 欧**愿,
 * 陈社 → 陈*); other names keep their first letter only (Alice Wong → A***),
 * so the length of a foreign name says nothing either.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (!HAN.test(name)) return `${chars[0]}***`;
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** `ALPHA-000042` → `ALP******042`: the ends to recognise it, the middle hidden. */
export function maskMiddle(value: string, keepStart = 3, keepEnd = 3): string {
  const chars = Array.from(value);
  if (chars.length <= keepStart + keepEnd + 1) return `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}`;
  return `${chars.slice(0, keepStart).join('')}${'*'.repeat(chars.length - keepStart - keepEnd)}${chars.slice(-keepEnd).join('')}`;
}
