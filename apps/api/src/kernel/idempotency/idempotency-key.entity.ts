import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord } from '../database/base.entity.js';

/**
 * A create request's Idempotency-Key, kept 24 hours so a retry from an outreach worker on a bad network
 * answers with the record the first request created instead of creating a duplicate. The row is
 * written in the same transaction as that record (`pending`: the record exists, its answer is not yet
 * stored), then marked `done` with the answer. The stored body may hold survivor data, so it is
 * encrypted like any other sensitive column, and a replay re-reads the record through the access layer.
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

  /** The record the request created (its entity name and id): what a retry answers with. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  subjectType!: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectId!: string | null;

  /** When the key was written; a `pending` key older than the lease may be taken over by a retry. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  claimedAt!: Date;
}
