import { ForeignKey, Check, Column, Entity, Index } from 'typeorm';
import { AccountProfile } from './account-profile.js';

@Entity('app_user')
@Check('ck_app_user_role', `role IN ('admin', 'coordinator', 'caseworker', 'partner', 'analyst')`)
@Check('ck_app_user_partner_org', `(role = 'partner') = (partner_org_id IS NOT NULL)`)
@Check('ck_app_user_locale', `locale IN ('en', 'es')`)
@Index('ix_app_user_organization', ['organizationId'])
// The e-mail is unique across the deployment because it is the login name.
@Index('uq_app_user_email', ['email'], { unique: true })
export class User extends AccountProfile {
  @ForeignKey('Organization', { name: 'fk_app_user_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('PartnerOrg', { name: 'fk_app_user_partner_org', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  partnerOrgId!: string | null;

  /** Argon2id PHC string. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'boolean', default: false })
  mfaEnabled!: boolean;

  /** TOTP secret, encrypted with the field cipher (AAD app_user|totp_secret|id). */
  @Column({ type: 'text', nullable: true })
  totpSecret!: string | null;

  /** The last accepted TOTP time step: a code is accepted once only. */
  @Column({ type: 'bigint', nullable: true })
  totpLastStep!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;
}
