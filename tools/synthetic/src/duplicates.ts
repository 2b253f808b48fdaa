import type { Faker } from '@faker-js/faker';
import { generateSurvivors } from './cases.js';
import type { SyntheticSurvivor } from './types.js';

/**
 * A labelled set of duplicates for measuring the duplicate check (issue 17, part 3; docs/duplicates.md):
 * a synthetic population (cases.ts) in which some people are registered a second time the
 * way it happens at intake: a name misspelt, transliterated another way, in another order or shorter;
 * the date of birth with day and month swapped, only the year, or nothing; another phone or none.
 * Deterministic for a seed. Every name is invented or a common given name or surname.
 */

/** Spellings of one name met in transliterations from Spanish, Ukrainian, Russian, Arabic, Vietnamese, Igbo and Hausa. */
const GIVEN_VARIANTS: readonly (readonly string[])[] = [
  ['Yesenia', 'Llesenia', 'Jesenia'],
  ['Jimena', 'Ximena', 'Gimena'],
  ['Tatiana', 'Tatyana', 'Tatjana'],
  ['Yulia', 'Julia', 'Iuliia', 'Yuliya'],
  ['Olga', 'Olha'],
  ['Natalia', 'Nataliya', 'Natalya'],
  ['Oksana', 'Oxana'],
  ['Svetlana', 'Svitlana'],
  ['Aisha', 'Ayesha', 'Aysha'],
  ['Fatima', 'Fatimah', 'Fatma'],
  ['Mariam', 'Maryam'],
  ['Khadija', 'Khadijah', 'Hadiza'],
  ['Nguyet', 'Nguyệt'],
  ['Stephanie', 'Stefanie', 'Estefania'],
  ['Catalina', 'Katalina'],
  ['Xiomara', 'Siomara'],
  ['Elena', 'Helena', 'Alena'],
  ['Ekaterina', 'Yekaterina', 'Katerina'],
  ['Daria', 'Darya', 'Dariya'],
  ['Sofia', 'Sophia', 'Sofiya'],
  ['Valeria', 'Valéria', 'Baleria'],
  ['Lucia', 'Lucía', 'Luzia'],
  ['Ngozi', 'Ngozie'],
  ['Amina', 'Aminah', 'Ameena'],
];
const SURNAME_VARIANTS: readonly (readonly string[])[] = [
  ['Hernandez', 'Hernández', 'Ernandez'],
  ['Vasquez', 'Vázquez', 'Basquez'],
  ['Gonzalez', 'González', 'Gonzales'],
  ['Rodriguez', 'Rodríguez', 'Rodrigues'],
  ['Jimenez', 'Giménez', 'Ximenez'],
  ['Quintero', 'Quinteros'],
  ['Kovalenko', 'Kowalenko'],
  ['Shevchenko', 'Sevcenko', 'Schewtschenko'],
  ['Ivanova', 'Iwanowa'],
  ['Popescu', 'Popesku'],
  ['Nguyen', 'Nguyễn'],
  ['Tran', 'Trần'],
  ['Mohammed', 'Muhammad', 'Mohamed'],
  ['Hussein', 'Husain', 'Hussain'],
  ['Okafor', 'Okafo'],
  ['Chavez', 'Chávez', 'Chaves'],
  ['Guerrero', 'Guerero'],
  ['Castillo', 'Castiyo'],
  ['Morales', 'Moralez'],
  ['Bondarenko', 'Bondarenco'],
  ['Mendoza', 'Mendosa'],
  ['Flores', 'Florez'],
];

export interface PlantedDuplicates {
  /** The population and the second registrations, shuffled together. */
  people: SyntheticSurvivor[];
  /** Each planted duplicate as [original id, duplicate id]. */
  pairs: [string, string][];
}

/** One misspelling: a letter dropped, doubled, replaced by a neighbour on the keyboard, or two swapped (not the first letter). */
function typo(faker: Faker, word: string): string {
  if (word.length < 4) return word;
  const i = faker.number.int({ min: 1, max: word.length - 2 });
  const neighbours: Record<string, string> = { a: 's', e: 'r', i: 'o', o: 'i', u: 'y', n: 'm', m: 'n', r: 't', s: 'a', t: 'r', l: 'k', d: 's', c: 'v', z: 'x', g: 'h' };
  switch (faker.number.int({ min: 0, max: 3 })) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return word.slice(0, i) + (neighbours[word[i]!.toLowerCase()] ?? 'e') + word.slice(i + 1);
    default:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  }
}

function variantOf(faker: Faker, word: string, groups: readonly (readonly string[])[]): string | null {
  const group = groups.find((g) => g.includes(word));
  if (!group) return null;
  return faker.helpers.arrayElement(group.filter((w) => w !== word));
}

/** The name given at the second registration. */
function nameVariant(faker: Faker, legalName: string): string {
  const words = legalName.split(' ');
  const first = words[0]!;
  const last = words[words.length - 1]!;
  const middle = words.slice(1, -1);
  const kind = faker.helpers.weightedArrayElement([
    { value: 'same', weight: 15 },
    { value: 'typo', weight: 30 },
    { value: 'transliteration', weight: 20 },
    { value: 'swapped', weight: 15 },
    { value: 'shorter', weight: 10 },
    { value: 'typo-and-swapped', weight: 10 },
    // Harder: a misspelling in every word, or another first name altogether (a nickname, a name used at work).
    { value: 'typos', weight: 5 },
    { value: 'otherFirstName', weight: 5 },
  ]);
  switch (kind) {
    case 'typo': {
      const which = faker.number.int({ min: 0, max: words.length - 1 });
      return words.map((w, i) => (i === which ? typo(faker, w) : w)).join(' ');
    }
    case 'transliteration': {
      const given = variantOf(faker, first, GIVEN_VARIANTS);
      const surname = variantOf(faker, last, SURNAME_VARIANTS);
      if (!given && !surname) return [first, ...middle, typo(faker, last)].join(' ');
      return [given ?? first, ...middle, surname ?? last].join(' ');
    }
    case 'swapped':
      return faker.datatype.boolean() ? [last, first, ...middle].join(' ') : `${last.toUpperCase()}, ${[first, ...middle].join(' ')}`;
    case 'shorter':
      return middle.length > 0 ? `${first} ${last}` : `${first} ${middle.join(' ')} ${last} ${faker.person.lastName()}`.replace(/\s+/g, ' ');
    case 'typo-and-swapped':
      return [typo(faker, last), first, ...middle].join(' ');
    case 'typos':
      return words.map((w) => typo(faker, w)).join(' ');
    case 'otherFirstName':
      return [faker.person.firstName('female'), ...middle, last].join(' ');
    default:
      return legalName;
  }
}

function secondRegistration(faker: Faker, original: SyntheticSurvivor, alias: string): SyntheticSurvivor {
  const dob = faker.helpers.weightedArrayElement([
    { value: 'same', weight: 60 },
    { value: 'swapped', weight: 10 },
    { value: 'dayTypo', weight: 8 },
    { value: 'yearOnly', weight: 12 },
    { value: 'unknown', weight: 10 },
  ]);
  const [y, m, d] = original.dateOfBirth.split('-');
  let dateOfBirth: string | null = original.dateOfBirth;
  let birthYear: number | null = original.birthYear;
  if (dob === 'swapped' && Number(d) <= 12 && d !== m) dateOfBirth = `${y}-${d}-${m}`;
  if (dob === 'dayTypo') dateOfBirth = `${y}-${m}-${String(Math.min(28, Math.max(1, Number(d) + faker.helpers.arrayElement([-1, 1])))).padStart(2, '0')}`;
  if (dob === 'yearOnly') {
    dateOfBirth = null;
    birthYear = original.birthYear + faker.helpers.weightedArrayElement([
      { value: 0, weight: 3 },
      { value: -1, weight: 1 },
      { value: 1, weight: 1 },
    ]);
  }
  if (dob === 'unknown') {
    dateOfBirth = null;
    birthYear = null;
  }
  const phone = faker.helpers.weightedArrayElement([
    { value: original.phone?.replace(/^\+1 (\d{3}) (\d{3}) (\d{4})$/, '($1) $2-$3') ?? null, weight: 45 },
    { value: null, weight: 35 },
    { value: `+1 ${faker.number.int({ min: 201, max: 989 })} 555 02${String(faker.number.int({ min: 0, max: 99 })).padStart(2, '0')}`, weight: 20 },
  ]);
  const email = faker.helpers.weightedArrayElement([
    { value: original.email?.toUpperCase() ?? null, weight: 35 },
    { value: null, weight: 50 },
    { value: faker.internet.exampleEmail().toLowerCase(), weight: 15 },
  ]);
  return {
    ...original,
    id: faker.string.uuid(),
    alias,
    legalName: nameVariant(faker, original.legalName),
    // The name she goes by is rarely asked the same way twice.
    preferredName: faker.datatype.boolean({ probability: 0.5 }) ? original.preferredName : null,
    dateOfBirth: dateOfBirth as string,
    birthYear: birthYear as number,
    phone,
    email,
  };
}

/**
 * `population` survivors, a third of them with names from the transliteration groups above, and
 * `duplicates` of them registered a second time (each person at most once), all shuffled.
 */
export function plantDuplicates(faker: Faker, population: number, duplicates: number, now: Date): PlantedDuplicates {
  const people = generateSurvivors(faker, population, now).map((person) => {
    if (!faker.datatype.boolean({ probability: 0.35 })) return person;
    // A given name or a surname (or both, then with a second surname) from the transliteration groups.
    const words = person.legalName.split(' ');
    const given = faker.helpers.arrayElement(GIVEN_VARIANTS)[0]!;
    const surname = faker.helpers.arrayElement(SURNAME_VARIANTS)[0]!;
    const kind = faker.number.int({ min: 0, max: 9 });
    if (kind < 5) return { ...person, legalName: [given, ...words.slice(1)].join(' ') };
    if (kind < 8) return { ...person, legalName: [...words.slice(0, -1), surname].join(' ') };
    return { ...person, legalName: `${given} ${surname} ${faker.person.lastName()}` };
  });
  const originals = faker.helpers.arrayElements(people, duplicates);
  const pairs: [string, string][] = [];
  const seconds = originals.map((original) => {
    const second = secondRegistration(faker, original, faker.helpers.arrayElement(people).alias);
    pairs.push([original.id, second.id]);
    return second;
  });
  return { people: faker.helpers.shuffle([...people, ...seconds]), pairs };
}
