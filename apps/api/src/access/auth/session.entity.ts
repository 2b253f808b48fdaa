import { ForeignKey, Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * A server-side session. The cookie holds a 256-bit random token; only its SHA-256 is stored, so a
 * copy of the database does not hand out live sessions.
 */
@Entity('session')
@Index('ix_session_user', ['userId'])
export class Session extends BaseRecord {
  @Index('uq_session_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @ForeignKey('User', { name: 'fk_session_user', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;

  /** Absolute end, 12 hours after sign-in whatever the activity. */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Last time the user proved themselves again (password or TOTP); gates exports and break-glass. */
  @Column({ type: 'timestamptz', nullable: true })
  stepUpAt!: Date | null;

  /** An admin without a second factor outside demo mode may only enrol one. */
  @Column({ type: 'boolean', default: false })
  mfaEnrolmentRequired!: boolean;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  userAgent!: string | null;
}
