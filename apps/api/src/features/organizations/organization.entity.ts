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

  /**
   * Bumped by a trigger in the transaction of any change to one of the organization's custom field
   * definitions (migration OrganizationDefinitionsStamp); the session statement reads it, and the
   * definitions kept in memory are used only while it is unchanged (docs/custom-fields.md). Never written
   * by the API: `update: false, insert: false`.
   */
  @Column({ type: 'bigint', default: 0, update: false, insert: false, select: false })
  definitionsStamp!: string;
}
