import { Check, Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * The fingerprint of the key each audit chain is built with (issue 12): HMAC-SHA256 of a fixed label
 * under the audit key, so `audit:verify` can tell a wrong key from tampering before walking a row.
 * Written with the chain's first row; a chain older than this table gets it from the first
 * verification that finds its rows hold under the current key (docs/security-model.md).
 */
@Entity('audit_chain')
@Index('ux_audit_chain_chain', ['chainId'], { unique: true })
export class AuditChainKey extends BaseRecord {
  @Column({ type: 'uuid' })
  chainId!: string;

  @Column({ type: 'varchar', length: 64 })
  keyFingerprint!: string;
}

/** The head of one chain as verified: its last row's seq and hash. */
export interface AuditChainHead {
  chainId: string;
  organizationId: string | null;
  seq: string;
  hash: string;
}

/** One run of the audit verification (the daily job or `audit:verify`), and what it anchored. */
@Entity('audit_verification')
@Index('ix_audit_verification_time', ['verifiedAt'])
@Check('ck_audit_verification_outcome', `outcome IN ('ok', 'broken', 'wrong_key')`)
export class AuditVerification extends BaseRecord {
  @Column({ type: 'timestamptz' })
  verifiedAt!: Date;

  @Column({ type: 'varchar', length: 12 })
  outcome!: 'ok' | 'broken' | 'wrong_key';

  @Column({ type: 'integer' })
  rowsChecked!: number;

  @Column({ type: 'integer' })
  chains!: number;

  /** The fingerprint of the key the verification ran with. */
  @Column({ type: 'varchar', length: 64 })
  keyFingerprint!: string;

  /** Wrong key: the fingerprint the chain records. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  expectedFingerprint!: string | null;

  /** Broken or wrong key: the chain at fault. */
  @Column({ type: 'uuid', nullable: true })
  brokenChainId!: string | null;

  /** Broken: the first bad row. */
  @Column({ type: 'uuid', nullable: true })
  brokenRowId!: string | null;

  @Column({ type: 'bigint', nullable: true })
  brokenSeq!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  problem!: string | null;

  /** The head of every chain as verified (seq and hash of its last row). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  heads!: AuditChainHead[];

  /** Whether the heads were written to the external anchor: written, failed, or off (none configured). */
  @Column({ type: 'varchar', length: 8, default: 'off' })
  anchor!: 'written' | 'failed' | 'off';
}
