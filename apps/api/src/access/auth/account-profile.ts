import { Column } from 'typeorm';
import type { Locale, Role } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * The columns of who an account is, shared by the account (`app_user`) and the invitation that becomes
 * one (`invitation`, features/accounts), so that what an admin invites with always fits the account.
 * Each table declares its own checks (role, locale), indexes and foreign keys.
 */
export abstract class AccountProfile extends BaseRecord {
  /** Stored lower-cased. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 120 })
  displayName!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  /** The interface language the person chose (LOCALES in libs/contracts); an invitation's mail is in it. */
  @Column({ type: 'varchar', length: 5, default: 'en' })
  locale!: Locale;
}
