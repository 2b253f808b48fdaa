import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SERVICE_TYPES } from '@lantern/contracts';
import type { AppAbility } from '@lantern/permissions';
import { DataSource, type EntityManager } from 'typeorm';
import { scopeQuery } from '../../access/authz/rules-to-sql.js';
import { applyListQuery, type ListQuery, type ListSpec, type Page } from '../../kernel/http/list-query.js';
import { PartnerOrg } from './partner-org.entity.js';

export const PARTNER_ORG_LIST: ListSpec = {
  resource: 'partner-orgs',
  filters: {
    q: { kind: 'search', properties: ['name', 'serviceArea'] },
    // Named like the field it filters (react-admin's convention, issue 13); `serviceType`, its first
    // name, stays as an alias for clients written against it.
    serviceTypes: { kind: 'arrayContains', values: SERVICE_TYPES, property: 'serviceTypes' },
    serviceType: { kind: 'arrayContains', values: SERVICE_TYPES, property: 'serviceTypes' },
    acceptingReferrals: { kind: 'eq', type: 'boolean' },
    active: { kind: 'eq', type: 'boolean' },
  },
  sorts: ['name', 'capacity', 'createdAt', 'updatedAt', 'acceptingReferrals'],
  defaultSort: ['name', 'ASC'],
};

/** The only place that queries partner_org. Every read goes through the permission scope. */
@Injectable()
export class PartnerOrgsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(ability: AppAbility, list: ListQuery): Promise<Page<PartnerOrg>> {
    const qb = this.dataSource.getRepository(PartnerOrg).createQueryBuilder('p');
    scopeQuery(qb, ability, 'read', 'PartnerOrg');
    applyListQuery(qb, list);
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total, skip: list.skip };
  }

  /** A record the ability may read, or null (so an id out of scope looks the same as one that does not exist). */
  async findReadable(ability: AppAbility, id: string, manager: EntityManager = this.dataSource.manager): Promise<PartnerOrg | null> {
    const qb = manager.getRepository(PartnerOrg).createQueryBuilder('p').where('p.id = :id', { id });
    scopeQuery(qb, ability, 'read', 'PartnerOrg');
    return qb.getOne();
  }

  async findInOrganization(organizationId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<PartnerOrg | null> {
    return manager.findOne(PartnerOrg, { where: { id, organizationId } });
  }

  /** Active partners of the organization that accept referrals for `serviceType` and have room. */
  async candidatesFor(organizationId: string, serviceType: string): Promise<PartnerOrg[]> {
    return this.dataSource
      .getRepository(PartnerOrg)
      .createQueryBuilder('p')
      .where('p.organization_id = :org AND p.active AND p.accepting_referrals AND p.capacity > 0 AND p.service_types @> :types', {
        org: organizationId,
        types: [serviceType],
      })
      .getMany();
  }

  async exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(PartnerOrg).exists({ where: { id } });
  }

  async insert(manager: EntityManager, values: Partial<PartnerOrg>): Promise<PartnerOrg> {
    const entity = manager.create(PartnerOrg, values);
    return manager.save(entity);
  }
}
