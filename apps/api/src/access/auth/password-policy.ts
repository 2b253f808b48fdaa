import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@lantern/contracts';

const PRODUCT_NAMES = ['lantern'];
let common: Promise<Set<string>> | null = null;

/**
 * The 49,000 most common passwords of the zxcvbn-ts project (well over the 10,000 of docs/security-model.md),
 * loaded on first use.
 */
function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())),
  );
  return common;
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
  const list = await commonPasswords();
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
  return null;
}
