import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ROLES } from '@lantern/contracts';
import type { AppAbility } from '@lantern/permissions';
import { DataSource, type EntityManager } from 'typeorm';
import { scopeQuery } from '../../access/authz/rules-to-sql.js';
import { applyListQuery, type ListQuery, type ListSpec, type Page } from '../../kernel/http/list-query.js';
import { User } from '../../access/auth/user.entity.js';

export const USER_LIST: ListSpec = {
  resource: 'users',
  filters: {
    q: { kind: 'search', properties: ['displayName', 'email'] },
    role: { kind: 'eq', type: 'enum', values: ROLES },
    active: { kind: 'eq', type: 'boolean' },
    partnerOrgId: { kind: 'eq', type: 'uuid' },
  },
  sorts: ['displayName', 'email', 'role', 'createdAt', 'lastLoginAt'],
  defaultSort: ['displayName', 'ASC'],
};

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(ability: AppAbility, list: ListQuery): Promise<Page<User>> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    scopeQuery(qb, ability, 'read', 'User');
    applyListQuery(qb, list);
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total, skip: list.skip };
  }

  async findReadable(ability: AppAbility, id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    const qb = manager.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id });
    scopeQuery(qb, ability, 'read', 'User');
    return qb.getOne();
  }

  async exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(User).exists({ where: { id } });
  }

  async countActiveAdmins(manager: EntityManager, organizationId: string): Promise<number> {
    return manager.count(User, { where: { organizationId, role: 'admin', active: true } });
  }

  async insert(manager: EntityManager, values: Partial<User>): Promise<User> {
    return manager.save(manager.create(User, values));
  }
}
