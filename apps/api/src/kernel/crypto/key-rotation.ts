import type { DataSource } from 'typeorm';
import type { FieldCipher } from './field-cipher.js';

/**
 * Every encrypted column. The AAD of a value is `table|column|row id`, so the registry is all a
 * rotation needs to re-encrypt. A new encrypted column must be listed here (a test checks that every
 * `v1.` value in the database belongs to a listed column).
 */
export const ENCRYPTED_COLUMNS: readonly { table: string; column: string }[] = [
  { table: 'app_user', column: 'totp_secret' },
  { table: 'survivor', column: 'legal_name' },
  { table: 'survivor', column: 'preferred_name' },
  { table: 'survivor', column: 'date_of_birth' },
  { table: 'survivor', column: 'phone' },
  { table: 'survivor', column: 'email' },
  { table: 'survivor', column: 'address' },
  { table: 'survivor', column: 'safe_contact_instructions' },
  { table: 'intake', column: 'narrative' },
  { table: 'intake', column: 'recruitment_region' },
  { table: 'intake', column: 'exploitation_region' },
  { table: 'intake_revision', column: 'narrative' },
  { table: 'intake_revision', column: 'recruitment_region' },
  { table: 'intake_revision', column: 'exploitation_region' },
  { table: 'case_note', column: 'body' },
  /** A note being written (issue 13): features/case-notes/note-drafts.service.ts. */
  { table: 'case_note_draft', column: 'body' },
  { table: 'referral', column: 'reason' },
  { table: 'referral', column: 'outcome_note' },
  { table: 'goal', column: 'description' },
  { table: 'task', column: 'description' },
  { table: 'service_plan_version', column: 'content' },
  { table: 'idempotency_key', column: 'response_body' },
  { table: 'appointment', column: 'note' },
  /** A mail with a link, until it is sent (issue 14: features/notifications/mailer.service.ts). */
  { table: 'notification_outbox', column: 'body' },
  /** Case documents (issue 15): the wrapped data key, so rotation re-wraps it and never re-encrypts the content (docs/documents.md). */
  { table: 'document', column: 'wrapped_key' },
  { table: 'document', column: 'title' },
  { table: 'document', column: 'filename' },
  /** Services given (issue 16): the short note of each entry. */
  { table: 'service_delivery', column: 'note' },
  /** Immigration relief (issue 16): its note. */
  { table: 'immigration_relief', column: 'note' },
  /** Contacts before a case (issue 17): named details, the coarse area and the note. */
  { table: 'contact', column: 'name' },
  { table: 'contact', column: 'phone' },
  { table: 'contact', column: 'email' },
  { table: 'contact', column: 'area' },
  { table: 'contact', column: 'note' },
  { table: 'import_run', column: 'content' },
  /** The header row alone, so a run is shown without decrypting its sheet (workflows/imports/import-view.ts). */
  { table: 'import_run', column: 'header' },
  { table: 'import_run', column: 'dry_run' },
  { table: 'import_run', column: 'failures' },
];

/**
 * JSONB columns holding encrypted values as `{ "c": ciphertext }` under some keys (custom field values,
 * issue 18: case-file/custom-values.ts). The AAD's column is `<column>.<key>`.
 */
export const ENCRYPTED_JSON_COLUMNS: readonly { table: string; column: string }[] = [
  { table: 'survivor', column: 'custom' },
  { table: 'survivor_case', column: 'custom' },
  { table: 'intake', column: 'custom' },
  { table: 'intake_revision', column: 'custom' },
  { table: 'contact', column: 'custom' },
  { table: 'goal', column: 'custom' },
  { table: 'outcome_assessment', column: 'custom' },
  { table: 'referral', column: 'custom' },
];

export interface RotationReport {
  keyId: string;
  reencrypted: Record<string, number>;
  total: number;
}

/**
 * Re-encrypts every value not yet under the newest key, in batches, without touching `version` or
 * `updated_at` (a rotation is not an edit). Safe to run while Lantern serves requests: each update is
 * conditional on the old ciphertext, so a value rewritten meanwhile is simply picked up next pass.
 */
export async function rotateKeys(
  dataSource: DataSource,
  cipher: FieldCipher,
  onProgress: (table: string, column: string, done: number) => void = () => undefined,
  batchSize = 500,
  /** A part of the columns (one feature's, in its tests): all of ENCRYPTED_COLUMNS by default. */
  columns: readonly { table: string; column: string }[] = ENCRYPTED_COLUMNS,
  /** The JSONB columns too, unless only a part of the plain columns was asked for. */
  jsonColumns: readonly { table: string; column: string }[] = columns === ENCRYPTED_COLUMNS ? ENCRYPTED_JSON_COLUMNS : [],
): Promise<RotationReport> {
  const current = `v1.${cipher.activeKeyId}.`;
  const report: RotationReport = { keyId: cipher.activeKeyId, reencrypted: {}, total: 0 };
  for (const { table, column } of columns) {
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
          const fresh = cipher.encrypt(cipher.decrypt(row.value, where), where);
          await manager.query(`UPDATE ${table} SET ${column} = $1 WHERE id = $2 AND ${column} = $3`, [fresh, row.id, row.value]);
        }
      });
      done += rows.length;
      onProgress(table, column, done);
    }
    report.reencrypted[`${table}.${column}`] = done;
    report.total += done;
  }
  for (const { table, column } of jsonColumns) {
    let done = 0;
    for (;;) {
      const rows = (await dataSource.query(
        `SELECT t.id, e.key, e.value->>'c' AS value FROM ${table} t, jsonb_each(t.${column}) e
          WHERE jsonb_typeof(e.value) = 'object' AND left(e.value->>'c', $1) <> $2 LIMIT $3`,
        [current.length, current, batchSize],
      )) as { id: string; key: string; value: string }[];
      if (rows.length === 0) break;
      await dataSource.transaction(async (manager) => {
        for (const row of rows) {
          const where = { table, column: `${column}.${row.key}`, rowId: row.id };
          const fresh = cipher.encrypt(cipher.decrypt(row.value, where), where);
          await manager.query(
            `UPDATE ${table} SET ${column} = jsonb_set(${column}, ARRAY[$1::text], jsonb_build_object('c', $2::text)) WHERE id = $3 AND ${column}->$1->>'c' = $4`,
            [row.key, fresh, row.id, row.value],
          );
        }
      });
      done += rows.length;
      onProgress(table, column, done);
    }
    report.reencrypted[`${table}.${column}`] = done;
    report.total += done;
  }
  return report;
}
