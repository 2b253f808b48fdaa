import type { DataSource } from 'typeorm';
import type { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { rotateKeys } from '../../kernel/crypto/key-rotation.js';

/**
 * The encrypted columns of documents. The data key of each document is a FieldCipher value like any
 * other (envelope.ts), so key rotation re-wraps it, together with the title and file name, and never
 * reads or rewrites a chunk. The three are listed in ENCRYPTED_COLUMNS
 * (apps/api/src/kernel/crypto/key-rotation.ts), so `npm run keys:rotate` re-wraps them with everything
 * else; `rewrapDocumentKeys` does the documents' alone.
 */
export const DOCUMENT_ENCRYPTED_COLUMNS = [
  { table: 'document', column: 'wrapped_key' },
  { table: 'document', column: 'title' },
  { table: 'document', column: 'filename' },
] as const;

/** Re-wraps the documents' encrypted values alone (`rotateKeys` over DOCUMENT_ENCRYPTED_COLUMNS). */
export async function rewrapDocumentKeys(dataSource: DataSource, cipher: FieldCipher, batchSize = 500): Promise<Record<string, number>> {
  return (await rotateKeys(dataSource, cipher, undefined, batchSize, DOCUMENT_ENCRYPTED_COLUMNS)).reencrypted;
}
