import { ForeignKey, Check, Column, Entity, Index } from 'typeorm';
import type { ServiceType } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

@Entity('partner_org')
@Index('ix_partner_org_organization', ['organizationId'])
@Index('uq_partner_org_name', ['organizationId', 'name'], { unique: true })
@Check('ck_partner_org_capacity', 'capacity >= 0')
export class PartnerOrg extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_partner_org_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 30, array: true, default: () => "'{}'" })
  serviceTypes!: ServiceType[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  serviceArea!: string | null;

  /** Open slots the partner can take now. */
  @Column({ type: 'integer', default: 0 })
  capacity!: number;

  @Column({ type: 'boolean', default: true })
  acceptingReferrals!: boolean;

  @Column({ type: 'varchar', length: 120, nullable: true })
  contactName!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** ISO 639 codes of the languages the partner serves in; used to suggest partners. */
  @Column({ type: 'varchar', length: 8, array: true, default: () => "'{}'" })
  languages!: string[];
}
