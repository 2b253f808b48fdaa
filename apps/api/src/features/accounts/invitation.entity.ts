import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { AccountProfile } from '../../access/auth/account-profile.js';

/**
 * An admin's invitation to join the organization: a single-use link valid 72 hours, of which only the
 * SHA-256 is stored. Resending replaces the token (the old link dies); revoking or accepting ends it.
 */
@Entity('invitation')
@Index('ux_invitation_token', ['tokenHash'], { unique: true })
@Index('ix_invitation_org', ['organizationId', 'createdAt'])
@Index('ix_invitation_email', ['email'])
@Check('ck_invitation_role', `role IN ('admin', 'coordinator', 'caseworker', 'partner', 'analyst')`)
@Check('ck_invitation_partner_org', `(role = 'partner') = (partner_org_id IS NOT NULL)`)
@Check('ck_invitation_locale', `locale IN ('en', 'es')`)
export class Invitation extends AccountProfile {
  @ForeignKey('Organization', { name: 'fk_invitation_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('PartnerOrg', { name: 'fk_invitation_partner_org', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  partnerOrgId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'integer', default: 1 })
  sentCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** The account the invitation became. */
  @ForeignKey('User', { name: 'fk_invitation_user', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;
}
