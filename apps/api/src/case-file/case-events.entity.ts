import { Column, Entity, ForeignKey, Index } from 'typeorm';
import type { CaseStatus } from '@lantern/contracts';
import { BaseRecord } from '../kernel/database/base.entity.js';

/** Who assigned which caseworker to a case, when, and from whom. */
@Entity('case_assignment')
@Index('ix_case_assignment_case', ['caseId', 'assignedAt'])
export class CaseAssignment extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_case_assignment_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid', nullable: true })
  fromUserId!: string | null;

  @ForeignKey('User', { name: 'fk_case_assignment_to_user', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  toUserId!: string;

  @Column({ type: 'uuid' })
  assignedBy!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ type: 'timestamptz' })
  assignedAt!: Date;
}

/** Every status change of a case, with who, when and why. */
@Entity('case_status_change')
@Index('ix_case_status_change_case', ['caseId', 'changedAt'])
export class CaseStatusChange extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_case_status_change_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 10 })
  fromStatus!: CaseStatus;

  @Column({ type: 'varchar', length: 10 })
  toStatus!: CaseStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ type: 'uuid' })
  changedBy!: string;

  @Column({ type: 'timestamptz' })
  changedAt!: Date;
}

/**
 * The last case number given per organization and year. Incremented with an upsert inside the
 * transaction that creates the case, so concurrent creations queue on the row and never collide.
 */
@Entity('case_number_counter')
@Index('uq_case_number_counter', ['organizationId', 'year'], { unique: true })
export class CaseNumberCounter extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'integer' })
  lastValue!: number;
}
