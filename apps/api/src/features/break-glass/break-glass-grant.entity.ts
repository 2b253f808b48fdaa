import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * Emergency access (HIPAA's "break-glass"): one user may read one survivor's full file for at most
 * 60 minutes, for a stated reason. Every grant is audited, listed for all admins and shown to the
 * assigned caseworker.
 */
@Entity('break_glass_grant')
@Index('ix_break_glass_grant_user', ['userId', 'expiresAt'])
@Index('ix_break_glass_grant_survivor', ['survivorId'])
export class BreakGlassGrant extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('User', { name: 'fk_break_glass_grant_user', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  userId!: string;

  @ForeignKey('Survivor', { name: 'fk_break_glass_grant_survivor', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  survivorId!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
