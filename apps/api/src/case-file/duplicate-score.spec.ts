import { LIKELY_MATCH, matchQueryTerms, matchTerms, normalizeEmail, normalizePhone, scoreDuplicate, wordSimilarity } from './duplicate-score.js';
import { editDistance, soundSkeleton } from './name-matching.js';

/** Issue 17, part 3: the duplicate score and its features (docs/duplicates.md). */
describe('duplicate score', () => {
  it.each([
    ['Tatiana', 'Tatyana'],
    ['Tatiana', 'Tatjana'],
    ['Muhammad', 'Mohamed'],
    ['Elena', 'Helena'],
    ['Quintero', 'Quintreo'],
    ['Kovalenko', 'Kowalenko'],
  ])('%s and %s share a sound skeleton', (a, b) => {
    expect(soundSkeleton(a)).toBe(soundSkeleton(b));
  });

  it('counts edits, a swap of neighbours as one, and stops past the limit', () => {
    expect(editDistance('schowalter', 'schoawlter')).toBe(1);
    expect(editDistance('sporer', 'sporr')).toBe(1);
    expect(editDistance('banda', 'blanda')).toBe(1);
    expect(editDistance('natalia', 'catalina')).toBe(2);
    expect(editDistance('abc', 'abcdefgh')).toBe(3);
  });

  it('grades words: the same sound 1, the same skeleton 0.9, one typo 0.85, unlike 0', () => {
    expect(wordSimilarity('vasquez', 'basquez')).toBe(1);
    expect(wordSimilarity('kovalenko', 'kowalenko')).toBe(0.9);
    expect(wordSimilarity('tatiana', 'tatyana')).toBe(0.85);
    expect(wordSimilarity('kovalenko', 'kovalemko')).toBe(0.85);
    expect(wordSimilarity('natalia', 'catalina')).toBe(0);
    expect(wordSimilarity('ana', 'eva')).toBe(0);
  });

  it('normalizes phones to their last ten digits and e-mails to lower case without a tag', () => {
    expect(normalizePhone('+1 (415) 555-0142')).toBe('4155550142');
    expect(normalizePhone('415.555.0142')).toBe('4155550142');
    expect(normalizePhone('0044 7911 123456')).toBe('7911123456');
    expect(normalizePhone('12 34')).toBeNull();
    expect(normalizeEmail(' Oksana.K+intake@Example.org ')).toBe('oksana.k@example.org');
    expect(normalizeEmail('not-an-address')).toBeNull();
  });

  it('scores the same person under another spelling as likely, and a namesake born years apart as not', () => {
    const her = { legalName: 'Oksana Kovalenko', dateOfBirth: '1994-03-05', phone: '+1 415 555 0142' };
    const again = scoreDuplicate(her, { legalName: 'KOWALENKO, Oxana', dateOfBirth: '1994-05-03' });
    expect(again).toEqual({ score: 5.2, likely: true, reasons: ['name', 'dateOfBirth'] });
    expect(scoreDuplicate(her, { legalName: 'Oksana Kovalenko', birthYear: 1980 })).toMatchObject({ score: 1, likely: false });
    // A phone alone (families share one) is not enough; a phone and half the name with the year are.
    expect(scoreDuplicate(her, { phone: '4155550142' }).likely).toBe(false);
    expect(scoreDuplicate(her, { legalName: 'Oksana Smith', phone: '4155550142', birthYear: 1994 })).toMatchObject({ likely: true, reasons: ['name', 'birthYear', 'phone'] });
    // The same alias alone: listed by the check, never likely.
    expect(scoreDuplicate({ alias: 'Blue Heron' }, { alias: 'blue  herón' })).toEqual({ score: 1, likely: false, reasons: ['alias'] });
    expect(LIKELY_MATCH).toBe(3.5);
  });

  it('indexes sound keys, the date, the year, the phone and the e-mail; a query adds the years around and the swapped date', () => {
    const terms = matchTerms({ legalName: 'Oksana', dateOfBirth: '1994-03-05', phone: '415 555 0142', email: 'A@B.org' });
    expect(terms.sort()).toEqual(['d|1994-03-05', 'e|a@b.org', 'f|oksana', 's|aksn', 't|4155550142', 'y|1994'].sort());
    const query = matchQueryTerms({ dateOfBirth: '1994-03-05' });
    expect(query.sort()).toEqual(['d|1994-03-05', 'd|1994-05-03', 'y|1993', 'y|1994', 'y|1995'].sort());
  });
});
