import type { MergeCounts } from '@lantern/contracts';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * A merge of two records of one survivor (issue 17; docs/duplicates.md, "Merge"): `mergedSurvivorId`
 * was merged into `survivorId` by a coordinator, with a reason. At most one merge stands per merged-away
 * record (until undone). The rows that moved are listed in `survivor_merge_row`, so an undo moves back
 * exactly those. The reasons are staff's words about the records, never the file's content.
 */
@Entity('survivor_merge')
@Index('ix_survivor_merge_survivor', ['survivorId'])
@Index('uq_survivor_merge_standing', ['mergedSurvivorId'], { unique: true, where: `undone_at IS NULL` })
export class SurvivorMerge extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_survivor_merge_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  /** The record that stays. */
  @ForeignKey('Survivor', { name: 'fk_survivor_merge_survivor', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  survivorId!: string;

  /** The record merged away. */
  @ForeignKey('Survivor', { name: 'fk_survivor_merge_merged', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  mergedSurvivorId!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @ForeignKey('User', { name: 'fk_survivor_merge_merged_by', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  mergedBy!: string;

  /** By the application's clock: the undo period counts from here. */
  @Column({ type: 'timestamptz' })
  mergedAt!: Date;

  /** How many rows of each kind moved (what the page shows). */
  @Column({ type: 'jsonb' })
  counts!: MergeCounts;

  /**
   * The custom fields (ids) whose values the merge copied from the merged-away record into the blanks of
   * the one that stays (docs/custom-fields.md, "On the survivor"): an undo removes exactly those.
   */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  customFilled!: string[];

  @Column({ type: 'timestamptz', nullable: true })
  undoneAt!: Date | null;

  @ForeignKey('User', { name: 'fk_survivor_merge_undone_by', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  undoneBy!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  undoReason!: string | null;
}

/** One row a merge moved: `table_name` and the row's id (every moved table has a uuid `id`). */
@Entity('survivor_merge_row')
export class SurvivorMergeRow {
  @ForeignKey('SurvivorMerge', { name: 'fk_survivor_merge_row_merge', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_survivor_merge_row' })
  mergeId!: string;

  @PrimaryColumn({ type: 'varchar', length: 63, primaryKeyConstraintName: 'pk_survivor_merge_row' })
  tableName!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_survivor_merge_row' })
  rowId!: string;
}

export const SURVIVOR_MERGE_ENTITIES = [SurvivorMerge, SurvivorMergeRow];
