import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { hmacHex } from './hashing.js';

/** 16 bits: on purpose, each index value is shared by many people (docs/security-model.md, blind index). */
const INDEX_HEX_CHARS = 4;

/** Lower-case letters only, diacritics removed: "García-López" → ["garcia", "lopez"]. */
export function nameTokens(name: string | null | undefined): string[] {
  if (!name) return [];
  const plain = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return [...new Set(plain.split(/[^\p{L}]+/u).filter((t) => t.length >= 2))];
}

/**
 * Keyed, truncated HMAC of each name token with the birth year. Lets a caseworker find "Garcia, born
 * 1994" without the database holding a searchable name: the index narrows to candidates, which are
 * decrypted and compared in the application.
 */
@Injectable()
export class BlindIndex {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  entry(token: string, birthYear: number | null): string {
    return hmacHex(this.config.keys.blindIndexKey, `name|${token}|${birthYear ?? ''}`).slice(0, INDEX_HEX_CHARS);
  }

  /**
   * A keyed hash of a value that is matched but never read back (throttle counters, the name of a
   * search in its audit row): HMAC-SHA256 with the blind-index key, separated by purpose so the same
   * value hashes differently for each use. `hexChars` truncates it (16 bits: a value shared by many).
   */
  keyed(purpose: string, value: string, hexChars = 64): string {
    return hmacHex(this.config.keys.blindIndexKey, `${purpose}|${value}`).slice(0, hexChars);
  }

  /** Index values for a survivor's names. */
  forNames(names: (string | null | undefined)[], birthYear: number | null): string[] {
    const tokens = new Set(names.flatMap((n) => nameTokens(n)));
    return [...new Set([...tokens].map((t) => this.entry(t, birthYear)))].sort();
  }
}
