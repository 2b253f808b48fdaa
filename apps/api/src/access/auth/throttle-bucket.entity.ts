import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * One counter of the secret-check throttle (`secret-throttle.service.ts`): failed guesses of one account
 * from one address, of one address across accounts, searches of one user. The key is a keyed hash
 * (HMAC with the blind-index key) of the rule and what it counts, so the table names no e-mail
 * address, user or client address in the clear. Rows are forgotten a day after their last hit.
 */
@Entity('throttle_bucket')
@Index('ux_throttle_bucket_key', ['bucketKey'], { unique: true })
@Index('ix_throttle_bucket_last_hit', ['lastHitAt'])
export class ThrottleBucket extends BaseRecord {
  @Column({ type: 'varchar', length: 64 })
  bucketKey!: string;

  /** The rule of THROTTLE_RULES that counts here. */
  @Column({ type: 'varchar', length: 32 })
  rule!: string;

  @Column({ type: 'integer' })
  hits!: number;

  @Column({ type: 'timestamptz' })
  windowStartedAt!: Date;

  @Column({ type: 'timestamptz' })
  lastHitAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;

  /** When the organization's admins were last told about this counter. */
  @Column({ type: 'timestamptz', nullable: true })
  alertedAt!: Date | null;
}
