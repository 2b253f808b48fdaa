import { Check, Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * One evaluated sign-in attempt, for throttling. Keys are SHA-256 hashes of the normalized login name
 * or of the client IP, so mistyped passwords in the login field are never stored readable.
 */
@Entity('login_attempt')
@Check('ck_login_attempt_kind', `kind IN ('password', 'totp')`)
@Index('ix_login_attempt_account', ['accountKey', 'attemptedAt'])
@Index('ix_login_attempt_ip', ['ipKey', 'attemptedAt'])
export class LoginAttempt extends BaseRecord {
  @Column({ type: 'varchar', length: 64 })
  accountKey!: string;

  @Column({ type: 'varchar', length: 64 })
  ipKey!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: 'password' | 'totp';

  @Column({ type: 'boolean' })
  success!: boolean;

  @Column({ type: 'timestamptz' })
  attemptedAt!: Date;
}
