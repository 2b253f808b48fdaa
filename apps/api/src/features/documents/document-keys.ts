import type { DataSource } from 'typeorm';
import type { FieldCipher } from '../../kernel/crypto/field-cipher.js';

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

/**
 * Re-encrypts every document value not yet under the newest key, in batches, each update conditional
 * on the value it read (safe beside live traffic, as `rotateKeys` is). Returns how many were rewritten.
 */
export async function rewrapDocumentKeys(dataSource: DataSource, cipher: FieldCipher, batchSize = 500): Promise<Record<string, number>> {
  const current = `v1.${cipher.activeKeyId}.`;
  const report: Record<string, number> = {};
  for (const { table, column } of DOCUMENT_ENCRYPTED_COLUMNS) {
    let done = 0;
    for (;;) {
      const rows = (await dataSource.query(
        `SELECT id, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL AND left(${column}, $1) <> $2 LIMIT $3`,
        [current.length, current, batchSize],
      )) as { id: string; value: string }[];
      if (rows.length === 0) break;
      await dataSource.transaction(async (manager) => {
        for (const row of rows) {
          const where = { table, column, rowId: row.id };
          await manager.query(`UPDATE ${table} SET ${column} = $1 WHERE id = $2 AND ${column} = $3`, [cipher.encrypt(cipher.decrypt(row.value, where), where), row.id, row.value]);
        }
      });
      done += rows.length;
    }
    report[`${table}.${column}`] = done;
  }
  return report;
}
