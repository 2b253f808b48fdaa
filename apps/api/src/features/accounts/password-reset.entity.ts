import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/** A "forgot password" link: single use, 30 minutes, only its SHA-256 stored; a newer one ends it. */
@Entity('password_reset')
@Index('ux_password_reset_token', ['tokenHash'], { unique: true })
@Index('ix_password_reset_user', ['userId', 'createdAt'])
export class PasswordReset extends BaseRecord {
  @ForeignKey('User', { name: 'fk_password_reset_user', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
