import { COUNTRY_CODES, LANGUAGE_CODES } from '@lantern/contracts';
import { describe, expect, it } from 'vitest';
import { codeChoices, codeName, fold, matchesCode } from './code-names';

const find = (choices: ReturnType<typeof codeChoices>, typed: string) => choices.filter((choice) => matchesCode(typed, choice)).map((choice) => choice.id);

describe('country and language pickers (issue 13: names, not codes)', () => {
  it('offers every committed ISO code, each under a name, stored as the code the API expects', () => {
    const countries = codeChoices('country', 'en');
    expect(countries).toHaveLength(COUNTRY_CODES.length);
    expect(countries.every((choice) => /^[A-Z]{2}$/.test(choice.id) && choice.name !== choice.id)).toBe(true);
    const languages = codeChoices('language', 'en');
    expect(languages).toHaveLength(LANGUAGE_CODES.length);
    expect(languages.every((choice) => /^[a-z]{2,3}$/.test(choice.id) && choice.name !== choice.id)).toBe(true);
  });

  it('finds Mexico by its name in English or Spanish, with or without accents, and by its code', () => {
    const english = codeChoices('country', 'en');
    expect(english.find((choice) => choice.id === 'MX')?.name).toBe('Mexico');
    for (const typed of ['Mexico', 'mex', 'México', 'MX']) expect(find(english, typed)).toContain('MX');
    expect(find(english, 'Mexico')).toEqual(['MX']);

    const spanish = codeChoices('country', 'es');
    expect(spanish.find((choice) => choice.id === 'MX')?.name).toBe('México');
    expect(find(spanish, 'mexico')).toEqual(['MX']);
    // The English name works in Spanish too: "Germany" finds Alemania.
    expect(find(spanish, 'Germany')).toEqual(['DE']);
  });

  it('matches the start of words, not any letters inside them', () => {
    const countries = codeChoices('country', 'en');
    expect(find(countries, 'united st')).toContain('US');
    expect(find(countries, 'xico')).toEqual([]);
  });

  it('names languages in the reader’s language, capitalized, and the Mayan languages Intl may not know by their own names', () => {
    expect(codeName('language', 'es', 'en')).toBe('Spanish');
    expect(codeName('language', 'es', 'es')).toBe('Español');
    expect(codeName('language', 'mam', 'es')).toBe('Mam');
    const languages = codeChoices('language', 'es');
    expect(find(languages, 'espa')).toContain('es');
    expect(find(languages, 'spanish')).toContain('es');
  });

  it('sorts by name in the reader’s language and keeps a stored code that is not in the list', () => {
    const spanish = codeChoices('country', 'es', ['XK']);
    const names = spanish.map((choice) => choice.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('es').compare));
    expect(spanish.some((choice) => choice.id === 'XK')).toBe(true);
    expect(codeChoices('country', 'en', ['MX']).filter((choice) => choice.id === 'MX')).toHaveLength(1);
  });

  it('folds case and accents', () => {
    expect(fold('  Perú ')).toBe('peru');
  });
});
