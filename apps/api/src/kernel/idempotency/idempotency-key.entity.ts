import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord } from '../database/base.entity.js';

/**
 * A create request's Idempotency-Key and the answer it got, kept 24 hours so a retry from an outreach
 * worker on a bad network replays the first answer instead of creating a duplicate. The stored body
 * may hold survivor data, so it is encrypted like any other sensitive column.
 */
@Entity('idempotency_key')
@Index('uq_idempotency_key_user_key', ['userId', 'key'], { unique: true })
@Index('ix_idempotency_key_expires', ['expiresAt'])
@Check('ck_idempotency_key_state', `state IN ('pending', 'done')`)
export class IdempotencyKey extends BaseRecord {
  @ForeignKey('User', { name: 'fk_idempotency_key_user', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 128 })
  key!: string;

  /** SHA-256 of method, route and body: the same key with another request is refused. */
  @Column({ type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ type: 'varchar', length: 10 })
  state!: 'pending' | 'done';

  @Column({ type: 'integer', nullable: true })
  responseStatus!: number | null;

  /** The response body, encrypted (AAD idempotency_key|response_body|id). */
  @Column({ type: 'text', nullable: true })
  responseBody!: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
