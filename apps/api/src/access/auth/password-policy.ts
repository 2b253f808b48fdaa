import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@lantern/contracts';

const PRODUCT_NAMES = ['lantern'];

/**
 * Below this many guesses (zxcvbn's estimate, 10^8: its score 3) a password is refused as easy to
 * guess, whatever its length: `123456789012345`, a keyboard walk, a word repeated.
 */
const MIN_GUESSES_LOG10 = 8;

interface Checker {
  /** Every common password of the list, lower-cased, for the exact check. */
  common: Set<string>;
  /** How many entries the dictionaries hold (common and breached passwords, words, names). */
  entries: number;
  estimate(password: string): { guessesLog10: number; warning: string | null };
}

let checker: Promise<Checker> | null = null;

/**
 * The dictionaries of the zxcvbn-ts project (a well-kept package, shipped in node_modules, no network):
 * its 49,000 most common (breached) passwords and diceware words, and the English words, first names,
 * last names and Wikipedia terms its matcher finds inside a password — about 236,000 entries — with its
 * matchers for sequences, repeats, keyboard walks and dates. Loaded on first use.
 */
function passwordChecker(): Promise<Checker> {
  checker ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
    ([core, common, en]) => {
      const dictionary = { ...common.dictionary, ...en.dictionary };
      const zxcvbn = new core.ZxcvbnFactory({ dictionary, graphs: common.adjacencyGraphs, translations: en.translations });
      return {
        common: new Set((common.dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())),
        entries: Object.values(dictionary).reduce((n, words) => n + (words as unknown[]).length, 0),
        estimate(password: string) {
          const result = zxcvbn.check(password);
          return { guessesLog10: result.guessesLog10, warning: result.feedback.warning };
        },
      };
    },
  );
  return checker;
}

/** How many entries the password dictionaries hold (the list must have at least 100,000, issue 11). */
export async function passwordDictionarySize(): Promise<number> {
  return (await passwordChecker()).entries;
}

/** Strips everything but letters and digits, lower-cased: `Lantern-2026!` → `lantern2026`. */
function letters(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * NIST SP 800-63B: length between 15 and 128 characters, no composition rules, and no password that
 * is common, or is only the product's or the organization's name dressed up with digits and symbols.
 * Returns the problem in words, or null when the password is acceptable.
 */
export async function passwordProblem(
  password: string,
  context: { organizationNames?: string[]; email?: string } = {},
): Promise<string | null> {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const normalized = password.toLowerCase();
  const { common: list, estimate } = await passwordChecker();
  if (list.has(normalized) || list.has(letters(password))) return 'is too common; choose a less predictable one';

  const alpha = normalized.replace(/[^\p{L}]/gu, '');
  const names = [...PRODUCT_NAMES, ...(context.organizationNames ?? []).map(letters)].filter((n) => n.length >= 3);
  const localPart = context.email?.split('@')[0];
  if (localPart && letters(localPart).length >= 3) names.push(letters(localPart).replace(/\d/g, ''));
  for (const name of names) {
    // "lanternlantern2026!" and similar: only a name repeated, plus digits and symbols.
    if (alpha.length > 0 && alpha.split(name).join('') === '') return 'must not be based on the product, organization or your own name';
  }
  if (new Set(normalized).size <= 3) return 'is too repetitive';
  // Sequences, repeats, keyboard walks, dates and common passwords or words strung together.
  const { guessesLog10, warning } = estimate(password);
  if (guessesLog10 < MIN_GUESSES_LOG10) {
    const why = warning ? `: ${warning.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())}` : '';
    return `is too easy to guess${why}; choose a less predictable one, such as a few unrelated words`;
  }
  return null;
}
