import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { IMPORT_FORMATS, IMPORT_STATUSES, type ImportFormat, type ImportMapping, type ImportStatus } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

const within = (column: string, values: readonly string[]) => `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;

/**
 * One spreadsheet brought in by an admin (issue 17, part 4; docs/imports.md). The parsed sheet (header
 * and cells) is kept encrypted in `content` (AAD import_run|content|id) until the run is deleted, so the
 * mapping can be changed and the dry run repeated without a second upload; the rows that failed are kept
 * encrypted in `failures`, as the CSV the admin downloads. Progress is counted in the row itself.
 */
@Entity('import_run')
@Index('ix_import_run_org_created', ['organizationId', 'createdAt'])
@Check('ck_import_run_status', within('status', IMPORT_STATUSES))
@Check('ck_import_run_format', within('format', IMPORT_FORMATS))
export class ImportRun extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_import_run_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 12, default: 'uploaded' })
  status!: ImportStatus;

  @Column({ type: 'varchar', length: 4 })
  format!: ImportFormat;

  @Column({ type: 'integer' })
  rowCount!: number;

  /**
   * The parsed sheet, encrypted: JSON `{ header, rows, formulas }` (workflows/imports/import-sheet.ts).
   * Never loaded with the run (`select: false`): read on its own to check or import (import-view.ts).
   */
  @Column({ type: 'text', select: false })
  content!: string;

  /**
   * The sheet's header row alone, encrypted (AAD import_run|header|id), so showing a run never decrypts
   * the whole sheet; null for runs uploaded before it was kept (their header is read from `content`).
   */
  @Column({ type: 'text', nullable: true })
  header!: string | null;

  /** Columns to fields, values to vocabulary codes, the date format and the default caseworker. */
  @Column({ type: 'jsonb', nullable: true })
  mapping!: ImportMapping | null;

  /** The dry run's findings (problems, unmapped values, likely duplicates), encrypted (AAD import_run|dry_run|id). */
  @Column({ type: 'text', nullable: true })
  dryRun!: string | null;

  @Column({ type: 'integer', default: 0 })
  processed!: number;

  @Column({ type: 'integer', default: 0 })
  imported!: number;

  @Column({ type: 'integer', default: 0 })
  skipped!: number;

  @Column({ type: 'integer', default: 0 })
  failed!: number;

  /** The failed rows as CSV with a reason column, encrypted (AAD import_run|failures|id). */
  @Column({ type: 'text', nullable: true })
  failures!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

/**
 * A row that became a record: its import key (a keyed hash of the row's own key column, or of its whole
 * content) is unique per organization, so running an import again, or the same sheet twice, never
 * makes a second survivor. The key is written in the row's own transaction, first.
 */
@Entity('import_record')
@Index('ix_import_record_run', ['importRunId'])
@Index('ix_import_record_survivor', ['survivorId'])
export class ImportRecord {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_import_record' })
  organizationId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_import_record' })
  importKey!: string;

  @ForeignKey('ImportRun', { name: 'fk_import_record_run', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  importRunId!: string;

  @Column({ type: 'integer' })
  rowNumber!: number;

  @ForeignKey('Survivor', { name: 'fk_import_record_survivor', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  survivorId!: string;

  @ForeignKey('Case', { name: 'fk_import_record_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'timestamptz' })
  importedAt!: Date;
}

/** A saved column mapping, to use again for the next sheet of the same shape. */
@Entity('import_mapping')
@Index('ux_import_mapping_org_name', ['organizationId', 'name'], { unique: true })
export class SavedImportMapping extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_import_mapping_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  @Column({ type: 'jsonb' })
  mapping!: ImportMapping;
}

export const IMPORT_ENTITIES = [ImportRun, ImportRecord, SavedImportMapping];
