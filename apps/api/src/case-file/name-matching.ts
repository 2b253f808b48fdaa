/**
 * Tolerant matching of people's names (issue 13, search; issue 17 reuses it for duplicate checks).
 * Pure functions on plaintext: they run in the application only, on a query or on names just
 * decrypted. What reaches the database is keyed tokens of their results (case-file/survivor-name-index.ts).
 */

/** Accent-folded, lower-case letters: "García-López" → "garcia-lopez" (ñ → n, ü → u). */
export function foldName(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a name, folded, letters only, two letters or more: "María José O'Neil" → ["maria", "jose", "oneil"]. */
export function nameWords(value: string | null | undefined): string[] {
  if (!value) return [];
  const folded = foldName(value).replace(/['’`´]/g, '');
  return [...new Set(folded.split(/[^\p{L}]+/u).filter((w) => w.length >= 2))];
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const FRONT = new Set(['e', 'i', 'y']);

/**
 * A phonetic key for Spanish and English names, written for the spellings caseworkers meet (a small,
 * documented alternative to Double Metaphone, which keeps no vowels and tells "Quinteros" from
 * "Quintero"). On a folded word (accents gone, ñ → n):
 *
 * - `ph` → f; `ch`, `sh` → one sound; `qu` and `q` → k; `c` → s before e/i/y, else k;
 * - `gu` before e/i → g; `g` before e/i → j (Gimenez = Jimenez); an initial `x` → j (Ximena = Jimena),
 *   any other `x` → ks;
 * - `ll` → y (Llesenia = Yesenia); `y` before a vowel stays a consonant, otherwise it is the vowel i;
 * - `h` is silent; `z` → s; `v` → b (Vasquez = Basquez); `k` stays k;
 * - double letters count once (rr, ss, nn, tt), and a trailing `s` is dropped (Quinteros = Quintero).
 *
 * Vowels are kept: in Spanish they carry the difference between María and Mario.
 */
export function phoneticKey(word: string): string {
  const s = foldName(word).replace(/[^a-z]/g, '');
  let out = '';
  const push = (sound: string) => {
    for (const ch of sound) if (out[out.length - 1] !== ch) out += ch;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const n = s[i + 1] ?? '';
    const n2 = s[i + 2] ?? '';
    if (c === 'p' && n === 'h') { push('f'); i++; continue; }
    if ((c === 'c' || c === 's') && n === 'h') { push('#'); i++; continue; }
    if (c === 'q') { push('k'); if (n === 'u') i++; continue; }
    if (c === 'g' && n === 'u' && (n2 === 'e' || n2 === 'i')) { push('g'); i++; continue; }
    if (c === 'g') { push(FRONT.has(n) ? 'j' : 'g'); continue; }
    if (c === 'c') { push(FRONT.has(n) ? 's' : 'k'); continue; }
    if (c === 'l' && n === 'l') { push('y'); i++; continue; }
    if (c === 'y') { push(VOWELS.has(n) ? 'y' : 'i'); continue; }
    if (c === 'h') continue;
    if (c === 'z') { push('s'); continue; }
    if (c === 'v') { push('b'); continue; }
    if (c === 'x') { push(i === 0 ? 'j' : 'ks'); continue; }
    push(c);
  }
  if (out.length > 2 && out.endsWith('s')) out = out.slice(0, -1);
  return out;
}

/** Prefix tokens cover 3 to this many letters; a longer query is matched on its first letters and checked in full after decryption. */
export const MAX_PREFIX = 8;
export const MIN_PREFIX = 3;

/** How one query word met a name: the grades rank results (exact > prefix > phonetic). */
export type MatchGrade = 'exact' | 'prefix' | 'phonetic';
const GRADE_VALUE: Record<MatchGrade, number> = { exact: 3, prefix: 2, phonetic: 1 };

/** The plaintext terms a name gives the keyed index: each word, its prefixes, its phonetic key. */
export function indexTerms(names: (string | null | undefined)[]): string[] {
  const terms = new Set<string>();
  for (const word of names.flatMap((n) => nameWords(n))) {
    terms.add(`x|${word}`);
    for (let k = MIN_PREFIX; k <= Math.min(word.length, MAX_PREFIX); k++) terms.add(`p|${word.slice(0, k)}`);
    const key = phoneticKey(word);
    if (key.length >= 2) terms.add(`f|${key}`);
  }
  return [...terms];
}

/** The terms to look up for one query word: any of them makes a survivor a candidate for that word. */
export function queryTerms(word: string, options: { prefix?: boolean } = {}): string[] {
  const terms = [`x|${word}`];
  if (options.prefix !== false && word.length >= MIN_PREFIX) terms.push(`p|${word.slice(0, MAX_PREFIX)}`);
  const key = phoneticKey(word);
  if (key.length >= 2) terms.push(`f|${key}`);
  return terms;
}

/** How `queryWord` meets the best of `nameWordsOf`, or null when it does not. */
export function gradeWord(queryWord: string, words: string[], options: { prefix?: boolean } = {}): MatchGrade | null {
  if (words.includes(queryWord)) return 'exact';
  if (options.prefix !== false && queryWord.length >= MIN_PREFIX && words.some((w) => w.startsWith(queryWord))) return 'prefix';
  const key = phoneticKey(queryWord);
  if (key.length >= 2 && words.some((w) => phoneticKey(w) === key)) return 'phonetic';
  return null;
}

/**
 * How a query of one or more words meets a person's names: every query word must meet some name
 * word. The grade is the weakest of the words' grades (so "exact" means every word was found as
 * typed); `score` orders results within a grade (more exact words first).
 */
export function gradeName(
  query: string[],
  names: (string | null | undefined)[],
  options: { prefix?: boolean } = {},
): { grade: MatchGrade; score: number } | null {
  if (query.length === 0) return null;
  const words = names.flatMap((n) => nameWords(n));
  let weakest: MatchGrade = 'exact';
  let score = 0;
  for (const q of query) {
    const grade = gradeWord(q, words, options);
    if (!grade) return null;
    score += GRADE_VALUE[grade];
    if (GRADE_VALUE[grade] < GRADE_VALUE[weakest]) weakest = grade;
  }
  return { grade: weakest, score: GRADE_VALUE[weakest] * 1000 + score };
}

/** An alias compared without case, accents or spacing: "Blue  Herón" = "blue heron". */
export function aliasKey(alias: string): string {
  return foldName(alias).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * `alias` folded the way `aliasKey` (case-file/name-matching.ts) folds it, in SQL that runs on
 * PostgreSQL and PGlite alike (no unaccent or pg_trgm there): lower case, common Latin accents
 * removed, runs of other characters as one space. The application checks candidates with `aliasKey`.
 */
export const ALIAS_FOLD_SQL = (column: string) =>
  `btrim(regexp_replace(translate(lower(${column}), 'áàâäãåéèêëíìîïóòôöõúùûüñçý', 'aaaaaaeeeeiiiiooooouuuuncy'), '[^[:alnum:]]+', ' ', 'g'))`;

/**
 * A coarser sound key for duplicate checks (issue 17), in the spirit of Double Metaphone: the
 * consonant skeleton of `phoneticKey`, an initial vowel kept as `a`, the other vowels and the
 * semivowels (y, w) dropped, `j` after a consonant dropped (Tatjana = Tatiana = Tatyana). Vowel typos
 * and transliterations meet here ("Quintreo" = "Quintero", "Muhammad" = "Mohamed", "Elena" =
 * "Helena" = "Alena"), at the price of precision ("Maria" = "Mario"), which the score weighs
 * (case-file/duplicate-score.ts). Written here rather than taken from an npm package: the
 * `double-metaphone` package knows English spellings only and would be a new dependency.
 */
export function soundSkeleton(word: string): string {
  const key = phoneticKey(foldName(word).replace(/w/g, 'v'));
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const c = key[i]!;
    if ('aeiou'.includes(c)) {
      if (i === 0) out += 'a';
      continue;
    }
    if (c === 'y') continue;
    if (c === 'j' && i > 0 && !'aeiou'.includes(key[i - 1]!)) continue;
    if (out[out.length - 1] !== c) out += c;
  }
  return out;
}

/** Damerau–Levenshtein distance (adjacent transpositions count once), `max + 1` as soon as it is past `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  let before = new Int32Array(width);
  let previous = new Int32Array(width);
  let current = new Int32Array(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j < width; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, max + 1);
}
