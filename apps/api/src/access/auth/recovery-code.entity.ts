import { ForeignKey, Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/** One MFA recovery code, stored as a hash; usable once. */
@Entity('recovery_code')
@Index('ix_recovery_code_user', ['userId'])
export class RecoveryCode extends BaseRecord {
  @ForeignKey('User', { name: 'fk_recovery_code_user', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 128 })
  codeHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
