import { hasMissing, splitRuns } from './pdf-fonts.js';

/** The font fallback of the subject access PDF (docs/subject-access.md, "Scripts in the PDF"). */
describe('splitRuns', () => {
  it('keeps plain Latin, with its accents, in one Latin run', () => {
    expect(splitRuns('María Núñez, 12 May.')).toEqual([{ subset: 'latin', text: 'María Núñez, 12 May.' }]);
  });

  it('draws Vietnamese letters from the Vietnamese subset and the rest from Latin', () => {
    expect(splitRuns('Nguyễn Thị Ơn')).toEqual([
      { subset: 'latin', text: 'Nguy' },
      { subset: 'vietnamese', text: 'ễ' },
      { subset: 'latin', text: 'n Th' },
      { subset: 'vietnamese', text: 'ị Ơ' }, // the space stays in the current run: the Vietnamese subset has one
      { subset: 'latin', text: 'n' },
    ]);
  });

  it('draws Cyrillic and Greek words from their subsets, punctuation from Latin', () => {
    expect(splitRuns('Иван Петров')).toEqual([{ subset: 'cyrillic', text: 'Иван Петров' }]);
    expect(splitRuns('Ελένη, Ѣ')).toEqual([
      { subset: 'greek', text: 'Ελένη' },
      { subset: 'latin', text: ', ' },
      { subset: 'cyrillic-ext', text: 'Ѣ' },
    ]);
  });

  it('puts Polish letters beyond Latin-1 in the Latin Extended subset', () => {
    expect(splitRuns('Łukasz')).toEqual([{ subset: 'latin-ext', text: 'Ł' }, { subset: 'latin', text: 'ukasz' }]);
  });

  it('leaves Thai and CJK, which no subset covers, in runs of their own without a subset', () => {
    expect(splitRuns('Name: สมชาย 東京')).toEqual([
      { subset: 'latin', text: 'Name: ' },
      { subset: null, text: 'สมชาย' },
      { subset: 'latin', text: ' ' },
      { subset: null, text: '東京' },
    ]);
    expect(hasMissing('Name: สมชาย')).toBe(true);
    expect(hasMissing('東')).toBe(true);
    expect(hasMissing('Nguyễn Иван Ελένη Łukasz')).toBe(false);
  });

  it('keeps line breaks in the current run, and after a text it cannot draw starts a Latin one with them', () => {
    expect(splitRuns('Иван\nПетров')).toEqual([{ subset: 'cyrillic', text: 'Иван\nПетров' }]);
    expect(splitRuns('東\nx')).toEqual([{ subset: null, text: '東' }, { subset: 'latin', text: '\nx' }]);
    expect(hasMissing('a\n\tb')).toBe(false);
  });

  it('returns no run for an empty text', () => {
    expect(splitRuns('')).toEqual([]);
  });
});
