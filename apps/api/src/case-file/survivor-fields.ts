import { SURVIVOR_PII_FIELDS, type SurvivorPiiField } from '@lantern/contracts';
import type { FieldCipher } from '../kernel/crypto/field-cipher.js';
import type { Survivor } from './survivor.entity.js';
import type { Plain } from '../kernel/http/serialize.js';

const COLUMN: Record<SurvivorPiiField, string> = {
  legalName: 'legal_name',
  preferredName: 'preferred_name',
  dateOfBirth: 'date_of_birth',
  phone: 'phone',
  email: 'email',
  address: 'address',
  safeContactInstructions: 'safe_contact_instructions',
};

const where = (id: string, field: SurvivorPiiField) => ({ table: 'survivor', column: COLUMN[field], rowId: id });

/** Encrypts the PII fields present in `values` for the survivor `id`; other fields pass through. */
export function encryptSurvivorPii(cipher: FieldCipher, id: string, values: Plain): Plain {
  const out: Plain = { ...values };
  for (const field of SURVIVOR_PII_FIELDS) {
    const value = values[field];
    if (value === undefined) continue;
    out[field] = value === null || value === '' ? null : cipher.encrypt(String(value), where(id, field));
  }
  return out;
}

/** Decrypts only the PII fields the caller may read (`wanted`), so nothing else is ever in memory in clear. */
export function decryptSurvivorPii(cipher: FieldCipher, row: Survivor, wanted: Set<string>): Partial<Record<SurvivorPiiField, string | null>> {
  const out: Partial<Record<SurvivorPiiField, string | null>> = {};
  for (const field of SURVIVOR_PII_FIELDS) {
    if (!wanted.has(field)) continue;
    const value = row[field];
    out[field] = value === null ? null : cipher.decrypt(value, where(row.id, field));
  }
  return out;
}

/** The survivor as a plain object; PII fields hold clear text only where `clear` provides it. */
export function survivorPlain(row: Survivor, clear: Partial<Record<SurvivorPiiField, string | null>> = {}): Plain {
  return {
    id: row.id,
    organizationId: row.organizationId,
    alias: row.alias,
    ...clear,
    birthYear: row.birthYear,
    gender: row.gender,
    pronouns: row.pronouns,
    citizenship: row.citizenship,
    languages: row.languages,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export const SURVIVOR_COLUMN = COLUMN;
