import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/** A tenant: one program or nonprofit. Nothing crosses organizations except an explicit referral. */
@Entity('organization')
export class Organization extends BaseRecord {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index('uq_organization_slug', { unique: true })
  @Column({ type: 'varchar', length: 63 })
  slug!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
