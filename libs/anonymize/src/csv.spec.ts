import fc from 'fast-check';
import { csvCell, csvRow, inertCell } from './csv.js';

describe('inertCell: the one CSV-injection rule of every file written by hand', () => {
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

describe('csvCell', () => {
  it('quotes per RFC 4180 and doubles embedded quotes', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('a "b", c\r\nd')).toBe('"a ""b"", c\r\nd"');
    expect(csvRow(['a', '1'])).toBe('"a","1"\r\n');
  });

  it.each(['=SUM(A1)', '+A1', '-2+3+cmd|\' /C calc\'!A0', '+1+A1', '@cmd', '\tx', '\rx'])('defuses the formula %j with a leading apostrophe', (value) => {
    expect(csvCell(value)).toBe(`"'${value}"`);
  });

  it.each(['+1 555 0100', '-2', '15'])('keeps the phone number or figure %j as it is', (value) => {
    expect(csvCell(value)).toBe(`"${value}"`);
  });

  it('round-trips any string through a minimal RFC 4180 parser, formula prefix aside', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const cell = csvCell(value);
        expect(cell.startsWith('"') && cell.endsWith('"')).toBe(true);
        const inner = cell.slice(1, -1);
        expect(inner.replace(/""/g, '')).not.toContain('"');
        const parsed = inner.replace(/""/g, '"');
        expect(parsed).toBe(inertCell(value));
        expect([value, `'${value}`]).toContain(parsed);
        // What is left starting like a formula is a phone number or a figure, nothing else.
        expect(/^[=@\t\r]/.test(parsed)).toBe(false);
        if (/^[+-]/.test(parsed)) expect(parsed).toMatch(/^[+-]\d[\d .,()/-]*$/);
      }),
    );
  });
});
