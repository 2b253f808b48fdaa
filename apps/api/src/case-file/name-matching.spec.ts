import { aliasKey, gradeName, indexTerms, nameWords, phoneticKey, queryTerms } from './name-matching.js';

describe('name matching (issue 13)', () => {
  it('folds accents, case and punctuation into words', () => {
    expect(nameWords('María José García-López')).toEqual(['maria', 'jose', 'garcia', 'lopez']);
    expect(nameWords("O'Neil  Núñez")).toEqual(['oneil', 'nunez']);
    expect(nameWords('  ')).toEqual([]);
    expect(nameWords(null)).toEqual([]);
  });

  it.each([
    ['Quinteros', 'Quintero'],
    ['Yesenia', 'Llesenia'],
    ['Vasquez', 'Basquez'],
    ['Vázquez', 'Vasquez'],
    ['Jimenez', 'Gimenez'],
    ['Ximena', 'Jimena'],
    ['Hernandez', 'Ernandes'],
    ['Rodriguez', 'Rodrigues'],
    ['Katherine', 'Catherine'],
    ['Guerrero', 'Guerero'],
    ['Stephanie', 'Stefanie'],
    ['Yvonne', 'Ivonne'],
  ])('%s sounds like %s', (a, b) => {
    expect(phoneticKey(a)).toBe(phoneticKey(b));
  });

  it.each([
    ['Maria', 'Mario'],
    ['Garcia', 'Garza'],
    ['Luis', 'Luisa'],
    ['Ana', 'Ema'],
  ])('%s does not sound like %s', (a, b) => {
    expect(phoneticKey(a)).not.toBe(phoneticKey(b));
  });

  it('grades exact over prefix over phonetic, and needs every query word', () => {
    const names = ['Yesenia Quintero Vásquez', 'Yesi'];
    expect(gradeName(['quintero'], names)?.grade).toBe('exact');
    expect(gradeName(['quin'], names)?.grade).toBe('prefix');
    expect(gradeName(['quinteros'], names)?.grade).toBe('phonetic');
    expect(gradeName(['llesenia', 'basquez'], names)?.grade).toBe('phonetic');
    expect(gradeName(['yesenia', 'quin'], names)?.grade).toBe('prefix');
    expect(gradeName(['yesenia', 'lopez'], names)).toBeNull();
    expect(gradeName(['qu'], names)).toBeNull(); // two letters are no prefix
    const exact = gradeName(['yesenia', 'quintero'], names)!;
    const mixed = gradeName(['yesenia', 'quinteros'], names)!;
    expect(exact.score).toBeGreaterThan(gradeName(['quin'], names)!.score);
    expect(gradeName(['quin'], names)!.score).toBeGreaterThan(mixed.score);
    expect(gradeName(['quin'], names, { prefix: false })).toBeNull();
  });

  it('indexes each word, its prefixes up to 8 letters and its sound; a query looks up the same terms', () => {
    const terms = indexTerms(['Quintero']);
    expect(terms).toEqual(expect.arrayContaining(['x|quintero', 'p|qui', 'p|quinter', 'p|quintero', `f|${phoneticKey('quintero')}`]));
    expect(terms.filter((t) => t.startsWith('p|'))).toHaveLength(6);
    expect(queryTerms('quinteros')).toEqual(['x|quinteros', 'p|quintero', `f|${phoneticKey('quintero')}`]);
    for (const term of queryTerms('quin')) if (term !== 'x|quin' && !term.startsWith('f|')) expect(terms).toContain(term);
  });

  it('compares aliases without case, accents or spacing', () => {
    expect(aliasKey('  Blue   Herón ')).toBe('blue heron');
    expect(aliasKey('blue-heron')).toBe(aliasKey('Blue Heron'));
  });
});
