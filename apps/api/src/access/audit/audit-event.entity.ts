import { Column, Entity, Index } from 'typeorm';
import type { AuditAction, AuditOutcome } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * Append-only audit trail (docs/security-model.md, Audit trail, docs/security-model.md). Triggers refuse UPDATE, DELETE and TRUNCATE.
 * Each row is chained to the previous row of its chain (one chain per organization) by an HMAC.
 * Holds ids and field names only, never values or PII, so it outlives survivor data purges.
 */
@Entity('audit_event')
@Index('ix_audit_event_chain_seq', ['chainId', 'seq'], { unique: true })
// A link is taken once: no two rows of a chain follow the same row (the audit writer's optimistic append).
@Index('ux_audit_event_chain_link', ['chainId', 'prevHash'], { unique: true })
@Index('ix_audit_event_org_time', ['organizationId', 'occurredAt'])
@Index('ix_audit_event_subject', ['subjectType', 'subjectId'])
@Index('ix_audit_event_actor', ['actorId', 'occurredAt'])
@Index('ix_audit_event_subject_ids', { synchronize: false })
export class AuditEvent extends BaseRecord {
  /** Order within the chain; assigned by the database while the chain lock is held. */
  @Column({ type: 'bigint', generated: 'increment' })
  seq!: string;

  /** The organization's id, or the nil uuid for events that belong to no organization. */
  @Column({ type: 'uuid' })
  chainId!: string;

  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  actorRole!: string | null;

  @Column({ type: 'varchar', length: 32 })
  action!: AuditAction;

  @Column({ type: 'varchar', length: 40, nullable: true })
  subjectType!: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectId!: string | null;

  /** Every record a list read returned (one row per request, not per record); null otherwise. */
  @Column({ type: 'uuid', array: true, nullable: true })
  subjectIds!: string[] | null;

  /** Names of the fields read or changed; never their values. */
  @Column({ type: 'varchar', length: 64, array: true, default: () => "'{}'" })
  fields!: string[];

  @Column({ type: 'varchar', length: 10 })
  outcome!: AuditOutcome;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  /** Why: a break-glass justification, the action that was denied, an override reason. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  rowHash!: string;
}
