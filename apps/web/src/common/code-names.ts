import { COUNTRY_CODES, LANGUAGE_CODES } from '@lantern/contracts';

/**
 * Countries and languages by name (issue 13: "Mexico" is picked by its name, the API stores `MX`).
 * Names come from the browser's Intl.DisplayNames in the reader's language; the codes offered are the
 * committed lists of libs/contracts/src/iso-codes.ts.
 */
export type CodeKind = 'country' | 'language';

export interface CodeChoice {
  /** The code the API stores: `MX`, `es`. */
  id: string;
  /** Its name in the reader's language: "Mexico", "México". */
  name: string;
  /** What a search is matched against: the name, the English name and the code, folded. */
  search: string;
}

/**
 * The few languages offered that Intl may not name (ISO 639-3 Mayan languages): their own names,
 * which are the same in English and Spanish.
 */
const OWN_NAMES: Record<string, string> = { mam: 'Mam', cak: 'Kaqchikel', kjb: 'Qʼanjobʼal', kek: 'Qʼeqchiʼ', quc: 'Kʼicheʼ' };

const displayNames = new Map<string, Intl.DisplayNames | null>();

function namesIn(locale: string, kind: CodeKind): Intl.DisplayNames | null {
  const cacheKey = `${locale}|${kind}`;
  if (!displayNames.has(cacheKey)) {
    try {
      displayNames.set(cacheKey, new Intl.DisplayNames(locale, { type: kind === 'country' ? 'region' : 'language', fallback: 'none' }));
    } catch {
      displayNames.set(cacheKey, null);
    }
  }
  return displayNames.get(cacheKey) ?? null;
}

function nameIn(locale: string, kind: CodeKind, code: string): string | undefined {
  try {
    const name = namesIn(locale, kind)?.of(code);
    return name && name !== code ? name : undefined;
  } catch {
    // A code Intl refuses (a malformed one stored long ago): no name.
    return undefined;
  }
}

/** A code's name in `locale` (else in English, else its own name), or the code itself when none is known. */
export function codeName(kind: CodeKind, code: string, locale: string): string {
  const name = nameIn(locale, kind, code) ?? nameIn('en', kind, code) ?? OWN_NAMES[code] ?? code;
  // Intl writes some language names in lower case in Spanish ("español"); a choice starts with a capital.
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/** Lower case, without accents or marks: "México" and "mexico" are the same search. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * The choices of a picker, sorted by name in the reader's language. Codes already chosen that the list
 * does not have (a record from before the lists) are kept, so nothing stored is dropped on save.
 */
export function codeChoices(kind: CodeKind, locale: string, selected: readonly string[] = []): CodeChoice[] {
  const codes: readonly string[] = kind === 'country' ? COUNTRY_CODES : LANGUAGE_CODES;
  const all = [...codes, ...selected.filter((code) => typeof code === 'string' && !codes.includes(code))];
  const collator = new Intl.Collator(locale);
  return all
    .map((id) => {
      const name = codeName(kind, id, locale);
      const english = codeName(kind, id, 'en');
      return { id, name, search: fold(`${name} ${english} ${id}`) };
    })
    .sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * Whether a choice answers what was typed: every word typed starts a word of its name (in the reader's
 * language or English), or the whole of it is the code. "mex", "Mexico", "méxico" and "MX" find Mexico.
 */
export function matchesCode(typed: string, choice: CodeChoice): boolean {
  const query = fold(typed);
  if (!query) return true;
  if (query === choice.id.toLowerCase()) return true;
  const words = choice.search.split(/[\s,()'’ʼ-]+/).filter(Boolean);
  return query.split(/\s+/).every((part) => words.some((word) => word.startsWith(part)));
}
