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

/** What may still stop her erasure, read in the erasing transaction. Null when there is no such survivor. */
export interface Erasability {
  anonymized: boolean;
  /** A case of hers is not closed. */
  open: boolean;
  /** A case of hers is on legal hold. */
  held: boolean;
}

/**
 * The caller's part of `anonymize`, both run in its one transaction. `mayErase` sees her state, read with
 * her survivor row locked: false skips her (nothing erased, null returned), a throw refuses and rolls back.
 * `after` writes the caller's own rows once she is erased (a request completed, a purge report).
 */
export interface ErasurePolicy<T> {
  mayErase(manager: EntityManager, state: Erasability | null): Promise<boolean>;
  after?(manager: EntityManager, outcome: ErasureOutcome): Promise<T>;
}

export interface ErasureAudit {
  organizationId: string;
  reason: string;
  /** null for the scheduled job; the current actor otherwise. */
  actor?: null;
}

/**
 * Anonymizes one survivor by the map of survivor-data-map.ts. Two steps, because documents may live in
 * S3 and the embedded database has one connection: `purgeDocuments` first (each document's content and
 * data key destroyed by the documents feature, in transactions of its own, audited there), then `erase`
 * in the caller's transaction, which also writes the caller's audit rows. Both are safe to repeat: a run
 * that fails half-way is run again. `anonymize` runs both for erasure on request and for retention, with
 * the caller's check made again under the lock.
 */
@Injectable()
export class Anonymizer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly documents: DocumentScans,
    private readonly audit: AuditService,
  ) {}

  /**
   * Her documents, then one transaction: her survivor row locked and her state read, `policy.mayErase`,
   * `erase`, `policy.after`. Null when `mayErase` said no; else what `after` returned (the outcome without it).
   */
  async anonymize<T = ErasureOutcome>(survivorId: string, now: Date, audit: ErasureAudit, policy: ErasurePolicy<T>): Promise<T | null> {
    await this.purgeDocuments(survivorId);
    return this.dataSource.transaction(async (manager) => {
      // Checked again under the lock: a hold placed or a case reopened meanwhile wins.
      const state = await this.erasability(manager, survivorId, true);
      if (!(await policy.mayErase(manager, state))) return null;
      const outcome = await this.erase(manager, survivorId, now, audit);
      return policy.after ? policy.after(manager, outcome) : (outcome as T);
    });
  }

  /** Whether she is anonymized, has a case open, or one on legal hold; `lock` takes her survivor row for update. */
  async erasability(manager: EntityManager, survivorId: string, lock: boolean): Promise<Erasability | null> {
    const [state] = (await manager.query(
      `SELECT s.anonymized_at,
              EXISTS (SELECT 1 FROM survivor_case c WHERE c.survivor_id = s.id AND c.status <> 'closed') AS open,
              EXISTS (SELECT 1 FROM legal_hold h JOIN survivor_case c ON c.id = h.case_id WHERE c.survivor_id = s.id AND h.lifted_at IS NULL) AS held
         FROM survivor s WHERE s.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [survivorId],
    )) as { anonymized_at: Date | null; open: boolean; held: boolean }[];
    return state ? { anonymized: !!state.anonymized_at, open: state.open, held: state.held } : null;
  }

  async purgeDocuments(survivorId: string): Promise<void> {
    const rows = (await this.dataSource.query(`SELECT id FROM document WHERE survivor_id = $1 AND purged_at IS NULL ORDER BY id`, [survivorId])) as { id: string }[];
    for (const { id } of rows) await this.documents.purge(id);
  }

  /**
   * Scrubs every table of the map, deletes the blind-index rows and marks the survivor anonymized, then
   * writes one audit row (`delete` on the survivor, naming the tables, never a value). The case rows
   * stay, so her case numbers are returned for the purge report.
   */
  async erase(manager: EntityManager, survivorId: string, now: Date, audit: ErasureAudit): Promise<ErasureOutcome> {
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
    // The records merged into hers (scrubbed with it by the map) are anonymized with her: no way is left to reach them.
    await manager.query(`UPDATE survivor SET anonymized_at = $2, updated_at = $2, version = version + 1 WHERE (id = $1 OR merged_into_id = $1) AND anonymized_at IS NULL`, [survivorId, now]);
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
