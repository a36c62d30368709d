import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../core/csv.ts';

describe('the one CSV writer', () => {
  it('makes every cell that a spreadsheet would run as a formula inert with a leading quote (OWASP: = + - @ tab CR)', () => {
    for (const hostile of ['=HYPERLINK("http://evil.example","x")', '+1+cmd', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', '-', '-1e5', '- 5']) {
      expect(csvCell(hostile), JSON.stringify(hostile)).toBe(`'${hostile}`);
    }
    for (const harmless of ['李雷', 'a=b', ' =text', '1+1', '', '12.50']) expect(csvCell(harmless)).toBe(harmless);
  });

  it('keeps numbers numbers: a negative amount, as a number or as exact decimal text, is not quoted', () => {
    expect(toCsv([[-1.5, '-12.34', 0, '-7'], ['备注', null, undefined, Number.NaN]])).toBe('-1.5,-12.34,0,-7\n备注,,,\n');
  });

  it('quotes what needs quoting and writes the byte-order mark and CRLF when asked', () => {
    expect(toCsv([['a,b', '说"好"', '=x\ny']], { bom: true, windows: true })).toBe('\uFEFF"a,b","说""好""","\'=x\ny"\r\n');
    expect(toCsv([], { bom: true })).toBe('\uFEFF');
  });
});
