/**
 * The duplicate score (issue 17, part 3; docs/duplicates.md): how alike a draft survivor and an
 * existing one are, from the same features the keyed match index holds (case-file/survivor-match-index.ts).
 * Pure functions on plaintext, run in the application only: on a draft being typed, or on a candidate's
 * fields just decrypted. What reaches the database is keyed, truncated hashes of `matchTerms`.
 */
import { editDistance, foldName, nameWords, phoneticKey, soundSkeleton } from './name-matching.js';

export interface MatchPerson {
  alias?: string | null;
  legalName?: string | null;
  preferredName?: string | null;
  /** ISO date. */
  dateOfBirth?: string | null;
  birthYear?: number | null;
  phone?: string | null;
  email?: string | null;
}

export type MatchReason = 'alias' | 'name' | 'dateOfBirth' | 'birthYear' | 'phone' | 'email';
export const MATCH_REASONS: readonly MatchReason[] = ['alias', 'name', 'dateOfBirth', 'birthYear', 'phone', 'email'];

/**
 * The weights, documented in docs/duplicates.md. Names give `6 × similarity − 2` (`nameSimilarity`: the
 * same name 4, one word of two alike 1, nothing alike -2). The same date
 * of birth 3; one with day and month swapped, or only the day or the month different, 1.5; two dates
 * known and different within a year 0 (dates of birth given at intake are often estimated). Without two
 * dates: the same birth year 1, a year apart 0.5. Two or more years apart -3 (different people, whatever
 * the name says). The same phone 3, the same e-mail 3, the same alias 1 (aliases are drawn from few
 * words: many people share one).
 */
export const DUPLICATE_WEIGHTS = {
  nameScale: 6,
  nameOffset: -2,
  dateOfBirth: 3,
  dateOfBirthNear: 1.5,
  birthYear: 1,
  birthYearNear: 0.5,
  birthYearConflict: -3,
  phone: 3,
  email: 3,
  alias: 1,
} as const;

/** A score at or above this is a likely match: the same name with nothing against it, or half a name with the same date of birth and phone. */
export const LIKELY_MATCH = 3.5;

/** Digits only, without the international prefix (00): the last 10 digits (the national number in most plans), 7 digits at least. */
export function normalizePhone(value: string | null | undefined): string | null {
  if (!value) return null;
  const digits = value.replace(/\D/g, '').replace(/^00/, '');
  return digits.length >= 7 ? digits.slice(-10) : null;
}

/** Trimmed, lower case, without a "+tag" in the local part. */
export function normalizeEmail(value: string | null | undefined): string | null {
  if (!value) return null;
  const folded = value.trim().toLowerCase();
  const at = folded.lastIndexOf('@');
  if (at < 1 || at === folded.length - 1) return null;
  return `${folded.slice(0, at).replace(/\+.*$/, '')}${folded.slice(at)}`;
}

/** A name word with its sound keys, worked out once. */
interface Word {
  text: string;
  phonetic: string;
  skeleton: string;
  /** Which letters a–z occur, one bit each: an edit changes two bits at most, so words far apart are told cheaply. */
  letters: number;
}
function toWord(text: string): Word {
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 97;
    letters |= 1 << (c >= 0 && c < 26 ? c : 26);
  }
  return { text, phonetic: phoneticKey(text), skeleton: soundSkeleton(text), letters };
}

/** The number of letters in one word and not in the other (a population count). */
function letterGap(a: number, b: number): number {
  let x = a ^ b;
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** How alike two folded name words are: 1 the same or sounding the same, 0.9 the same sound skeleton, 0.85 one typo, 0.7 two typos in a long word. */
export function wordSimilarity(a: string, b: string): number {
  return similarity(toWord(a), toWord(b));
}

function similarity(wa: Word, wb: Word): number {
  const a = wa.text;
  const b = wb.text;
  if (a === b) return 1;
  if (wa.phonetic.length >= 2 && wa.phonetic === wb.phonetic) return 1;
  if (wa.skeleton.length >= 3 && wa.skeleton === wb.skeleton) return 0.9;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return 0;
  // An edit changes the letter counts by 2 at most (a swap of neighbours, by none).
  const gap = letterGap(wa.letters, wb.letters);
  if (gap > 4 || (gap > 2 && shorter < 7)) return 0;
  const distance = editDistance(a, b, 2);
  if (distance <= 1) return 0.85;
  if (distance === 2 && shorter >= 9) return 0.7;
  return 0;
}

/**
 * How alike two sets of name words are, in [0, 1], whatever their order: each word pairs with at most
 * one of the other's, best pairs first, over the shorter set (two words at least, so one shared first
 * name is half a match). A name dropped ("María Quintero" for "María Elena Quintero") costs nothing.
 */
export function wordsSimilarity(a: string[], b: string[]): number {
  return setSimilarity(a.map(toWord), b.map(toWord));
}

function setSimilarity(a: Word[], b: Word[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const pairs: [number, number, number][] = [];
  a.forEach((x, i) => b.forEach((y, j) => {
    const s = similarity(x, y);
    if (s > 0) pairs.push([s, i, j]);
  }));
  pairs.sort((p, q) => q[0] - p[0]);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let sum = 0;
  for (const [s, i, j] of pairs) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    sum += s;
  }
  return Math.min(1, sum / Math.max(2, Math.min(a.length, b.length)));
}

const words = (...names: (string | null | undefined)[]) => [...new Set(names.flatMap((n) => nameWords(n)))];

/** A person's match features, worked out once: a check scores one draft against hundreds of candidates. */
export interface PreparedPerson {
  person: MatchPerson;
  legal: Word[];
  all: Word[];
  phone: string | null;
  email: string | null;
  alias: string;
}

export function preparePerson(person: MatchPerson): PreparedPerson {
  const legal = words(person.legalName).map(toWord);
  const extra = words(person.preferredName).filter((w) => !legal.some((l) => l.text === w)).map(toWord);
  return {
    person,
    legal,
    all: [...legal, ...extra],
    phone: normalizePhone(person.phone),
    email: normalizeEmail(person.email),
    alias: person.alias ? aliasFold(person.alias) : '',
  };
}

/** The better of legal name to legal name, and all names to all names (a preferred name may be the one a caller gave). */
function nameSimilarity(a: PreparedPerson, b: PreparedPerson): number {
  const legal = setSimilarity(a.legal, b.legal);
  if (legal >= 1 || (a.all.length === a.legal.length && b.all.length === b.legal.length)) return legal;
  return Math.max(legal, setSimilarity(a.all, b.all));
}

const yearOf = (p: MatchPerson): number | null => p.birthYear ?? (p.dateOfBirth ? Number(p.dateOfBirth.slice(0, 4)) : null);

function datePoints(a: MatchPerson, b: MatchPerson): { points: number; reason?: MatchReason } {
  if (a.dateOfBirth && b.dateOfBirth) {
    if (a.dateOfBirth === b.dateOfBirth) return { points: DUPLICATE_WEIGHTS.dateOfBirth, reason: 'dateOfBirth' };
    const [ya, ma, da] = a.dateOfBirth.split('-');
    const [yb, mb, db] = b.dateOfBirth.split('-');
    if (ya === yb && ((ma === db && da === mb) || ma === mb || da === db)) return { points: DUPLICATE_WEIGHTS.dateOfBirthNear, reason: 'dateOfBirth' };
  }
  const ya = yearOf(a);
  const yb = yearOf(b);
  if (ya === null || yb === null) return { points: 0 };
  const apart = Math.abs(ya - yb);
  const bothDates = Boolean(a.dateOfBirth && b.dateOfBirth);
  if (apart === 0) return { points: bothDates ? 0 : DUPLICATE_WEIGHTS.birthYear, reason: 'birthYear' };
  if (apart === 1) return { points: bothDates ? 0 : DUPLICATE_WEIGHTS.birthYearNear, reason: 'birthYear' };
  return { points: DUPLICATE_WEIGHTS.birthYearConflict };
}

/** The key an alias is compared by: folded, letters and digits only. */
const aliasFold = (alias: string) => foldName(alias).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export interface DuplicateScore {
  score: number;
  likely: boolean;
  /** What matched, in MATCH_REASONS order. */
  reasons: MatchReason[];
}

/** The score of a pair and what made it (weights in DUPLICATE_WEIGHTS). */
export function scoreDuplicate(a: MatchPerson | PreparedPerson, b: MatchPerson | PreparedPerson): DuplicateScore {
  const pa = 'legal' in a ? a : preparePerson(a);
  const pb = 'legal' in b ? b : preparePerson(b);
  const reasons = new Set<MatchReason>();
  let score = 0;
  const name = nameSimilarity(pa, pb);
  if (pa.all.length > 0 && pb.all.length > 0) score += DUPLICATE_WEIGHTS.nameScale * name + DUPLICATE_WEIGHTS.nameOffset;
  if (name >= 0.5) reasons.add('name');
  const date = datePoints(pa.person, pb.person);
  score += date.points;
  if (date.reason) reasons.add(date.reason);
  if (pa.phone && pa.phone === pb.phone) {
    score += DUPLICATE_WEIGHTS.phone;
    reasons.add('phone');
  }
  if (pa.email && pa.email === pb.email) {
    score += DUPLICATE_WEIGHTS.email;
    reasons.add('email');
  }
  if (pa.alias !== '' && pa.alias === pb.alias) {
    score += DUPLICATE_WEIGHTS.alias;
    reasons.add('alias');
  }
  score = Math.round(score * 100) / 100;
  return { score, likely: score >= LIKELY_MATCH, reasons: MATCH_REASONS.filter((r) => reasons.has(r)) };
}

/** Each kind of term and the weight a query gives it when ranking candidates in SQL. */
export const TERM_WEIGHT: Record<string, number> = { s: 2, f: 2, d: 3, y: 1, t: 3, e: 3 };

/**
 * The plaintext terms of a survivor for the keyed match index: the sound key and the sound skeleton of
 * each name word, the date of birth, the birth year, the phone and the e-mail, normalized.
 */
export function matchTerms(p: MatchPerson): string[] {
  const terms = new Set<string>();
  for (const word of words(p.legalName, p.preferredName)) {
    const key = phoneticKey(word);
    if (key.length >= 2) terms.add(`f|${key}`);
    const skeleton = soundSkeleton(word);
    if (skeleton.length >= 2) terms.add(`s|${skeleton}`);
  }
  if (p.dateOfBirth) terms.add(`d|${p.dateOfBirth}`);
  const year = yearOf(p);
  if (year !== null) terms.add(`y|${year}`);
  const phone = normalizePhone(p.phone);
  if (phone) terms.add(`t|${phone}`);
  const email = normalizeEmail(p.email);
  if (email) terms.add(`e|${email}`);
  return [...terms];
}

/** The terms a draft looks up: its own, the birth year ± 1, and the date of birth with day and month swapped. */
export function matchQueryTerms(p: MatchPerson): string[] {
  const terms = new Set(matchTerms(p));
  const year = yearOf(p);
  if (year !== null) {
    terms.add(`y|${year - 1}`);
    terms.add(`y|${year + 1}`);
  }
  if (p.dateOfBirth) {
    const [y, m, d] = p.dateOfBirth.split('-');
    if (Number(d) <= 12) terms.add(`d|${y}-${d}-${m}`);
  }
  return [...terms];
}
