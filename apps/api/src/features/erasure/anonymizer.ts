import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { DocumentScans } from '../documents/index.js';
import { ERASED_TABLES, SURVIVOR_DATA } from './survivor-data-map.js';

export interface ErasureOutcome {
  survivorId: string;
  caseNumbers: string[];
}

/**
 * Anonymizes one survivor by the map of survivor-data-map.ts. Two steps, because documents may live in
 * S3 and the embedded database has one connection: `purgeDocuments` first (each document's content and
 * data key destroyed by the documents feature, in transactions of its own, audited there), then `erase`
 * in the caller's transaction, which also writes the caller's audit rows. Both are safe to repeat: a run
 * that fails half-way is run again.
 */
@Injectable()
export class Anonymizer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly documents: DocumentScans,
    private readonly audit: AuditService,
  ) {}

  async purgeDocuments(survivorId: string): Promise<void> {
    const rows = (await this.dataSource.query(`SELECT id FROM document WHERE survivor_id = $1 AND purged_at IS NULL ORDER BY id`, [survivorId])) as { id: string }[];
    for (const { id } of rows) await this.documents.purge(id);
  }

  /**
   * Scrubs every table of the map, deletes the blind-index rows and marks the survivor anonymized, then
   * writes one audit row (`delete` on the survivor, naming the tables, never a value). The case rows
   * stay, so her case numbers are returned for the purge report.
   */
  async erase(manager: EntityManager, survivorId: string, now: Date, audit: { organizationId: string; reason: string; actor?: null }): Promise<ErasureOutcome> {
    // Her row first, locked: two runs on one survivor wait for each other.
    await manager.query(`SELECT id FROM survivor WHERE id = $1 FOR UPDATE`, [survivorId]);
    for (const entry of SURVIVOR_DATA) {
      const where = `(${entry.rows})`;
      const { erasure } = entry;
      if (erasure.kind === 'keep') continue;
      if (erasure.kind === 'delete') {
        await manager.query(`DELETE FROM "${entry.table}" t WHERE ${where}`, [survivorId]);
        continue;
      }
      const sets = [
        ...(erasure.clear ?? []).map((column) => `"${column}" = NULL`),
        ...Object.entries(erasure.set ?? {}).map(([column, value]) => `"${column}" = ${value}`),
      ];
      if (sets.length > 0) await manager.query(`UPDATE "${entry.table}" t SET ${sets.join(', ')} WHERE ${where}`, [survivorId]);
      for (const column of erasure.emptyCiphertext ?? []) await this.emptyCiphertexts(manager, entry.table, column, where, survivorId);
    }
    await manager.query(`UPDATE survivor SET anonymized_at = $2, updated_at = $2, version = version + 1 WHERE id = $1`, [survivorId, now]);
    const cases = (await manager.query(`SELECT case_number FROM survivor_case WHERE survivor_id = $1 ORDER BY opened_at, case_number`, [survivorId])) as { case_number: string }[];
    await this.audit.record(manager, {
      actor: audit.actor,
      organizationId: audit.organizationId,
      action: 'delete',
      subjectType: 'Survivor',
      subjectId: survivorId,
      fields: [...ERASED_TABLES],
      reason: audit.reason,
    });
    return { survivorId, caseNumbers: cases.map((c) => c.case_number) };
  }

  /** A NOT NULL encrypted column: an encrypted empty text under each row's own AAD, so reads still decrypt. */
  private async emptyCiphertexts(manager: EntityManager, table: string, column: string, where: string, survivorId: string): Promise<void> {
    const ids = ((await manager.query(`SELECT t.id FROM "${table}" t WHERE ${where}`, [survivorId])) as { id: string }[]).map((r) => r.id);
    if (ids.length === 0) return;
    const values = ids.map((id) => this.cipher.encrypt('', { table, column, rowId: id }));
    await manager.query(`UPDATE "${table}" t SET "${column}" = v.value FROM unnest($1::uuid[], $2::text[]) AS v(id, value) WHERE t.id = v.id`, [ids, values]);
  }
}
