import { inertCell } from './csv.js';

describe('inertCell: the one CSV-injection rule of the files written by hand', () => {
  it('neutralizes a cell a spreadsheet would run: = + - @ tab CR at the start', () => {
    for (const formula of ['=1+1', '=HYPERLINK("http://x")', '@SUM(A1)', '+A1', '-A1', '+(1)', '- 3', '+', '-', '\t=1', '\r=1', "-2+3+cmd|' /C calc'!A0", '+1+A1', '-1*SUM(A1:A9)', '+1\n=1']) {
      expect(inertCell(formula)).toBe(`'${formula}`);
    }
  });

  it('keeps a + or - followed by a digit (a phone number, a negative figure), and ordinary text', () => {
    for (const kept of ['+1 555 0100', '-3', '-0.5', '+34 600 000 000', '+1 (555) 010-0100', '-1,250.75', 'Ana', 'a=b', ' =1', '', "'=1"]) {
      expect(inertCell(kept)).toBe(kept);
    }
  });
});
