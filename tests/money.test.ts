import { describe, expect, it } from 'vitest';
import { formatFen, MAX_FEN, parseYuan } from '../core/i18n/money.ts';

describe('money in fen', () => {
  it('reads what people type as exact fen', () => {
    expect(parseYuan('0.01')).toBe(1);
    expect(parseYuan('9999999.99')).toBe(999_999_999);
    expect(parseYuan('9,999,999.99')).toBe(999_999_999);
    expect(parseYuan(' ¥12.5 ')).toBe(1250);
    expect(parseYuan('￥100')).toBe(10_000);
    expect(parseYuan('0.1')).toBe(10);
    // Floats would make 0.29 * 100 = 28.999999999999996.
    expect(parseYuan('0.29')).toBe(29);
  });

  it('refuses what is not a positive amount with at most two decimals', () => {
    for (const bad of ['', '0', '0.00', '-1', '1.234', 'abc', '1e3', '1.', '.5', '12,34', String(MAX_FEN / 100 + 1)]) {
      expect([bad, parseYuan(bad)]).toEqual([bad, null]);
    }
  });

  it('shows fen as yuan with grouping and two decimals', () => {
    expect(formatFen(1, 'zh-CN')).toBe('¥0.01');
    expect(formatFen(999_999_999, 'zh-CN')).toBe('¥9,999,999.99');
    expect(formatFen(123_456, 'en')).toBe('¥1,234.56');
    expect(formatFen(-50, 'en')).toBe('-¥0.50');
  });
});
