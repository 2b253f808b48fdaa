import type { SubjectType } from '@lantern/permissions';
import type { EntityManager } from 'typeorm';
import type { RecordAccess } from '../access/records/record-access.js';
import type { FieldCipher } from '../kernel/crypto/field-cipher.js';
import type { BaseRecord } from '../kernel/database/base.entity.js';
import type { ListQuery, ListSpec, Page } from '../kernel/http/list-query.js';
import { listedWithCaseNumbers, openedWithCaseNumber } from './case-numbers.js';
import type { Plain } from '../kernel/http/serialize.js';

/** A record of a case: a row of its own table naming the case it belongs to. */
export type CaseRecord = BaseRecord & { organizationId: string; caseId: string };

/**
 * The response object of a case's record, before field filtering: its id, organization and case (by id
 * and number), then `fields` (what is its own), then who created it, when, and its version.
 */
export function caseRecordPlain(row: CaseRecord, caseNumber: string | undefined, fields: Plain): Plain {
  return {
    id: row.id,
    organizationId: row.organizationId,
    caseId: row.caseId,
    caseNumber,
    ...fields,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** Where a record's encrypted `note` is kept: the cipher binds the ciphertext to its table, column and row. */
export const noteCell = (table: string, rowId: string) => ({ table, column: 'note', rowId });

/** A note as it is stored: encrypted in its cell, or null when there is none (nothing, or an empty text). */
export function sealedNote(cipher: FieldCipher, table: string, rowId: string, note: string | null | undefined): string | null {
  return note ? cipher.encrypt(note, noteCell(table, rowId)) : null;
}

/**
 * A record's encrypted free-text `note` (column `note` of `table`), decrypted only when this person may
 * read it; absent otherwise, so that field filtering has nothing to drop and nothing is decrypted for nothing.
 */
export function readableNote(cipher: FieldCipher, table: string, row: { id: string; note: string | null }, readable: Set<string>): Plain {
  if (!readable.has('note')) return {};
  return { note: row.note === null ? null : cipher.decrypt(row.note, noteCell(table, row.id)) };
}

/**
 * The two reads of a case's records that name their case by number (services given, immigration relief,
 * funder data): a page of them and one opened, both through the record-access layer (scoped in SQL,
 * field-filtered, audited). A feature's service extends it, naming its subject and list once, and says
 * in `plain` what a record's response object is.
 */
export abstract class CaseRecordReads<E extends CaseRecord> {
  readonly #reads: { access: RecordAccess; manager: EntityManager; subject: SubjectType; spec: ListSpec };

  protected constructor(access: RecordAccess, manager: EntityManager, subject: SubjectType, spec: ListSpec) {
    this.#reads = { access, manager, subject, spec };
  }

  /** The response object of a record, before field filtering (`readable`: what this person may read of it). */
  protected abstract plain(row: E, readable: Set<string>, caseNumber: string | undefined): Plain;

  /** A page of records: scoped in SQL by the rules, field-filtered, audited (one row naming every record shown). */
  list(query: ListQuery): Promise<Page<Plain>> {
    const { access, manager, subject, spec } = this.#reads;
    return access.list<E>({ subject, spec, query, present: listedWithCaseNumbers(manager, (row: E, readable, number) => this.plain(row, readable, number)) });
  }

  /** One record, opened: audited before the answer (RecordAccess.get). */
  get(id: string): Promise<Plain> {
    const { access, subject } = this.#reads;
    return access.get<E>({ subject, id, present: openedWithCaseNumber((row: E, readable, number) => this.plain(row, readable, number)) });
  }
}
